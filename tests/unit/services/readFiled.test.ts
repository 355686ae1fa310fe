/**
 * A filed scan read again at HR's asking: the inbox files a scan HR named without OCR, so it has
 * no text and made no suggestions; 识别 reads its pages (real OCR in the engine's processes),
 * keeps the text for search and offers the record it holds, once.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { CORPUS_ROSTER, corpusPlan, generateReadingCorpus, type CorpusTruth } from '../../support/readingCorpus';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
let dir: string;
let truth: CorpusTruth;
let personId: number;
let documentId: number;

beforeAll(async () => {
  ws = await openTestWorkspace();
  dir = tempDir('zhicheng-read-filed-');
  const index = corpusPlan().findIndex((p) => p.kind === 'assessment' && p.form.startsWith('scan'));
  [truth] = (await generateReadingCorpus(dir, { only: [index] })) as [CorpusTruth];
  const person = CORPUS_ROSTER[truth.personId! - 1]!;
  personId = (
    await ws.call('people.save', { name: person.name, idNumber: person.idNumber, workStartedOn: '2010-07-01' })
  ).person.id;
  documentId = ws.app.services.library.store(readFileSync(join(dir, truth.file)), {
    employeeId: personId,
    materialType: '年度考核表',
    year: truth.year,
    fileName: `${person.name}_年度考核表_${truth.year}.pdf`,
    mime: 'application/pdf',
    source: '扫描',
  }).id;
}, 120_000);

afterAll(() => {
  ws.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const pending = () => ws.call('suggestions.list', { employeeId: personId, status: 'pending' });

describe('reading a filed document again', () => {
  it('keeps its OCR text for search and offers its record, once however often it is read', async () => {
    expect(await pending()).toEqual([]);
    expect(await ws.call('documents.search', { query: '考核' })).toEqual([]);

    expect(await ws.call('documents.read', { id: documentId })).toEqual({ pages: 1, ocrPages: 1, suggestions: 1 });
    const [offered, ...more] = await pending();
    expect(more).toEqual([]);
    expect(offered).toMatchObject({ kind: 'assessment', documentId, fields: truth.fields.assessment });
    expect((await ws.call('documents.search', { query: '考核' })).map((h) => h.documentId)).toEqual([documentId]);

    expect(await ws.call('documents.read', { id: documentId })).toMatchObject({ suggestions: 1 });
    expect((await pending()).map((s) => s.id)).toEqual([offered!.id]);
  }, 120_000);

  it('does not offer again what HR has ignored', async () => {
    const [offered] = await pending();
    await ws.call('suggestions.reject', { id: offered!.id });
    expect(await ws.call('documents.read', { id: documentId })).toMatchObject({ suggestions: 0 });
    expect(await pending()).toEqual([]);
  }, 120_000);

  it('refuses a document that is not in use, in Chinese', async () => {
    ws.app.services.repos.documents.setStatus(documentId, 'trashed');
    await expect(ws.call('documents.read', { id: documentId })).rejects.toThrow(AppError);
    await expect(ws.call('documents.read', { id: documentId })).rejects.toThrow(/材料/);
  });
});
