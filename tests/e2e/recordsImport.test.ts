/**
 * Records in bulk through the UI: a 职称台账 (title row, two-row header, footers) with a column the
 * import does not know is mapped by the user and imported in one step, and the dashboard stops
 * showing everyone blocked for want of an education; a wide assessment sheet is recognised and
 * imports once; many people get one department at once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ledgerRows, ledgerXlsx, withQualifications } from '../support/ledger';
import { generatePeople, rosterRows, xlsxBytes } from '../support/people';
import { openHarness, type Harness } from './support';

let h: Harness;
const files = mkdtempSync(join(tmpdir(), 'zhicheng-e2e-records-'));
const people = withQualifications(generatePeople(12, 31));

beforeAll(async () => {
  h = await openHarness();
  // The roster alone, as HR first brings it in: nobody has an education yet.
  const roster = await xlsxBytes(rosterRows(people));
  await h.call('roster.import', { fileName: '名单.xlsx', base64: Buffer.from(roster).toString('base64') });
});
afterAll(async () => {
  await h?.close();
  rmSync(files, { recursive: true, force: true });
  expect(h?.pageErrors).toEqual([]);
});

const tableText = () => h.page.getByTestId('dashboard-table').textContent();

async function openDashboard(): Promise<void> {
  await h.page.getByTestId('nav-workbench').click();
  await expect.poll(() => h.page.getByTestId('dashboard-count').textContent()).toBe(String(people.length));
}

async function chooseFile(name: string, bytes: Uint8Array): Promise<void> {
  const file = join(files, name);
  writeFileSync(file, bytes);
  await h.page.getByTestId('nav-people').click();
  await h.page.getByTestId('open-import').click();
  await h.page.getByTestId('import-file-input').setInputFiles(file);
}

async function confirmImport(): Promise<void> {
  await h.page.getByTestId('import-confirm').click();
  await h.page.getByTestId('import-done').waitFor();
  await h.page.getByTestId('import-close').click();
  await h.page.getByTestId('import-dialog').waitFor({ state: 'detached' });
}

test('a 台账 with an unknown column is mapped, imported in one step, and the dashboard changes', async () => {
  const { page } = h;
  await openDashboard();
  await expect.poll(tableText).toContain('没有学历记录');
  await h.shot('records-dashboard-before');

  // 员工类别 is what this unit calls 人员类别: the import does not know it and asks.
  const rows = ledgerRows(people);
  rows[1]!.push('员工类别');
  rows[2]!.push(null);
  people.forEach((_, i) => rows[3 + i]!.push('企业'));
  await chooseFile('2026年职称台账.xlsx', await ledgerXlsx(rows, true));

  const mapping = page.getByTestId('column-mapping');
  await expect.poll(() => mapping.textContent()).toContain('员工类别');
  expect(await page.getByTestId('import-kind').textContent()).toContain('每人一行');
  await page.getByTestId('mapping-员工类别').click();
  await page.keyboard.type('人员类别'); // the list is long: filter it as a user would
  await page.locator('.n-base-select-option', { hasText: /^人员类别$/ }).click();
  await h.shot('records-import-mapping');
  await page.getByTestId('mapping-confirm').click();

  // Every person is already there: the 台账 adds their education and title, and a category to some.
  const recategorised = people.filter((p) => p.category !== '企业').length;
  await expect.poll(() => page.getByTestId('count-updated').textContent()).toBe(String(recategorised));
  expect(await page.getByTestId('count-unchanged').textContent()).toBe(String(people.length - recategorised));
  expect(await page.getByTestId('count-records').textContent()).toContain(`学历 新增${people.length}条`);
  const withTitle = people.filter((p) => p.title).length;
  expect(await page.getByTestId('count-records').textContent()).toContain(`职称 新增${withTitle}条`);
  expect(await page.getByTestId('import-skipped').textContent()).toContain('3 行');
  expect(await page.getByTestId('import-notices').textContent()).toContain('未填取得方式');
  await expect.poll(() => page.getByTestId('import-changes').textContent()).toContain('学历 本科');
  await h.shot('records-import-ledger-preview');
  await confirmImport();

  await openDashboard();
  await expect.poll(tableText).not.toContain('没有学历记录');
  await h.shot('records-dashboard-after');
  const person = (await h.call('people.list', { search: people[0]!.idNumber })).rows[0]!;
  expect(person).toMatchObject({ category: '企业', educationLevel: '本科' });

  // The mapping is remembered: the same headers again go straight to the preview, and change nothing.
  await chooseFile('2026年职称台账（再次）.xlsx', await ledgerXlsx(rows, true));
  await expect.poll(() => page.getByTestId('count-unchanged').textContent()).toBe(String(people.length));
  expect(await page.getByTestId('column-mapping').count()).toBe(0);
  await expect(page.getByTestId('import-confirm').isDisabled()).resolves.toBe(true);
  await page.getByRole('button', { name: '重新选择文件' }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
});

test('a wide assessment sheet is told from its headers and imports once', async () => {
  const { page } = h;
  const header = ['姓名', '身份证号', '2021年度', '2022年', '2023', '2024年度考核', '2025考核结果'];
  const sheet = [
    ['2021-2025年度考核结果汇总'],
    header,
    ...people.map((p, i) => [p.name, p.idNumber, '合格', '称职', i === 0 ? '优' : '合格', '', '合格']),
    ['制表人：袁媛'],
  ];
  await chooseFile('考核汇总.xlsx', await xlsxBytes(sheet));
  await expect.poll(() => page.getByTestId('import-kind').textContent()).toContain('每年一列');
  expect(await page.getByTestId('import-kind-select').textContent()).toContain('年度考核');
  await expect.poll(() => page.getByTestId('count-created').textContent()).toBe(String(people.length * 4));
  expect(await page.getByTestId('import-notices').textContent()).toContain('「称职」按「合格」');
  // Each new record says what it will hold.
  await expect.poll(() => page.getByTestId('import-changes').textContent()).toContain('考核结果：合格');
  await h.shot('records-import-wide-assessment');
  await confirmImport();
  const detail = await h.call('people.get', {
    id: (await h.call('people.list', { search: people[0]!.idNumber })).rows[0]!.id,
  });
  expect(detail.assessments.map((a) => `${a.year}${a.result}`)).toEqual([
    '2021合格',
    '2022合格',
    '2023优秀',
    '2025合格',
  ]);
});

test('many people get one department at once', async () => {
  const { page } = h;
  await page.getByTestId('nav-people').click();
  await expect.poll(() => page.getByTestId('person-row').count()).toBeGreaterThan(3);
  const boxes = page.locator('.n-data-table-td--selection .n-checkbox');
  for (let i = 0; i < 3; i++) await boxes.nth(i).click();
  await expect.poll(() => page.getByTestId('people-selection').textContent()).toContain('已选 3 人');
  await page.getByTestId('bulk-edit').click();
  await page.getByTestId('bulk-set-department').click();
  await page.getByTestId('bulk-department').fill('职称办');
  await h.shot('people-bulk-edit');
  await page.getByTestId('bulk-save').click();
  await page.getByTestId('bulk-edit-dialog').waitFor({ state: 'detached' });
  await expect.poll(async () => (await h.call('people.list', { department: '职称办' })).total).toBe(3);
});
