/** The person page: edit and save a field, see it after a reload, add a record on a tab. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generatePeople } from '../support/people';
import { openHarness, type Harness } from './support';

let h: Harness;
let id: number;
const [someone] = generatePeople(1, 5);

beforeAll(async () => {
  h = await openHarness();
  const detail = await h.call('people.save', {
    name: someone!.name,
    idNumber: someone!.idNumber,
    department: '技术部',
  });
  id = detail.person.id;
});
afterAll(async () => {
  await h?.close();
  expect(h?.pageErrors).toEqual([]);
});

test('an edited field is saved, normalised and still there after a reload', async () => {
  const { page } = h;
  await page.getByTestId('nav-people').click();
  await page.getByTestId('person-row').first().click();
  await expect.poll(() => page.getByTestId('person-name').inputValue()).toBe(someone!.name);

  await page.getByTestId('person-department').fill('质量管理部');
  await page.getByTestId('person-hiredOn').fill('2015年7月1日');
  await page.getByTestId('person-save').click();
  // The server's normal form replaces what was typed.
  await expect.poll(() => page.getByTestId('person-hiredOn').inputValue()).toBe('2015-07-01');

  await page.reload();
  await expect.poll(() => page.getByTestId('person-department').inputValue()).toBe('质量管理部');
  expect(await page.getByTestId('person-hiredOn').inputValue()).toBe('2015-07-01');
  expect((await h.call('people.get', { id })).person.department).toBe('质量管理部');
  await h.shot('person-saved');
});

test('an education record is added on the 学历 tab', async () => {
  const { page } = h;
  await page.getByTestId('add-education').click();
  const dialog = page.getByTestId('record-dialog');
  await dialog.getByTestId('field-level').click();
  await page.locator('.n-base-select-option', { hasText: '本科' }).click();
  await dialog.getByTestId('field-school').fill('南京大学');
  await dialog.getByTestId('field-graduatedOn').fill('2010.7');
  // 专业对口 is not assumed: with no 现从事专业 to compare the major with, the form asks.
  await dialog.getByTestId('record-save').click();
  await expect.poll(() => dialog.getByTestId('record-error').textContent()).toContain('所学专业与现从事专业对口');
  await dialog.getByTestId('field-majorMatches').click();
  await page.locator('.n-base-select-option', { hasText: '否' }).click();
  await h.shot('education-dialog');
  await dialog.getByTestId('record-save').click();
  await dialog.waitFor({ state: 'detached' });

  const row = page.getByTestId('records-education').locator('tbody tr').first();
  await expect.poll(() => row.textContent()).toContain('南京大学');
  expect(await row.textContent()).toContain('2010-07');
  const { educations } = await h.call('people.get', { id });
  expect(educations).toMatchObject([
    { level: '本科', school: '南京大学', graduatedOn: '2010-07', majorMatches: false },
  ]);
  await h.shot('person-education');
});

test("a record the server refuses shows the server's reason in the form", async () => {
  const { page } = h;
  await page.getByText('年度考核（0）').click();
  await page.getByTestId('add-assessment').click();
  const dialog = page.getByTestId('record-dialog');
  await dialog.getByTestId('field-year').fill('1900');
  await dialog.getByTestId('field-result').click();
  await page.locator('.n-base-select-option', { hasText: '优秀' }).click();
  await dialog.getByTestId('record-save').click();
  await expect.poll(() => dialog.getByTestId('record-error').textContent()).toContain('考核年度不应早于1950年');
  await h.shot('assessment-error');
});
