/**
 * A person's documents through the API as the documents tab uses them: the stored bytes for the
 * preview, the 学信网备案表's valid-until date (its default and its correction), and adding as a
 * job that reports progress and can be cancelled by its id.
 */
import { PDFDocument } from 'pdf-lib';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../shared/api/dispatch';
import { createInboxHandlers } from '../../../electron/services/inbox/handlers';
import { createJobs } from '../../../electron/services/jobs/jobs';
import { smallPdf } from '../../support/documents';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, toBase64, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
afterEach(() => ws?.cleanup());

async function withPerson() {
  ws = await openTestWorkspace();
  const { person } = await ws.call('people.save', {
    name: '赵文静',
    idNumber: makeIdNumber('320102', '1990-05-06', 21),
    workStartedOn: '2012-07-01',
    category: '企业',
  });
  return person.id;
}

const addDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('documents.file', () => {
  it('returns the filed PDF and, by its own id, the original as it was given', async () => {
    const employeeId = await withPerson();
    const given = await smallPdf('diploma of zhao', 2000);
    const [added] = await ws.call('documents.add', {
      employeeId,
      materialType: '学历证书',
      files: [{ fileName: '毕业证.pdf', base64: toBase64(given) }],
    });
    const filed = await ws.call('documents.file', { id: added!.documentId });
    expect(filed.fileName).toBe(added!.fileName);
    expect(filed.mime).toBe('application/pdf');
    const doc = await PDFDocument.load(Buffer.from(filed.base64, 'base64'));
    expect(doc.getPageCount()).toBe(1);

    const original = await ws.call('documents.file', { id: added!.originalDocumentId });
    expect(Buffer.from(original.base64, 'base64').equals(Buffer.from(given))).toBe(true);
    expect(original.fileName).toBe('毕业证.pdf');
  });

  it('refuses an unknown document with a Chinese message', async () => {
    await withPerson();
    const answer = await ws.app.invoke('documents.file', { id: 999 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: '该材料不存在或已被删除' } });
  });
});

describe('documents.add of a file the person already has', () => {
  it('links a renamed copy, of the original or of the filed PDF, to the filed document instead of adding it', async () => {
    const employeeId = await withPerson();
    const given = await smallPdf('学信网备案表 of zhao', 2000);
    const add = (fileName: string, bytes: Uint8Array) =>
      ws.call('documents.add', {
        employeeId,
        materialType: '学信网备案表',
        files: [{ fileName, base64: toBase64(bytes) }],
      });
    const [first] = await add('学信网备案表.pdf', given);
    expect(first).toMatchObject({ duplicate: false });
    const [again] = await add('扫描全能王 2026-12-06 10.15.pdf', given);
    expect(again).toMatchObject({ duplicate: true, documentId: first!.documentId, fileName: first!.fileName });
    const filed = Buffer.from((await ws.call('documents.file', { id: first!.documentId })).base64, 'base64');
    const [fromOutput] = await add('下载的备案表.pdf', filed);
    expect(fromOutput).toMatchObject({ duplicate: true, documentId: first!.documentId });
    expect(await ws.call('documents.list', { employeeId })).toHaveLength(1);
    // Replacing a document with the same file changes nothing.
    const replaced = await ws.call('documents.replace', {
      id: first!.documentId,
      file: { fileName: 'x.pdf', base64: toBase64(given) },
    });
    expect(replaced.documentId).toBe(first!.documentId);
    expect((await ws.call('documents.list', { employeeId })).map((d) => d.status)).toEqual(['active']);
  });
});

describe('the 学信网备案表 valid-until date', () => {
  it('defaults to the pack’s 90 days after filing, is corrected alone, and leaves the year untouched', async () => {
    const employeeId = await withPerson();
    const [report] = await ws.call('documents.add', {
      employeeId,
      materialType: '学信网备案表',
      files: [{ fileName: '学信网备案表.pdf', base64: toBase64(await smallPdf('chsi report')) }],
    });
    const [assessment] = await ws.call('documents.add', {
      employeeId,
      materialType: '年度考核表',
      year: 2023,
      files: [{ fileName: '考核.pdf', base64: toBase64(await smallPdf('assessment')) }],
    });
    const listed = await ws.call('documents.list', { employeeId });
    expect(listed.find((d) => d.id === report!.documentId)?.validUntil).toBe(addDays(90));
    expect(listed.find((d) => d.id === assessment!.documentId)?.validUntil).toBeNull();
    // How long is the rule pack's 学信网备案表有效期, edited in 设置 › 申报规则.
    const pack = await ws.call('eligibility.pack.get', {});
    await ws.call('eligibility.pack.save', { ...pack, recordValidityDays: 30 });
    const [shorter] = await ws.call('documents.add', {
      employeeId,
      materialType: '学信网备案表',
      files: [{ fileName: '学信网备案表2.pdf', base64: toBase64(await smallPdf('chsi report 2')) }],
    });
    const again = await ws.call('documents.list', { employeeId });
    expect(again.find((d) => d.id === shorter!.documentId)?.validUntil).toBe(addDays(30));

    const corrected = await ws.call('documents.update', { id: report!.documentId, validUntil: '2026-03-31' });
    expect(corrected.validUntil).toBe('2026-03-31');
    // Changing the valid-until date alone keeps the year; changing the year alone keeps the date.
    const year = await ws.call('documents.update', { id: assessment!.documentId, validUntil: '2027-01-01' });
    expect(year).toMatchObject({ year: 2023, validUntil: '2027-01-01' });
    expect(await ws.call('documents.update', { id: assessment!.documentId, year: 2024 })).toMatchObject({
      year: 2024,
      validUntil: '2027-01-01',
    });

    const bad = await ws.app.invoke('documents.update', { id: report!.documentId, validUntil: '2026-02-30' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.message).toContain('有效期至');
  });
});

describe('documents.add as a job', () => {
  it('reports progress per file under its jobId', async () => {
    const employeeId = await withPerson();
    const progress: Array<{ jobId: string; done: number; total: number }> = [];
    const jobs = createJobs((name, payload) => {
      if (name === 'job.progress') progress.push(payload as (typeof progress)[number]);
    });
    const handlers = createInboxHandlers(ws.app.services.inbox, jobs);
    const files = await Promise.all(
      ['a', 'b', 'c'].map(async (n) => ({ fileName: `${n}.pdf`, base64: toBase64(await smallPdf(`page ${n}`)) })),
    );
    const added = await handlers['documents.add']({ employeeId, materialType: '工作业绩', files, jobId: 'add-1' }, {});
    expect(added).toHaveLength(3);
    expect(progress.map((p) => `${p.jobId}:${p.done}/${p.total}`)).toEqual([
      'add-1:0/3',
      'add-1:1/3',
      'add-1:2/3',
      'add-1:3/3',
    ]);
  });

  it('cancelled by its jobId, adds nothing', async () => {
    const employeeId = await withPerson();
    const jobs = createJobs(() => {});
    const handlers = createInboxHandlers(ws.app.services.inbox, jobs);
    const files = await Promise.all(
      ['a', 'b'].map(async (n) => ({ fileName: `${n}.pdf`, base64: toBase64(await smallPdf(`page ${n}`)) })),
    );
    // Cancelled before its request arrives, as a user's click can overtake a large upload.
    jobs.cancel('add-2');
    const attempt = handlers['documents.add']({ employeeId, materialType: '工作业绩', files, jobId: 'add-2' }, {});
    await expect(attempt).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(unwrap(await ws.app.invoke('documents.list', { employeeId }))).toHaveLength(0);
  });
});
