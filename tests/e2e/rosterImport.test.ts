/** Importing a roster through the UI: preview, confirm, the list; a bad file is refused whole. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generatePeople, rosterRows } from '../support/people';
import { openHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.close();
  expect(h?.pageErrors).toEqual([]);
});

const people = generatePeople(25, 11);

test('a roster is previewed, confirmed and listed', async () => {
  const { page } = h;
  await page.getByTestId('nav-people').click();
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-file-input').setInputFiles(await h.rosterFile('roster.xlsx', rosterRows(people)));

  await expect.poll(() => page.getByTestId('count-created').textContent()).toBe('25');
  await expect.poll(() => page.getByTestId('count-updated').textContent()).toBe('0');
  await expect.poll(() => page.getByTestId('import-changes').textContent()).toContain(people[0]!.name);
  await h.shot('import-preview');

  await page.getByTestId('import-confirm').click();
  await page.getByTestId('import-done').waitFor();
  await page.getByTestId('import-close').click();

  await expect.poll(() => page.getByTestId('people-count').textContent()).toBe('共 25 人');
  await page.getByTestId('people-search').locator('input').fill(people[3]!.idNumber);
  await expect.poll(() => page.getByTestId('person-row').count()).toBe(1);
  expect(await page.getByTestId('person-row').textContent()).toContain(people[3]!.name);
  await h.shot('people-after-import');
  await page.getByTestId('people-search').locator('input').fill('');
  await expect.poll(() => page.getByTestId('people-count').textContent()).toBe('共 25 人');

  await page.getByTestId('export-list').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.n-dropdown-option', { hasText: '人员名单' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^人员名单_\d{8}\.xlsx$/);
});

test('re-importing shows what changes, field by field', async () => {
  const { page } = h;
  const moved = people.map((p, i) => (i === 2 ? { ...p, department: '新成立的研究院' } : p));
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-file-input').setInputFiles(await h.rosterFile('roster2.xlsx', rosterRows(moved)));

  await expect.poll(() => page.getByTestId('count-updated').textContent()).toBe('1');
  expect(await page.getByTestId('count-unchanged').textContent()).toBe('24');
  // The changes table scrolls virtually: its rows appear a frame after the counts.
  await expect.poll(() => page.getByTestId('import-changes').textContent()).toContain(people[2]!.name);
  const changes = await page.getByTestId('import-changes').textContent();
  expect(changes).toContain(`部门：${people[2]!.department} → 新成立的研究院`);
  await h.shot('import-diff');

  await page.getByTestId('import-confirm').click();
  await page.getByTestId('import-done').waitFor();
  await page.getByTestId('import-close').click();
  expect((await h.call('people.list', { department: '新成立的研究院' })).total).toBe(1);
});

test('a file with errors is refused whole and the errors are listed by row and column', async () => {
  const { page } = h;
  const rows = rosterRows(generatePeople(6, 99));
  const badId = String(rows[2]![1]);
  rows[2]![1] = badId.slice(0, 17) + (badId[17] === '1' ? '2' : '1'); // wrong check character, row 3
  rows[5]![4] = '2020-13-01'; // 入职日期 with no 13th month, row 6

  await page.getByTestId('open-import').click();
  await page.getByTestId('import-file-input').setInputFiles(await h.rosterFile('bad.xlsx', rows));

  const summary = page.getByTestId('import-error-summary');
  await expect.poll(() => summary.textContent()).toContain('共 2 处错误，整个文件未导入');
  const table = page.getByTestId('import-errors');
  await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
  const lines = await table.locator('tbody tr').allTextContents();
  expect(lines).toHaveLength(2);
  // Row, the row's 姓名, column, problem.
  expect(lines[0]).toMatch(new RegExp(`^3${String(rows[2]![0])}身份证号.*校验位`));
  expect(lines[1]).toMatch(new RegExp(`^6${String(rows[5]![0])}入职日期.*月份不存在`));
  await h.shot('import-errors');

  await page.getByRole('button', { name: '取消' }).click();
  await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
  expect(await page.getByTestId('people-count').textContent()).toBe('共 25 人');
  expect((await h.call('app.info', {})).people).toBe(25);
});
