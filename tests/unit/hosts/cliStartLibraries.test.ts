/**
 * A CLI command that opens a workspace does not load the libraries only drawing, reading PDFs or
 * workbooks need: ExcelJS, pdf-lib, fontkit and qrcode took most of its start (bench/cliStart.ts).
 * The process is the real CLI; a preloaded script lists the packages Node loaded when it exits.
 */
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { CLI_BIN } from '../../support/cli';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, tempDir } from '../../support/workspace';

const dir = tempDir('zhicheng-cli-libraries-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LISTER = `
process.on('exit', () => {
  const packages = new Set();
  for (const file of Object.keys(require('node:module')._cache)) {
    const found = /node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)/.exec(file);
    if (found) packages.add(found[1].replace('\\\\', '/'));
  }
  require('node:fs').writeFileSync(process.env.LOADED_PACKAGES, JSON.stringify([...packages]));
});
`;

async function packagesLoadedBy(...args: string[]): Promise<string[]> {
  const lister = join(dir, 'lister.cjs');
  const out = join(dir, 'loaded.json');
  writeFileSync(lister, LISTER);
  await promisify(execFile)(process.execPath, ['--require', lister, CLI_BIN, ...args], {
    env: { ...process.env, LOADED_PACKAGES: out },
  });
  return JSON.parse(readFileSync(out, 'utf8')) as string[];
}

const HEAVY = ['exceljs', 'pdf-lib', 'fontkit', 'qrcode', 'sharp', 'onnxruntime-node', 'ppu-paddle-ocr', 'pdfjs-dist'];

it('opening a workspace to list or change it loads none of ExcelJS, pdf-lib, fontkit, qrcode, sharp and the OCR', async () => {
  const data = join(dir, 'ws');
  const listed = await packagesLoadedBy('inbox', 'folders', '--data', data, '--json');
  expect(listed).toContain('better-sqlite3'); // the lister sees what the command loads
  expect(listed.filter((name) => HEAVY.includes(name))).toEqual([]);
  const created = await packagesLoadedBy('batch', 'create', '--data', data, '--type', '初定', '--name', '甲', '--json');
  expect(created.filter((name) => HEAVY.includes(name))).toEqual([]);
});

it('a command that draws loads them when it draws: a cover sheet with its QR code and font', async () => {
  const data = join(dir, 'ws');
  const idNumber = makeIdNumber('320102', '1990-05-01', 21);
  const ws = await openTestWorkspace(data);
  await ws.call('people.save', { name: '李四', idNumber, workStartedOn: '2012-07-01' });
  ws.app.close();
  const out = join(dir, '封面.pdf');
  const loaded = await packagesLoadedBy(
    'inbox',
    'cover',
    '--data',
    data,
    '--person',
    idNumber,
    '--type',
    '年度考核表',
    '--year',
    '2024',
    '--out',
    out,
  );
  expect(loaded).toEqual(expect.arrayContaining(['pdf-lib', 'qrcode', 'fontkit']));
  expect(readFileSync(out).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

it('`pdf compress` loads no library in the CLI itself: the engine process does the work', async () => {
  const input = join(dir, '扫描.pdf');
  const doc = await PDFDocument.create();
  doc.addPage([595, 842]).drawText('scan');
  writeFileSync(input, await doc.save());
  const loaded = await packagesLoadedBy('pdf', 'compress', input, join(dir, '压缩.pdf'), '--max-bytes', '100000');
  // Not SQLite nor anything else of the app's: they held up the engine's start by a third of a second.
  expect(loaded.filter((name) => [...HEAVY, 'better-sqlite3', 'drizzle-orm', 'zod'].includes(name))).toEqual([]);
  expect(readFileSync(join(dir, '压缩.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
