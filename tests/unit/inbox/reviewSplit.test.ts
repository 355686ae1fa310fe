/**
 * 待确认 splits a multi-page scan by page ranges among people and types, on a real workspace with
 * a real three-page scan: each range filed to its person as a PDF of exactly its pages, the scan
 * released only when every part is through, bad ranges refused by part, and all rows of a split
 * written together or not at all.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPdfEngine, type PdfEngine } from '../../../electron/services/pdf/engine';
import { inboxWorld, scanPageJpeg, scannedPdf, type InboxWorld, type Person } from './support';

let engine: PdfEngine;
let world: InboxWorld;
beforeAll(() => {
  engine = createPdfEngine({ maxJobs: 2 });
});
afterAll(() => engine.close());
afterEach(() => world?.cleanup());

/** A three-page scan no name identifies: it waits in review. */
async function scanInReview(pages: Uint8Array[]): Promise<number> {
  world.drop('scan0002.pdf', await scannedPdf(pages));
  const [file] = await world.inbox.pipeline.runOnce();
  expect(file!.state).toBe('needs_review');
  return file!.id;
}

const docsOf = async (person: Person) => world.ws.call('documents.list', { employeeId: person.id });
const pagesOf = async (documentId: number) => {
  const { base64 } = await world.ws.call('documents.file', { id: documentId });
  return (await PDFDocument.load(Buffer.from(base64, 'base64'))).getPageCount();
};

describe('splitting a scan in review', () => {
  it('files pages 1–2 to 张三 as 学历证书 and page 3 to 李四 as 2023 年度考核表, then releases the scan', async () => {
    world = await inboxWorld(engine);
    const zhang = await world.addPerson('张三', 21);
    const li = await world.addPerson('李四', 22);
    const id = await scanInReview([await scanPageJpeg(1), await scanPageJpeg(2), await scanPageJpeg(3)]);

    const parts = await world.ws.call('inbox.split', {
      id,
      parts: [
        { from: 1, to: 2, employeeId: zhang.id, materialType: '学历证书' },
        { from: 3, to: 3, employeeId: li.id, materialType: '年度考核表', year: 2023 },
      ],
    });
    expect(parts.map((p) => [p.state, p.personName, p.materialType, p.year, p.pages])).toEqual([
      ['released', '张三', '学历证书', null, 2],
      ['released', '李四', '年度考核表', 2023, 1],
    ]);
    const [diploma] = await docsOf(zhang);
    const [assessment] = await docsOf(li);
    expect(diploma).toMatchObject({ materialType: '学历证书', fileName: '张三_学历证书.pdf' });
    expect(assessment).toMatchObject({ materialType: '年度考核表', year: 2023, fileName: '李四_年度考核表_2023.pdf' });
    expect(await pagesOf(diploma!.id)).toBe(2);
    expect(await pagesOf(assessment!.id)).toBe(1);
    // Both made from the one original, kept once.
    expect(diploma!.originalId).not.toBeNull();
    expect(assessment!.originalId).toBe(diploma!.originalId);

    const scan = await world.ws.call('inbox.file', { id });
    expect(scan.state).toBe('released');
    expect(scan.events.map((e) => e.detail)).toContain('人工拆分为 2 份');
    expect(world.inbox.repo.children(id).map((c) => JSON.parse(c.partPages!))).toEqual([[1, 2], [3]]);
    expect(existsSync(join(world.scanDir, 'scan0002.pdf'))).toBe(false);
    expect(readdirSync(join(world.scanDir, '已处理'))).toEqual(['scan0002.pdf']);
    expect(await world.ws.call('inbox.files', { kind: 'review' })).toEqual([]);
  });

  it('refuses bad ranges by their part and writes nothing', async () => {
    world = await inboxWorld(engine);
    const zhang = await world.addPerson('张三', 21);
    const id = await scanInReview([await scanPageJpeg(1), await scanPageJpeg(2), await scanPageJpeg(3)]);
    const part = (from: number, to: number, materialType = '学历证书', year?: number) => ({
      from,
      to,
      employeeId: zhang.id,
      materialType,
      year,
    });
    const refused = async (parts: ReturnType<typeof part>[]) => {
      const answer = await world.ws.app.invoke('inbox.split', { id, parts });
      expect(answer.ok).toBe(false);
      return answer.ok ? '' : answer.error.message;
    };
    expect(await refused([part(1, 2), part(2, 3)])).toBe('第 2 段与第 1 段的页码重叠（第 2 页）');
    expect(await refused([part(2, 4)])).toBe('第 1 段的页码 2–4 超出文件的第 1–3 页');
    expect(await refused([part(3, 1)])).toBe('第 1 段的起始页 3 大于结束页 1');
    expect(await refused([part(1, 1), part(2, 3, '年度考核表')])).toBe('第 2 段：「年度考核表」按年度归档，请填写年度');
    expect(await refused([part(1, 3, '毕业照')])).toBe('第 1 段：「毕业照」不是已知的材料类型');

    // A commit cut short (here: a part's work id already taken) leaves no part and the file in review.
    const { id: _id, createdAt: _c, updatedAt: _u, ...row } = world.inbox.repo.file(id)!;
    world.inbox.repo.insertFile({ ...row, jobId: `${row.jobId}-r2`, claimedPath: null, relPath: 'other.pdf' });
    const documentsBefore = world.ws.app.database.sqlite.prepare('SELECT count(*) AS n FROM documents').get();
    expect(await refused([part(1, 1), part(2, 3)])).not.toBe('');
    expect(world.inbox.repo.children(id)).toEqual([]);
    expect(world.inbox.repo.file(id)!.state).toBe('needs_review');
    expect(world.ws.app.database.sqlite.prepare('SELECT count(*) AS n FROM documents').get()).toEqual(documentsBefore);
  });

  it('keeps the scan until its last part is through: a part that cannot fit waits in review', async () => {
    world = await inboxWorld(engine);
    const zhang = await world.addPerson('张三', 21);
    const li = await world.addPerson('李四', 22);
    await world.inbox.settings.save({ limitsKb: { 工作经历证明: 10 } });
    const id = await scanInReview([await scanPageJpeg(1), await scanPageJpeg(2, 150, 95)]);

    const parts = await world.ws.call('inbox.split', {
      id,
      parts: [
        { from: 1, to: 1, employeeId: zhang.id, materialType: '学历证书' },
        { from: 2, to: 2, employeeId: li.id, materialType: '工作经历证明' },
      ],
    });
    expect(parts.map((p) => p.state)).toEqual(['released', 'needs_review']);
    expect((await world.ws.call('inbox.file', { id })).state).toBe('split');
    expect(existsSync(join(world.scanDir, 'scan0002.pdf'))).toBe(false); // claimed, not yet released
    expect(existsSync(join(world.scanDir, '已处理'))).toBe(false);

    // The user files the part that did not fit under another type: now the scan is done.
    const tight = parts[1]!;
    const filed = await world.ws.call('inbox.assign', { id: tight.id, employeeId: li.id, materialType: '业绩证明' });
    expect(filed.state).toBe('released');
    expect((await world.ws.call('inbox.file', { id })).state).toBe('released');
    expect(readdirSync(join(world.scanDir, '已处理'))).toEqual(['scan0002.pdf']);
  });
});
