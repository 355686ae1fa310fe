/**
 * Damaged input and refused writes each get their own code and a Chinese message, never an
 * internal error with a library's English: a page tree that contains itself, an export to a
 * read-only folder, and a walk through the API's error paths checking every message.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountTmpfs, remountReadOnly, unmountAll } from '../support/tmpfs';
import { openTestWorkspace, tempDir, toBase64, type TestWorkspace } from '../support/workspace';
import { writeFileSync } from 'node:fs';

const BIN = resolve(import.meta.dirname, '../../bin/zhicheng.mjs');

/** A hand-written PDF of the given objects (object 1 is the catalogue). */
function handWrittenPdf(objects: string[]): Uint8Array {
  let out = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const PAGE_TREE_LOOP = handWrittenPdf([
  '<< /Type /Catalog /Pages 2 0 R >>',
  '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>',
  '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
]);

/**
 * Words of three or more Latin letters outside 「quoted」 names, apart from the names of formats and
 * products a Chinese user knows by them.
 */
function englishIn(message: string): string[] {
  const known =
    /^(PDF|JSON|Excel|WPS|HTTP|MB|KB|GB|dpi|JPG|JPEG|PNG|TIFF|HEIC|zip|xlsx|csv|txt|iPhone|Windows|Mac|token|ZHICHENG_DEBUG|sha256|UTF|GBK|data|out)$/i;
  return (message.replace(/「[^」]*」/g, '').match(/[A-Za-z_]{3,}\d*/g) ?? []).filter((w) => !known.test(w));
}

let ws: TestWorkspace;
let personId: number;
beforeAll(async () => {
  ws = await openTestWorkspace();
  personId = (await ws.call('people.save', { name: '张三', idNumber: '11010519491231002X' })).person.id;
});
afterAll(() => {
  ws.cleanup();
  unmountAll();
});

describe('damaged input', () => {
  it('a page tree that contains itself, given as a template background, is refused as damaged', async () => {
    const refused = await ws.app.invoke('letters.templates.importBackground', {
      fileName: '背景.pdf',
      base64: toBase64(PAGE_TREE_LOOP),
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('已损坏') },
    });
  });
});

describe('a workspace export to a read-only folder', () => {
  const readOnly = mountTmpfs(4);
  if (readOnly) remountReadOnly(readOnly);

  it.skipIf(!readOnly)('is refused through the API with its own code and a Chinese message', async () => {
    const refused = await ws.app.invoke('workspace.export', { folder: readOnly! });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'REFUSED', message: expect.stringContaining('没有写入权限') },
    });
  });

  it.skipIf(!readOnly)('exits 2 from the CLI, with no English in its message', async () => {
    const data = tempDir('zhicheng-cli-export-');
    const run = await promisify(execFile)(
      process.execPath,
      [BIN, 'workspace', 'export', '--data', data, '--out', join(readOnly!, 'w.zip'), '--json'],
      { encoding: 'utf8' },
    ).then(
      () => ({ code: 0, stdout: '' }),
      (e: { code: number; stdout: string }) => e,
    );
    expect(run.code).toBe(2);
    const answer = JSON.parse(run.stdout) as { ok: boolean; message: string };
    expect(answer.message).toContain('没有写入权限');
    expect(englishIn(answer.message)).toEqual([]);
  });
});

describe('every refusal on the way, in Chinese', () => {
  const notAZip = join(tempDir('zhicheng-not-zip-'), '归档.zip');
  writeFileSync(notAZip, 'PK but not really a zip');
  const foreignZip = join(tempDir('zhicheng-foreign-'), '别的.zip');
  writeFileSync(foreignZip, zipSync({ 'manifest.json': strToU8('{"format":"other"}') }));
  const garbage = toBase64('这不是任何一种文件');

  const calls: Array<[string, () => Record<string, unknown>]> = [
    ['units.save', () => ({ name: '' })],
    ['people.save', () => ({ name: '李四', idNumber: '110105194912310021' })],
    ['documents.file', () => ({ id: 999 })],
    [
      'documents.add',
      () => ({ employeeId: personId, materialType: '学历证书', files: [{ fileName: '坏.pdf', base64: garbage }] }),
    ],
    [
      'documents.add',
      () => ({
        employeeId: personId,
        materialType: '学历证书',
        files: [{ fileName: '环.pdf', base64: toBase64(PAGE_TREE_LOOP) }],
      }),
    ],
    ['roster.preview', () => ({ fileName: '名单.xlsx', base64: garbage })],
    ['roster.preview', () => ({ fileName: '名单.xlsx', base64: toBase64(zipSync({ 'x.xml': strToU8('<') })) })],
    ['letters.templates.importBackground', () => ({ fileName: '背景.pdf', base64: garbage })],
    ['workspace.import', () => ({ archive: notAZip, target: tempDir('zhicheng-t-') })],
    ['workspace.import', () => ({ archive: foreignZip, target: tempDir('zhicheng-t-') })],
    ['workspace.import', () => ({ archive: '/没有/这个.zip', target: tempDir('zhicheng-t-') })],
    ['workspace.export', () => ({ folder: 'relative/folder' })],
    ['backups.restore', () => ({ name: 'nope.sqlite' })],
    ['backups.setLocation', () => ({ folder: 'relative/folder' })],
    ['backups.setLocation', () => ({ folder: ws.app.paths.libraryDir })],
    ['backups.setLocation', () => ({ folder: '/没有/这个文件夹' })],
    ['kits.export', () => ({ batchId: 1, folder: ws.app.paths.backupsDir })],
    ['batches.get', () => ({ id: 999 })],
    ['nope.route', () => ({})],
  ];

  it.each(calls)('%s refuses without English', async (route, input) => {
    const answer = await ws.app.invoke(route, input());
    expect(answer.ok, JSON.stringify(answer)).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).not.toBe('INTERNAL');
    expect(englishIn(answer.error.message), answer.error.message).toEqual([]);
  });
});
