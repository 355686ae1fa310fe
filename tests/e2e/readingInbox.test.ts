/**
 * Reading, end to end: a phone-named 年度考核登记表 scan dropped into a watched folder while the app
 * runs is read (OCR in the engine's processes), filed to the person whose ID number it carries,
 * and its result comes up on that person's page as a suggestion, accepted there in one step.
 */
import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CORPUS_ROSTER, corpusPlan, generateReadingCorpus, type CorpusTruth } from '../support/readingCorpus';
import { openHarness, type Harness } from './support';

let h: Harness;
let scanDir: string;
let aside: string;
let truth: CorpusTruth;

beforeAll(async () => {
  h = await openHarness();
  scanDir = mkdtempSync(join(tmpdir(), 'zhicheng-e2e-read-'));
  aside = mkdtempSync(join(tmpdir(), 'zhicheng-e2e-read-aside-'));
  // A 考核表 of someone whose name is theirs alone on the roster, scanned (no text layer).
  const index = corpusPlan().findIndex(
    (p, i) =>
      p.kind === 'assessment' && i > 0 && CORPUS_ROSTER[p.personId - 1]!.name !== '张伟' && p.form !== 'textPdf',
  );
  [truth] = (await generateReadingCorpus(aside, { only: [index] })) as [CorpusTruth];
  const person = CORPUS_ROSTER[truth.personId! - 1]!;
  await h.call('people.save', { name: person.name, idNumber: person.idNumber, workStartedOn: '2010-07-01' });
}, 120_000);

afterAll(async () => {
  await h?.close();
  rmSync(scanDir, { recursive: true, force: true });
  rmSync(aside, { recursive: true, force: true });
  expect(h?.pageErrors).toEqual([]);
});

test('a phone-named scan is filed by what it says, and its result accepted on the person’s page', async () => {
  const { page } = h;
  await h.call('inbox.folders.add', { path: scanDir, stableSeconds: 0 });
  h.app.services.inbox.start({ rescanMs: 60_000 });
  expect(truth.file).toMatch(/^(Scan_|IMG_|扫描全能王|CamScanner|微信图片_|doc\d|download)/);
  renameSync(join(aside, truth.file), join(scanDir, truth.file));

  await page.getByTestId('nav-inbox').click();
  const row = page.locator(`[data-testid="file-row"][data-file="${truth.file}"]`);
  // Reading a scanned page takes a few CPU-seconds: the budget is the OCR's, on a busy machine.
  await expect.poll(() => row.getByTestId('file-state').innerText(), { timeout: 180_000 }).toBe('完成');
  expect(await row.innerText()).toContain(truth.name);
  await h.shot('reading-01-inbox-filed');

  await page.getByTestId('nav-people').click();
  const personRow = page.getByTestId('person-row').filter({ hasText: truth.name });
  await expect.poll(() => personRow.getByTestId('person-pending').innerText()).toBe('待确认1');
  await personRow.click();
  const item = page.getByTestId('suggestions-card').getByTestId('suggestion');
  await item.waitFor();
  expect(await item.getByTestId('suggestion-document').innerText()).toContain(String(truth.year));
  await h.shot('reading-02-suggestion');
  await item.getByTestId('suggestion-accept').click();
  await page.getByTestId('suggestions-card').waitFor({ state: 'detached' });

  const people = await h.call('people.list', {});
  const id = people.rows.find((p) => p.name === truth.name)!.id;
  const { assessments } = await h.call('people.get', { id });
  expect(assessments).toEqual([
    expect.objectContaining({
      year: truth.year,
      result: truth.fields.assessment!.result,
      documentId: expect.any(Number),
    }),
  ]);
});
