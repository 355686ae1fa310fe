/**
 * The inbox knowing files by what they say: the 45 scanner- and phone-named documents of the generated
 * reading corpus (tests/support/readingCorpus.ts) dropped into a watched folder of a real
 * workspace, read by the real OCR in the engine's processes. Each is filed to its person, type and
 * year, or asked about with the reason; never filed to someone else. What they say is kept for
 * search and becomes suggestions; the page scanned upside down is filed upright.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileOutcome } from '../../../electron/services/inbox';
import { CORPUS_ROSTER, generateReadingCorpus, type CorpusTruth } from '../../support/readingCorpus';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
let scanDir: string;
let truths: CorpusTruth[];
let outcomes: FileOutcome[];
/** Two of the corpus given names HR would give them: one right, one naming someone else. */
let wellNamed: { scan: CorpusTruth; scanFile: string; text: CorpusTruth; wrongFile: string; wrongName: string };
const byFile = (file: string) => outcomes.find((o) => o.path.endsWith(file))!;

beforeAll(async () => {
  ws = await openTestWorkspace();
  scanDir = tempDir('zhicheng-reading-scan-');
  for (const person of CORPUS_ROSTER)
    await ws.call('people.save', {
      name: person.name,
      idNumber: person.idNumber,
      employeeNo: person.employeeNo,
      workStartedOn: '2010-07-01',
    });
  truths = await generateReadingCorpus(scanDir);
  for (const truth of truths) rmSync(join(scanDir, `${truth.file}.truth.json`));
  wellNamed = await nameTwo(truths);
  await ws.call('inbox.folders.add', { path: scanDir, stableSeconds: 0 });
  outcomes = await ws.app.services.inbox.pipeline.runOnce({ maxWaitMs: 10 * 60_000 });
}, 15 * 60_000);

afterAll(() => {
  ws.cleanup();
  rmSync(scanDir, { recursive: true, force: true });
});

describe('the inbox reading scanner-named files', () => {
  it('files at least 95 % to their person, type and year by content alone, none to someone else; asks about the rest', () => {
    expect(truths.length).toBeGreaterThanOrEqual(40);
    const idOf = new Map(CORPUS_ROSTER.map((p) => [p.idNumber, p.personId]));
    let right = 0;
    const asked: string[] = [];
    for (const truth of truths) {
      const outcome = byFile(truth.file);
      if (outcome.state === 'needs_review') {
        asked.push(`${truth.file}: ${outcome.message}`);
        if (truth.personId === null) expect(outcome.message, truth.file).toContain('同名');
        continue;
      }
      // Never someone else: the person filed to is the one the document belongs to.
      expect(idOf.get(outcome.personIdNumber!), truth.file).toBe(truth.personId);
      const perYear = ['年度考核表', '继续教育证书'].includes(truth.type);
      if (outcome.materialType === truth.type && (!perYear || outcome.year === truth.year)) right++;
      expect(outcome.matchedBy, truth.file).toContain('content');
    }
    const certain = truths.filter((t) => t.personId !== null).length;
    console.log(
      `inbox by content: ${right}/${certain} filed right with no review (${((right / certain) * 100).toFixed(1)} %), ` +
        `${asked.length} asked:\n  ${asked.join('\n  ')}`,
    );
    expect(right / certain).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps what each says: suggestions of records, its text for search, a 备案表’s code', async () => {
    for (const truth of truths.filter((t) => t.personId !== null && Object.keys(t.fields).length > 0)) {
      const kinds = byFile(truth.file).suggestions.map((s) => s.kind);
      expect(kinds.sort(), truth.file).toEqual(Object.keys(truth.fields).sort());
    }
    const filing = truths.find((t) => t.type === '学信网备案表' && t.personId !== null)!;
    const doc = ws.app.services.repos.documents.get(byFile(filing.file).documentId!)!;
    expect(doc.verificationCode).toBe(filing.filing!.verificationCode);
    const found = await ws.call('documents.search', { query: '年度考核' });
    expect(found.length).toBeGreaterThan(0);
  });

  it('does not OCR a scan its name settles, yet asks when a text layer names someone other than the name', () => {
    const scan = byFile(wellNamed.scanFile);
    expect(scan.state).toBe('released');
    expect(scan.matchedBy).toBe('name');
    const row = ws.app.services.inbox.repo.file(scan.id)!;
    expect(JSON.parse(row.reading!).reading.pages.filter((p: { source: string }) => p.source === 'ocr')).toEqual([]);
    const wrong = byFile(wellNamed.wrongFile);
    expect(wrong.state).toBe('needs_review');
    expect(wrong.message).toContain(`文件名指向「${wellNamed.wrongName}」，文件内容指向「${wellNamed.text.name}」`);
  });

  it('files the page scanned upside down turned upright', async () => {
    const upside = truths.find((t) => t.rotated === 180)!;
    const doc = ws.app.services.repos.documents.get(byFile(upside.file).documentId!)!;
    const pdf = await PDFDocument.load(readFileSync(join(ws.app.paths.libraryDir, doc.storedPath)));
    expect(pdf.getPage(0).getRotation().angle).toBe(180);
  });
});

/**
 * A scanned 考核表 named as HR names files (so no OCR is needed), and a text-layer PDF
 * named for someone else; both copies re-saved with a title so they are not duplicates.
 */
async function nameTwo(all: CorpusTruth[]) {
  const unique = (t: CorpusTruth) => t.personId !== null && CORPUS_ROSTER.filter((p) => p.name === t.name).length === 1;
  const scan = all.find(
    (t) => t.file.endsWith('.pdf') && t.form !== 'textPdf' && t.type === '年度考核表' && unique(t),
  )!;
  const text = all.find((t) => t.form === 'textPdf' && unique(t))!;
  const wrongName = CORPUS_ROSTER.find((p) => p.name !== text.name && p.name !== '张伟')!.name;
  const copy = async (from: CorpusTruth, to: string) => {
    const doc = await PDFDocument.load(readFileSync(join(scanDir, from.file)));
    doc.setTitle(to);
    writeFileSync(join(scanDir, to), await doc.save());
  };
  const scanFile = `${scan.name}_年度考核表_${scan.year}.pdf`;
  const wrongFile = `${wrongName}_${text.type}_${text.year}.pdf`;
  await copy(scan, scanFile);
  await copy(text, wrongFile);
  return { scan, scanFile, text, wrongFile, wrongName };
}
