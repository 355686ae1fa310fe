/**
 * Reading, end to end: a phone-named 年度考核登记表 scan dropped into a watched folder while the app
 * runs is read (OCR in the engine's processes), filed to the person whose ID number it carries,
 * and its result comes up on that person's page as a suggestion, accepted there in one step; a
 * 继续教育 certificate's is accepted from the inbox's 识别结果 tab, where everyone's wait. A title
 * certificate filed unread under the name HR gave it is read on demand from the 材料 tab.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CORPUS_ROSTER, corpusPlan, generateReadingCorpus, type CorpusTruth } from '../support/readingCorpus';
import { openHarness, type Harness, OCR_BUDGET_MS } from './support';

let h: Harness;
let scanDir: string;
let aside: string;
let truth: CorpusTruth;
let ce: CorpusTruth;
let title: CorpusTruth;

beforeAll(async () => {
  h = await openHarness();
  scanDir = mkdtempSync(join(tmpdir(), 'zhicheng-e2e-read-'));
  aside = mkdtempSync(join(tmpdir(), 'zhicheng-e2e-read-aside-'));
  // A 考核表 and a 继续教育 certificate of people whose names are theirs alone on the roster, scanned (no text layer).
  const scanOf = (kind: string) =>
    corpusPlan().findIndex(
      (p, i) => p.kind === kind && i > 0 && CORPUS_ROSTER[p.personId - 1]!.name !== '张伟' && p.form !== 'textPdf',
    );
  const made = await generateReadingCorpus(aside, { only: [scanOf('assessment'), scanOf('ce'), scanOf('title')] });
  truth = made.find((t) => t.type === '年度考核表')!;
  ce = made.find((t) => t.type === '继续教育证书')!;
  title = made.find((t) => t.type === '职称证书')!;
  for (const id of new Set([truth.personId!, ce.personId!, title.personId!])) {
    const person = CORPUS_ROSTER[id - 1]!;
    await h.call('people.save', { name: person.name, idNumber: person.idNumber, workStartedOn: '2010-07-01' });
  }
}, 120_000);

afterAll(async () => {
  await h?.close();
  rmSync(scanDir, { recursive: true, force: true });
  rmSync(aside, { recursive: true, force: true });
  expect(h?.pageErrors).toEqual([]);
});

test(
  'a phone-named scan is filed by what it says, and its result accepted on the person’s page',
  async () => {
    const { page } = h;
    await h.call('inbox.folders.add', { path: scanDir, stableSeconds: 0 });
    h.app.services.inbox.start({ rescanMs: 60_000 });
    expect(truth.file).toMatch(/^(Scan_|IMG_|扫描全能王|CamScanner|微信图片_|doc\d|download)/);
    renameSync(join(aside, truth.file), join(scanDir, truth.file));

    await page.getByTestId('nav-inbox').click();
    const row = page.locator(`[data-testid="file-row"][data-file="${truth.file}"]`);
    await expect.poll(() => row.getByTestId('file-state').innerText(), { timeout: OCR_BUDGET_MS }).toBe('完成');
    expect(await row.innerText()).toContain(truth.name);
    await h.shot('reading-01-inbox-filed');

    // The certificate's hours, accepted where the inbox lists what it read of everyone's.
    renameSync(join(aside, ce.file), join(scanDir, ce.file));
    const ceRow = page.locator(`[data-testid="file-row"][data-file="${ce.file}"]`);
    await expect.poll(() => ceRow.getByTestId('file-state').innerText(), { timeout: OCR_BUDGET_MS }).toBe('完成');
    await page.getByTestId('tab-suggestions').click();
    const inboxCard = page.getByTestId('suggestions-card');
    await expect.poll(() => inboxCard.getByTestId('suggestion').count()).toBe(2);
    const ceSuggestion = inboxCard.locator('[data-testid="suggestion"][data-kind="ce"]');
    expect(await ceSuggestion.getByTestId('suggestion-person').innerText()).toBe(ce.name);
    await h.shot('reading-03-inbox-suggestions');
    await ceSuggestion.getByTestId('suggestion-accept').click();
    await expect.poll(() => inboxCard.getByTestId('suggestion').count()).toBe(1);
    const ceOwner = (await h.call('people.list', {})).rows.find((p) => p.name === ce.name)!.id;
    const { ce: records } = await h.call('people.get', { id: ceOwner });
    expect(records).toEqual([
      expect.objectContaining({ year: ce.year, hours: ce.fields.ce!.hours, documentId: expect.any(Number) }),
    ]);

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
  },
  3 * OCR_BUDGET_MS,
);

test(
  'a scan filed under the name HR gave it is read on demand from the 材料 tab, and offers its record',
  async () => {
    const { page } = h;
    const owner = (await h.call('people.list', {})).rows.find((p) => p.name === title.name)!.id;
    const fileName = `${title.name}_职称证书.pdf`;
    h.app.services.library.store(readFileSync(join(aside, title.file)), {
      employeeId: owner,
      materialType: '职称证书',
      year: null,
      fileName,
      mime: 'application/pdf',
      source: '扫描',
    });
    await page.getByTestId('nav-people').click();
    await page.getByTestId('person-row').filter({ hasText: title.name }).click();
    await page.getByTestId('tab-documents').click();
    const row = page.getByRole('row').filter({ hasText: fileName });
    await row.getByTestId('doc-read').click();
    const item = page.locator('[data-testid="suggestions-card"] [data-testid="suggestion"][data-kind="title"]');
    await item.waitFor({ timeout: OCR_BUDGET_MS });
    expect(await item.getByTestId('suggestion-fields').innerText()).toContain(title.fields.title!.certificateNo!);
    await h.shot('reading-04-read-on-demand');
  },
  3 * OCR_BUDGET_MS,
);
