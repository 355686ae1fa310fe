import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli';
import { CORPUS_ROSTER, corpusPlan, generateReadingCorpus, type CorpusTruth } from '../../support/readingCorpus';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../../support/workspace';

const dir = tempDir('zhicheng-docread-');
let textPdf: CorpusTruth;
let upsideDown: CorpusTruth;
let ws: TestWorkspace;

beforeAll(async () => {
  const plan = corpusPlan();
  const wanted = [plan.findIndex((p) => p.form === 'textPdf'), plan.findIndex((p) => p.form === 'upsideDown')];
  const truths = await generateReadingCorpus(dir, { only: wanted });
  textPdf = truths.find((t) => t.form === 'textPdf')!;
  upsideDown = truths.find((t) => t.form === 'upsideDown')!;
  ws = await openTestWorkspace();
  const owner = CORPUS_ROSTER.find((p) => p.personId === textPdf.personId)!;
  await ws.call('people.save', { name: owner.name, idNumber: owner.idNumber });
  ws.app.close();
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await rm(ws.dir, { recursive: true, force: true });
});

describe('zhicheng doc read', () => {
  it('prints a text-layer PDF’s pages, type, year, ID numbers and fields, and no person without --data', async () => {
    const { code, stdout } = await runCli('doc', 'read', join(dir, textPdf.file), '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(Object.keys(out)).toEqual(['ok', 'pages', 'type', 'year', 'idNumbers', 'person', 'fields']);
    expect(out.pages).toHaveLength(1);
    expect(out.pages[0]).toMatchObject({ page: 1, source: 'text', rotated: 0 });
    expect(Object.keys(out.pages[0])).toEqual(['page', 'source', 'rotated', 'ms', 'text']);
    expect(out).toMatchObject({ ok: true, type: textPdf.type, year: textPdf.year, idNumbers: [textPdf.idNumber] });
    expect(out.person).toBeNull();
  }, 120_000);

  it('names the person from the workspace’s roster with --data', async () => {
    const { code, stdout } = await runCli('doc', 'read', join(dir, textPdf.file), '--data', ws.dir, '--json');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).person).toEqual({ idNumber: textPdf.idNumber, name: textPdf.name, by: 'idNumber' });
  }, 120_000);

  it('reads an upside-down scan by OCR, turned 180°', async () => {
    const { code, stdout } = await runCli('doc', 'read', join(dir, upsideDown.file), '--json');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.pages[0]).toMatchObject({ source: 'ocr', rotated: 180 });
    expect(out).toMatchObject({ type: upsideDown.type, idNumbers: [upsideDown.idNumber] });
  }, 180_000);

  it('refuses a file it cannot read with exit 2 and the usual failure shape', async () => {
    const missing = await runCli('doc', 'read', join(dir, '没有这个文件.pdf'), '--json');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toEqual({
      ok: false,
      code: 'FILE_UNREADABLE',
      message: '找不到或无法读取文件「没有这个文件.pdf」。',
    });
    await writeFile(join(dir, 'Scan_0001.pdf'), '这不是 PDF');
    const damaged = await runCli('doc', 'read', join(dir, 'Scan_0001.pdf'), '--json');
    expect(damaged.code).toBe(2);
    expect(JSON.parse(damaged.stdout)).toMatchObject({ ok: false, code: 'NOT_A_PDF' });
  }, 120_000);
});
