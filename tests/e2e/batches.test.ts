/**
 * Batches end to end: a batch created in the page (region picked down to a district), people
 * added from the 工作台's selection and from the people picker, a declaration's checklist and its
 * 工作总结 counted while typing, statuses moved in bulk (a return with its reason, one refused),
 * the progress spreadsheet, the upload kits exported to disk, the person's 申报 list, and the
 * specialty catalogue and checklist rules edited in 设置.
 */
import ExcelJS from 'exceljs';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { smallPdf } from '../support/documents';
import { makeIdNumber } from '../support/people';
import { openHarness, type Harness } from './support';

const BATCH = '2026年工程系列初定第一批';
const RETURN_REASON = '诚信承诺书未签字，请补签后重新上传';

let h: Harness;
const people: Record<string, number> = {};
let batchId = 0;

async function addPerson(name: string, seq: number): Promise<number> {
  const { person } = await h.call('people.save', {
    name,
    idNumber: makeIdNumber('320102', '1996-03-01', seq),
    department: '技术部',
    workStartedOn: '2024-07-01',
    category: '企业',
  });
  await h.call('records.save', {
    kind: 'education',
    employeeId: person.id,
    level: '本科',
    degree: '学士',
    graduatedOn: '2024-06-30',
  });
  people[name] = person.id;
  return person.id;
}

async function store(employeeId: number, materialType: string, year: number | null = null, validUntil?: string) {
  await h.app.services.library.store(await smallPdf(`${materialType} ${year ?? ''}`), {
    employeeId,
    declarationId: null,
    materialType,
    year,
    title: null,
    fileName: `${materialType}.pdf`,
    mime: 'application/pdf',
    pages: 1,
    source: '扫描',
    originalId: null,
    validUntil: validUntil ?? null,
  });
}

const option = (text: string) => h.page.locator('.n-base-select-option', { hasText: text });
// Exact: 工程 is also part of 建设工程.
const cascaderOption = (text: string) => h.page.locator('.n-cascader-option', { hasText: new RegExp(`^${text}$`) });
const declarations = async () => (await h.call('batches.get', { id: batchId })).declarations;
const declarationOf = async (name: string) => (await declarations()).find((d) => d.name === name)!.id;

beforeAll(async () => {
  h = await openHarness();
  const zhang = await addPerson('张明远', 11);
  const li = await addPerson('李晓燕', 13);
  await addPerson('王建国', 15);
  // 张明远 and 李晓燕 have their years assessed and their continuing education done; 王建国 does not (受阻).
  for (const employeeId of [zhang, li])
    for (const year of [2025, 2026, 2027]) {
      await h.call('records.save', { kind: 'assessment', employeeId, year, result: '合格' });
      await h.call('records.save', { kind: 'ce', employeeId, year, hours: 90, category: '专业' });
    }
  // Everything the 初定 checklist asks of 张明远 (started 2024, so 2025 is the one qualifying year) but the 诚信承诺书.
  for (const type of ['学历证书', '学位证书', '单位同意证明']) await store(zhang, type);
  await store(zhang, '学信网备案表', null, '2027-06-30');
  await store(zhang, '继续教育证书', 2025);
});
afterAll(async () => {
  await h?.close();
  expect(h?.pageErrors).toEqual([]);
});

test('a batch is created with its region picked down to a district', async () => {
  const { page } = h;
  await page.getByTestId('nav-batches').click();
  await page.getByText('还没有申报批次').waitFor();
  await page.getByTestId('new-batch').click();
  const dialog = page.getByTestId('batch-dialog');
  await dialog.getByTestId('batch-name').fill(BATCH);
  // Esc closes an open dropdown or calendar, not the dialog under it with what was typed: also
  // once a click on the calendar's month arrow has moved focus into the calendar.
  const calendar = page.locator('.n-date-panel');
  await dialog.getByTestId('batch-type').click();
  await option('评审').waitFor();
  await page.keyboard.press('Escape');
  await option('评审').waitFor({ state: 'hidden' });
  await dialog.getByTestId('batch-deadline').locator('input').click();
  await calendar.locator('.n-date-panel-month__next').click();
  await page.keyboard.press('Escape');
  await calendar.waitFor({ state: 'hidden' });
  expect(await dialog.isVisible()).toBe(true);
  expect(await dialog.getByTestId('batch-name').inputValue()).toBe(BATCH);
  await dialog.getByTestId('batch-type').click();
  await option('初定').click();
  await dialog.getByTestId('batch-region').click();
  await cascaderOption('南京市').click();
  await cascaderOption('玄武区').click();
  await dialog.getByTestId('batch-office').fill('南京市人社局职称办');
  const deadline = dialog.getByTestId('batch-deadline').locator('input');
  await deadline.fill('2026-12-31');
  await deadline.press('Enter');
  await dialog.getByTestId('batch-name').click(); // closes the calendar
  await h.shot('batch-dialog');
  await dialog.getByTestId('batch-save').click();
  await dialog.waitFor({ state: 'detached' });

  // Saving opens the new batch, empty, with what to do next.
  await page.getByTestId('batch-summary').waitFor();
  expect(await page.locator('h1').textContent()).toBe(BATCH);
  const [batch] = await h.call('batches.list', {});
  expect(batch).toMatchObject({
    name: BATCH,
    type: '初定',
    region: '江苏省/南京市/玄武区',
    receivingOffice: '南京市人社局职称办',
    deadline: '2026-12-31',
  });
  batchId = batch!.id;
  expect(await page.getByTestId('batch-summary').textContent()).toContain('南京市/玄武区');
});

test('people ticked on the 工作台 join the batch at their next level; another is picked from the list', async () => {
  const { page } = h;
  await page.getByTestId('nav-workbench').click();
  for (const name of ['张明远', '李晓燕']) {
    await page
      .getByTestId('dashboard-row')
      .filter({ hasText: name })
      .locator('.n-data-table-td--selection .n-checkbox')
      .click();
  }
  await expect.poll(() => page.getByTestId('dashboard-selection').textContent()).toBe('已选 2 人');
  await page.getByTestId('add-to-batch').click();
  const dialog = page.getByTestId('add-people-dialog');
  await dialog.getByTestId('add-batch').click();
  await option(BATCH).click();
  // The 工作台's next step for a 2024 本科 graduate: 初定助理级.
  const levels = dialog.getByTestId('chosen-level');
  expect(await levels.allTextContents()).toEqual(['助理级', '助理级']);
  await dialog.getByTestId('all-specialty').click();
  await cascaderOption('工程').click();
  await cascaderOption('电子信息').click();
  await cascaderOption('通信工程').click();
  await dialog.getByTestId('apply-all').click();
  await expect.poll(() => dialog.getByTestId('chosen-specialty').first().textContent()).toContain('通信工程');
  await h.shot('dashboard-add-to-batch');
  await dialog.getByTestId('add-submit').click();
  await dialog.waitFor({ state: 'detached' });
  expect(await page.getByTestId('dashboard-selection').count()).toBe(0);

  await page.getByTestId('nav-batches').click();
  await page.getByTestId('batch-row').filter({ hasText: BATCH }).click();
  await page.getByTestId('add-people').click();
  const picker = page.getByTestId('add-people-dialog');
  await picker.getByTestId('picker-search').fill('王建国');
  await expect.poll(() => picker.getByTestId('picker-row').count()).toBe(1);
  await picker.getByTestId('picker-row').click();
  await picker.getByTestId('add-next').click();
  await picker.getByTestId('add-submit').click();
  // He joins, but the dialog says he is blocked and why before it closes.
  const blocked = picker.getByTestId('add-blocked');
  await blocked.waitFor();
  expect(await blocked.textContent()).toContain('王建国：缺少2025年度考核结果');
  await h.shot('add-blocked-person');
  await picker.getByTestId('add-close').click();
  await picker.waitFor({ state: 'detached' });

  await expect.poll(() => page.getByTestId('declaration-row').count()).toBe(3);
  // In the 工作台's order (same day, so by name), then the one picked; the picker suggests the level too.
  expect((await declarations()).map((d) => [d.seq, d.name, d.targetLevel, d.specialty])).toEqual([
    [1, '李晓燕', '助理级', '工程/电子信息/通信工程'],
    [2, '张明远', '助理级', '工程/电子信息/通信工程'],
    [3, '王建国', '助理级', null],
  ]);
  expect(await page.getByTestId('declaration-row').filter({ hasText: '张明远' }).textContent()).toContain('缺 2 项');
  // The eligibility column: 受阻 for 王建国, its blockers on hover.
  const standing = async (name: string) =>
    page.getByTestId('declaration-row').filter({ hasText: name }).getByTestId('eligibility').textContent();
  expect(await standing('王建国')).toBe('受阻');
  expect(await standing('张明远')).not.toBe('受阻');
  await page.getByTestId('declaration-row').filter({ hasText: '王建国' }).getByTestId('eligibility').hover();
  await expect.poll(() => page.locator('.tip-list').last().textContent()).toContain('缺少2025年度考核结果');
  await h.shot('batch-page');
});

test('a declaration shows its checklist and what is missing; the summary is counted while typing', async () => {
  const { page } = h;
  await page.getByTestId('declaration-row').filter({ hasText: '张明远' }).click();
  const checklist = page.getByTestId('checklist');
  const missing = checklist.getByTestId('checklist-missing');
  await missing.waitFor();
  expect(await missing.textContent()).toContain('还缺 2 项');
  expect(await missing.textContent()).toContain('缺少诚信承诺书');
  expect(await missing.textContent()).toContain('工作总结0字，不足800字');
  const item = (label: string) => checklist.getByTestId('checklist-item').filter({ hasText: label });
  expect(await item('本科毕业证书').getAttribute('data-satisfied')).toBe('true');
  expect(await item('2025年继续教育证书').getAttribute('data-satisfied')).toBe('true');
  expect(await item('诚信承诺书').getAttribute('data-satisfied')).toBe('false');
  expect(await checklist.textContent()).toContain('学历学位');
  await h.shot('declaration-checklist');

  const editor = page.getByTestId('summary-editor');
  const text = editor.getByTestId('summary-text');
  const count = editor.getByTestId('summary-count');
  await text.fill('负责通信基站规划与优化。'.repeat(40)); // 12 × 40
  await expect.poll(() => count.textContent()).toBe('480 字');
  expect(await count.getAttribute('data-tone')).toBe('short');
  expect(await editor.getByTestId('summary-verdict').textContent()).toBe('还差 320 字');
  await text.press('End');
  await text.pressSequentially('完成五个项目。'.repeat(50)); // 7 × 50 more, typed key by key
  await expect.poll(() => count.textContent()).toBe('830 字');
  expect(await count.getAttribute('data-tone')).toBe('ok');
  // Blank lines are not counted, but many of them are worth a warning.
  await text.press('Enter');
  for (let i = 0; i < 6; i++) await text.press('Enter');
  await expect.poll(() => editor.getByTestId('summary-warnings').textContent()).toContain('个空行');
  expect(await count.textContent()).toBe('830 字');
  await editor.scrollIntoViewIfNeeded();
  await h.shot('declaration-summary');
  await editor.getByTestId('summary-save').click();
  await expect.poll(() => missing.textContent()).not.toContain('工作总结');
  expect(await missing.textContent()).toContain('还缺 1 项');
  const detail = await h.call('declarations.get', { id: await declarationOf('张明远') });
  expect(detail.checklist.summary).toMatchObject({ characters: 830, problems: [] });
});

test('statuses move in bulk; a return needs its reason and those that cannot move are listed', async () => {
  const { page } = h;
  await page.getByTestId('back-to-batch').click();
  const table = page.getByTestId('declarations-table');
  await table.getByTestId('declaration-row').first().waitFor();

  async function bulk(names: string[], status: string, reason?: string, override?: string): Promise<void> {
    for (const name of names)
      await table
        .getByTestId('declaration-row')
        .filter({ hasText: name })
        .locator('.n-data-table-td--selection .n-checkbox')
        .click();
    await page.getByTestId('bulk-status').click();
    const dialog = page.getByTestId('status-dialog');
    await dialog.getByTestId('status-target').click();
    await option(status).click();
    if (reason) await dialog.getByTestId('status-reason').fill(reason);
    if (override) {
      await dialog.getByTestId('status-override').click();
      await dialog.getByTestId('status-override-reason').fill(override);
    }
    await dialog.getByTestId('status-submit').click();
  }
  const everyone = ['张明远', '李晓燕', '王建国'];
  // Nobody's checklist is complete: without an override nobody moves, and each is named with what is missing.
  await bulk(everyone, '材料齐全');
  const guarded = page.getByTestId('status-dialog');
  await guarded.getByTestId('status-refused').waitFor();
  expect(await guarded.textContent()).toContain('已更改 0 人，3 人未更改');
  expect(await guarded.getByTestId('status-refused').textContent()).toContain(
    '张明远：不能改为“材料齐全”：缺少诚信承诺书',
  );
  await h.shot('status-guarded');
  await guarded.getByTestId('status-close').click();
  await guarded.waitFor({ state: 'detached' });
  await page.getByTestId('clear-selection').click();
  await bulk(everyone, '材料齐全', undefined, '原件已核对');
  await page.getByTestId('status-dialog').waitFor({ state: 'detached' });
  await bulk(everyone, '已导出', undefined, '已线下上传');
  await page.getByTestId('status-dialog').waitFor({ state: 'detached' });
  await bulk(['张明远', '李晓燕'], '已提交', undefined, '已线下上传');
  await page.getByTestId('status-dialog').waitFor({ state: 'detached' });
  await expect.poll(async () => (await declarations()).map((d) => d.status)).toEqual(['已提交', '已提交', '已导出']);

  // 王建国 was never submitted: he cannot be returned, and the dialog says so before and after.
  await bulk(everyone, '退回修改', RETURN_REASON);
  const dialog = page.getByTestId('status-dialog');
  const refused = dialog.getByTestId('status-refused');
  await refused.waitFor();
  expect(await dialog.textContent()).toContain('已更改 2 人，1 人未更改');
  expect(await refused.textContent()).toContain('王建国：不能从“已导出”改为“退回修改”');
  await h.shot('status-refused');
  await dialog.getByTestId('status-close').click();

  await expect
    .poll(() => table.getByTestId('declaration-row').filter({ hasText: '张明远' }).textContent())
    .toContain(RETURN_REASON);
  expect(await table.getByTestId('status').allTextContents()).toEqual(['退回修改', '退回修改', '已导出']);
  await page.getByTestId('status-filter-退回修改').click();
  await expect.poll(() => page.getByTestId('declaration-count').textContent()).toBe('2');
  await h.shot('batch-returned');
  await page.getByTestId('status-filter-退回修改').click();

  // The declaration's history: dated, by whom, with the reason.
  await table.getByTestId('declaration-row').filter({ hasText: '李晓燕' }).click();
  const card = page.getByTestId('status-card');
  await expect.poll(() => card.getByTestId('return-reason').textContent()).toContain(RETURN_REASON);
  const history = await card.getByTestId('status-history').textContent();
  expect(history).toContain('已提交 → 退回修改');
  expect(history).toContain('e2e');
  expect(await card.getByTestId('move-已提交').isVisible()).toBe(true);
  await h.shot('declaration-status');
  await page.getByTestId('back-to-batch').click();
});

test('the progress goes to Excel; the upload kits are exported with progress and land on disk', async () => {
  const { page } = h;
  await page.getByTestId('declaration-row').first().waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-progress').click()]);
  expect(download.suggestedFilename()).toMatch(/^申报进度_2026年工程系列初定第一批_\d{8}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.getRow(1).values).toContain('所缺材料');
  expect(sheet.getColumn(2).values.slice(2)).toEqual(['李晓燕', '张明远', '王建国']);
  // ID numbers stay text: no 3.2E+17.
  expect(sheet.getCell('C3').value).toBe(makeIdNumber('320102', '1996-03-01', 11));
  expect(sheet.getCell('J2').value).toBe(RETURN_REASON);

  await page.getByTestId('export-kits').click();
  const dialog = page.getByTestId('export-dialog');
  await dialog.getByTestId('export-zip').click();
  await dialog.getByTestId('export-start').click();
  const result = dialog.getByTestId('export-result');
  await result.waitFor();
  const summary = await dialog.getByTestId('export-summary').textContent();
  expect(summary).toContain('共 3 人');
  expect(summary).toContain('3 人缺材料');
  // The table's rows come a render after the summary.
  const kits = dialog.getByTestId('export-people');
  await expect.poll(() => kits.textContent()).toContain('002_张明远');
  expect(await kits.textContent()).toContain('缺少诚信承诺书');
  const out = await dialog.getByTestId('export-path').inputValue();
  await h.shot('export-result');

  for (const folder of ['001_李晓燕', '002_张明远', '003_王建国']) {
    expect(existsSync(join(out, folder, '清单.txt'))).toBe(true);
    expect(existsSync(join(out, `${folder}.zip`))).toBe(true);
  }
  expect(existsSync(join(out, '002_张明远', '01_学历学位_本科毕业证书.pdf'))).toBe(true);

  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await dialog.getByTestId('export-copy').click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(out);
  await dialog.getByTestId('export-close').click();
});

test('the person page lists the person’s declarations', async () => {
  const { page } = h;
  await page.goto(page.url().replace(/#.*$/, `#/people/${people['李晓燕']}`));
  const entry = page.getByTestId('person-declaration');
  await expect.poll(() => entry.textContent()).toContain(BATCH);
  expect(await entry.textContent()).toContain('退回修改');
  // Deleting her names the batch she is in first; cancelled, nothing changes.
  await page.getByTestId('person-delete').click();
  const dialog = page.locator('.n-dialog');
  await dialog.waitFor();
  expect(await dialog.textContent()).toContain(`「李晓燕」在申报批次「${BATCH}」中，仍要删除？`);
  await dialog.getByRole('button', { name: '取消' }).click();
  await dialog.waitFor({ state: 'detached' });
  await entry.getByRole('link').click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('李晓燕');
});

test('设置 edits the specialty catalogue and the checklist rules', async () => {
  const { page } = h;
  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('specialties-section');
  await section.getByTestId('specialty-tree').waitFor();
  expect(await section.textContent()).toContain('以门户中“申报专业”选择器的选项为准');
  await section.getByTestId('specialty-add-series').click();
  const rename = section.getByTestId('specialty-rename');
  await rename.fill('卫生技术');
  await rename.press('Enter');
  await section.getByTestId('specialty-node').filter({ hasText: '卫生技术' }).hover();
  await section.getByTestId('specialty-add').last().click();
  await section.getByTestId('specialty-rename').fill('临床医学');
  await section.getByTestId('specialty-rename').press('Enter');
  await section.getByTestId('specialties-save').click();
  await expect
    .poll(async () => (await h.call('catalogue.get', {})).specialties.at(-1))
    .toEqual({ label: '卫生技术', children: [{ label: '临床医学' }] });
  await section.scrollIntoViewIfNeeded();
  await h.shot('settings-specialties');

  const rules = page.getByTestId('checklist-rules-section');
  await rules.getByTestId('rule-social-insurance').click();
  await rules.getByTestId('checklist-rules-save').click();
  await expect.poll(async () => (await h.call('checklist.rules.get', {})).socialInsuranceRequired).toBe(true);
  const detail = await h.call('declarations.get', { id: await declarationOf('张明远') });
  expect(detail.checklist.missing).toContain('缺少社保缴费证明');
});
