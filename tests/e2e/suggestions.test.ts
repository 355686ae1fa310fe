/**
 * Records read from documents, end to end: a filed 考核表 with a pending suggestion (made through
 * the real services, as the inbox makes it) is shown on the person's page, edited and accepted in
 * one step, and becomes a record that names its document; and the documents' text is searched
 * from the person's 材料 tab and from the people list.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { smallPdf } from '../support/documents';
import { makeIdNumber } from '../support/people';
import { openHarness, type Harness } from './support';

let h: Harness;
let wangId = 0;
let documentId = 0;

async function filed(personId: number, fileName: string, year: number, text: string) {
  const { library, repos } = h.app.services;
  const doc = library.store(await smallPdf(fileName), {
    employeeId: personId,
    materialType: '年度考核表',
    year,
    fileName,
    mime: 'application/pdf',
    source: '扫描',
  });
  repos.documentText.put(doc.id, text);
  return doc;
}

beforeAll(async () => {
  h = await openHarness();
  const wang = await h.call('people.save', { name: '王磊', idNumber: makeIdNumber('320102', '1990-05-06', 11) });
  const li = await h.call('people.save', { name: '李娜', idNumber: makeIdNumber('320102', '1991-02-03', 12) });
  wangId = wang.person.id;
  const doc = await filed(
    wangId,
    'Scan_20261206_0001.pdf',
    2023,
    '事业单位工作人员年度考核登记表\n姓名 王磊 单位 技术部\n考核年度 2023年度\n考核结果 基本合格',
  );
  documentId = doc.id;
  await filed(li.person.id, 'IMG_20261206_101500.pdf', 2022, '年度考核登记表 姓名 李娜 2022年度 考核结果 基本合格');
  await filed(li.person.id, 'IMG_20261206_101501.pdf', 2023, '年度考核登记表 姓名 李娜 2023年度 考核结果 合格');
  // The reader misread the result: HR corrects it before accepting.
  h.app.services.suggestions.suggest(doc.id, wangId, { assessment: { year: 2023, result: '合格' } });
});

afterAll(async () => {
  await h?.close();
  expect(h?.pageErrors).toEqual([]);
});

test('the people list counts the pending suggestions; the person page accepts one after an edit', async () => {
  const { page } = h;
  await page.getByTestId('nav-people').click();
  const wangRow = page.getByTestId('person-row').filter({ hasText: '王磊' });
  await expect.poll(() => wangRow.getByTestId('person-pending').innerText()).toBe('待确认1');
  expect(await page.getByTestId('pending-total').innerText()).toContain('1 条从材料识别的记录待确认');
  await h.shot('suggestions-01-people-list');

  await wangRow.click();
  const card = page.getByTestId('suggestions-card');
  await card.waitFor();
  const item = card.getByTestId('suggestion');
  expect(await item.count()).toBe(1);
  expect(await item.getByTestId('suggestion-document').innerText()).toBe('Scan_20261206_0001.pdf');
  const fields = await item.getByTestId('suggestion-fields').innerText();
  expect(fields).toContain('考核年度');
  expect(fields).toContain('2023');
  expect(fields).toContain('合格');
  await h.shot('suggestions-02-card');

  await item.getByTestId('suggestion-edit').click();
  const dialog = page.getByTestId('record-dialog');
  await dialog.waitFor();
  expect(await dialog.getByTestId('field-year').inputValue()).toBe('2023');
  await dialog.getByTestId('field-result').click();
  await page.locator('.n-base-select-option', { hasText: '基本合格' }).click();
  await h.shot('suggestions-03-edit');
  await dialog.getByTestId('record-save').click();
  await dialog.waitFor({ state: 'hidden' });
  await card.waitFor({ state: 'detached' });

  const { assessments } = await h.call('people.get', { id: wangId });
  expect(assessments).toEqual([expect.objectContaining({ year: 2023, result: '基本合格', documentId })]);
  expect(await h.call('suggestions.list', { employeeId: wangId })).toEqual([
    expect.objectContaining({ status: 'accepted', recordId: assessments[0]!.id }),
  ]);

  // The record is on its tab, marked as read from a document.
  await page.getByText('年度考核（1）').click();
  const tab = page.getByTestId('records-assessment');
  await expect.poll(() => tab.getByTestId('record-from-document').count()).toBe(1);
  expect(await tab.innerText()).toContain('基本合格');
  await tab.scrollIntoViewIfNeeded();
  await h.shot('suggestions-04-record');
});

test('the 材料 tab finds the person’s documents by content, with the words marked', async () => {
  const { page } = h;
  await page.getByTestId('tab-documents').click();
  await page.getByTestId('documents-tab').waitFor();
  await page.getByTestId('docs-content-search').locator('input').fill('2023年度 基本合格');
  const hits = page.getByTestId('content-hit');
  await expect.poll(() => hits.count()).toBe(1);
  expect(await hits.getByTestId('content-hit-file').innerText()).toBe('Scan_20261206_0001.pdf');
  expect(await hits.locator('mark').allInnerTexts()).toEqual(['2023年度', '基本合格']);
  await hits.scrollIntoViewIfNeeded();
  await h.shot('suggestions-05-person-search');
});

test('the people list searches every document’s content: 2023年度 基本合格, and a two-character name', async () => {
  const { page } = h;
  await page.getByTestId('nav-people').click();
  await expect.poll(() => page.getByTestId('person-pending').count()).toBe(0);
  await page.getByTestId('search-mode').click();
  await page.locator('.n-base-select-option', { hasText: '材料内容' }).click();
  const box = page.getByTestId('people-search').locator('input');
  await box.fill('基本合格');
  const hits = page.getByTestId('content-hit');
  await expect.poll(() => hits.count()).toBe(2);
  expect((await hits.getByTestId('content-hit-person').allInnerTexts()).sort()).toEqual(['李娜', '王磊']);

  await box.fill('2023年度 基本合格');
  await expect.poll(() => hits.getByTestId('content-hit-person').allInnerTexts()).toEqual(['王磊']);
  await h.shot('suggestions-06-content-search');

  await box.fill('李娜');
  await expect.poll(() => hits.count()).toBe(2);
  await box.fill('王五');
  await expect.poll(() => page.getByTestId('content-hits').innerText()).toContain('没有材料写着「王五」');

  // A found person opens on a click.
  await box.fill('2022年度');
  await expect.poll(() => hits.count()).toBe(1);
  await hits.getByTestId('content-hit-person').click();
  await expect.poll(() => page.getByTestId('person-name').inputValue()).toBe('李娜');
});
