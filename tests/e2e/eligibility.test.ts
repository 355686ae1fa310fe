/**
 * The eligibility dashboard end to end: a workspace built through the API, then in Chromium the
 * counts and the list as of a fixed day, a card as a filter, a blocked person's reason, the
 * person's explanation refreshing after a record is added, the Excel export, the timeline, a rule
 * edited in 设置 changing the dashboard, and a reminder announced and dismissed.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RouteInput } from '../../shared/api/contract';
import { todayIso } from '../../shared/validation/dates';
import { generatePeople } from '../support/people';
import { openHarness, type Harness } from './support';

/** Every date below is relative to this day, set in the page's 截至 box; only the reminder depends on today. */
const AS_OF = '2026-11-23';

type WithoutOwner<T> = T extends unknown ? Omit<T, 'employeeId'> : never;
type Records = Array<WithoutOwner<RouteInput<'records.save'>>>;

let h: Harness;
const ids = generatePeople(8, 21).map((p) => p.idNumber);
const people: Record<string, number> = {};

async function addPerson(name: string, department: string, workStartedOn: string | null, records: Records) {
  const detail = await h.call('people.save', { name, idNumber: ids.pop()!, department, workStartedOn });
  for (const record of records) await h.call('records.save', { ...record, employeeId: detail.person.id });
  people[name] = detail.person.id;
}

const yearly = (from: number, to: number, ceHours: (year: number) => number = () => 90): Records =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i).flatMap((year) => [
    { kind: 'assessment' as const, year, result: '合格' as const },
    { kind: 'ce' as const, year, hours: ceHours(year), category: '专业' as const },
  ]);

const benke = (graduatedOn: string, majorMatches = true) => ({
  kind: 'education' as const,
  level: '本科' as const,
  graduatedOn,
  school: '南京工业大学',
  majorMatches,
});

const bucketCount = (bucket: string) =>
  h.page.getByTestId(`bucket-${bucket}`).getByTestId('bucket-count').textContent();
const tableText = () => h.page.getByTestId('dashboard-table').textContent();

beforeAll(async () => {
  h = await openHarness();
  // 本科 2025届, started 2025-07-01: 初定助理级 one year on, 2026-07-01 — now.
  await addPerson('王本科', '技术部', '2025-07-01', [benke('2025-06-30')]);
  // Started 2025-12-10: eligible 2026-12-10, 17 days after the as-of day.
  await addPerson('李三十', '技术部', '2025-12-10', [benke('2025-06-30')]);
  // Started 2026-01-20: eligible 2027-01-20, 58 days after.
  await addPerson('张九十', '质量部', '2026-01-20', [benke('2025-06-30')]);
  // 2021届 with a matching major (过渡期), eligible since 2022-07-01 but 2024 has only 40 hours.
  await addPerson('赵受阻', '质量部', '2021-07-01', [
    benke('2021-06-30'),
    ...yearly(2022, 2025, (year) => (year === 2024 ? 40 : 90)),
  ]);
  await addPerson('孙无学历', '生产部', '2020-07-01', []);
  // 中级 since 2024-12-01: 评审副高级 five years on — later.
  await addPerson('周中级', '技术部', '2010-07-01', [
    benke('2010-06-30'),
    { kind: 'title', series: '工程', level: '中级', obtainedOn: '2024-12-01', via: '评审' },
    ...yearly(2025, 2025),
  ]);
});
afterAll(async () => {
  await h?.close();
  expect(h?.pageErrors).toEqual([]);
});

test('the dashboard counts and lists people as of a chosen day; a card filters the list', async () => {
  const { page } = h;
  await page.getByTestId('nav-workbench').click();
  await expect.poll(() => page.getByTestId('pack-name').textContent()).toContain('江苏 工程系列 (default)');
  const asOf = page.getByTestId('as-of').locator('input');
  await asOf.fill(AS_OF);
  await asOf.press('Enter');
  await page.locator('h1').click(); // closes the calendar
  await expect.poll(() => page.locator('.n-date-panel').count()).toBe(0); // and waits out its fade

  await expect.poll(() => bucketCount('now')).toBe('1人');
  expect(await bucketCount('within30')).toBe('1人');
  expect(await bucketCount('within90')).toBe('1人');
  expect(await bucketCount('within180')).toBe('0人');
  expect(await bucketCount('blocked')).toBe('2人');
  await expect.poll(() => page.getByTestId('dashboard-count').textContent()).toBe('6');
  const rows = page.getByTestId('dashboard-row');
  // Soonest first: the one who can apply now heads the list, with route, level and dates.
  const first = await rows.first().textContent();
  expect(first).toContain('王本科');
  expect(first).toContain('初定');
  expect(first).toContain('助理级');
  expect(first).toContain('2026-07-01');
  expect(first).toContain('2026-01-01 至 11-30');
  expect(first).toContain('评审中级');
  await h.shot('dashboard');

  await page.getByTestId('bucket-blocked').click();
  await expect.poll(() => page.getByTestId('dashboard-count').textContent()).toBe('2');
  const blocked = await tableText();
  expect(blocked).toContain('2024年继续教育40学时，不足90学时');
  expect(blocked).toContain('没有学历记录，无法判断申报条件');
  expect(blocked).not.toContain('王本科');
  await h.shot('dashboard-blocked');

  // The card again shows everyone; the department filter narrows to 技术部.
  await page.getByTestId('bucket-blocked').click();
  await page.getByTestId('filter-department').click();
  await page.locator('.n-base-select-option', { hasText: '技术部' }).click();
  await expect.poll(() => page.getByTestId('dashboard-count').textContent()).toBe('3');
  await page.getByTestId('filter-level').click();
  await page.locator('.n-base-select-option', { hasText: '副高级' }).click();
  await expect.poll(() => page.getByTestId('dashboard-count').textContent()).toBe('1');
  expect(await tableText()).toContain('周中级');
  await page.getByText('清除筛选').click();
  await expect.poll(() => page.getByTestId('dashboard-count').textContent()).toBe('6');
});

test('a blocked person shows why, and the answer follows a record added on their page', async () => {
  const { page } = h;
  await page.getByTestId('dashboard-row').filter({ hasText: '赵受阻' }).click();
  const card = page.getByTestId('eligibility-card');
  await expect.poll(() => card.getByTestId('eligibility-status').textContent()).toBe('受阻');
  const explanation = await card.getByTestId('eligibility-explanation').textContent();
  expect(explanation).toContain('初定助理级，最早 2022-07-01');
  expect(explanation).toContain('过渡期初定');
  expect(explanation).toContain('本科，2021-06-30毕业');
  expect(explanation).toContain('可信度 C');
  expect(explanation).toContain('2024年继续教育40学时，不足90学时');
  expect(explanation).toContain('再下一步');
  await h.shot('person-eligibility-blocked');

  // 50 more hours for 2024 on the 继续教育 tab: the card re-evaluates.
  await page.getByText('继续教育（4）').click();
  await page.getByTestId('add-ce').click();
  const dialog = page.getByTestId('record-dialog');
  await dialog.getByTestId('field-year').fill('2024');
  await dialog.getByTestId('field-category').click();
  await page.locator('.n-base-select-option', { hasText: '专业' }).click();
  await dialog.getByTestId('field-hours').fill('50');
  await dialog.getByTestId('record-save').click();
  await dialog.waitFor({ state: 'detached' });
  await expect.poll(() => card.getByTestId('eligibility-status').textContent()).toBe('现在可申报');
  expect(await card.textContent()).not.toContain('不足90学时');
  // 助理级 is not held yet: the step after it waits for it, dated from the as-of day at the earliest.
  const then = /再下一步\s*评审中级，取得助理级后满 (\d) 年（最早 (\d{4}-\d{2}-\d{2})）/.exec(
    (await card.getByTestId('eligibility-explanation').textContent()) ?? '',
  );
  expect(then, 'the 再下一步 line').not.toBeNull();
  expect(then![2]! >= AS_OF).toBe(true);
  await card.scrollIntoViewIfNeeded();
  await h.shot('person-eligibility-now');
  await page.getByTestId('nav-workbench').click();
  await expect.poll(() => bucketCount('now')).toBe('2人');
});

test('the filtered list is exported to Excel', async () => {
  const { page } = h;
  await page.getByTestId('bucket-now').click();
  await expect.poll(() => page.getByTestId('dashboard-count').textContent()).toBe('2');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-dashboard').click()]);
  expect(download.suggestedFilename()).toMatch(/^申报资格_.*\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const names = sheet.getColumn(1).values.slice(2).map(String).sort();
  expect(names).toEqual(['王本科', '赵受阻'].sort());
  await page.getByTestId('bucket-now').click();
});

test('the timeline groups people by the month they become eligible', async () => {
  const { page } = h;
  await page.getByTestId('view-timeline').click();
  const timeline = page.getByTestId('timeline');
  await timeline.waitFor();
  // 王本科 and 赵受阻 were eligible before November; 周中级 is beyond twelve months.
  expect(await timeline.getByTestId('timeline-total').textContent()).toBe('2');
  expect(await timeline.textContent()).toContain('另有 2 人此前已可申报');
  const december = timeline.getByTestId('timeline-2026-12');
  expect(await december.getByTestId('timeline-count').textContent()).toBe('1 人');
  expect(await december.textContent()).toContain('李三十');
  expect(await timeline.getByTestId('timeline-2027-01').textContent()).toContain('张九十');
  expect(await timeline.getByTestId('timeline-2026-11').getByTestId('timeline-count').textContent()).toBe('0 人');
  await h.shot('dashboard-timeline');

  await december.getByTestId('timeline-person').click();
  await expect.poll(() => page.getByTestId('eligibility-headline').textContent()).toContain('最早 2026-12-10');
  await page.getByTestId('nav-workbench').click();
  await page.getByTestId('view-list').click();
});

test('a rule edited in 设置 changes the dashboard; a bad pack file is refused with the reason', async () => {
  const { page } = h;
  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('rules-section');
  await section.getByTestId('grade-legend').waitFor();
  expect(await section.textContent()).toContain('请对照本市当年的申报通知核对');

  const [exported] = await Promise.all([page.waitForEvent('download'), section.getByTestId('pack-export').click()]);
  expect(exported.suggestedFilename()).toBe('规则包_江苏 工程系列 (default).json');
  expect(JSON.parse(readFileSync(await exported.path(), 'utf8'))).toMatchObject({ id: 'js-engineering-default' });

  // 本科 under the current rules: one year → two.
  const years = section.getByTestId('chuding-years-chuding.current.benke-0');
  expect(await years.inputValue()).toBe('1');
  await years.fill('2');
  await years.blur();
  await section.getByTestId('pack-save').click();
  await expect.poll(async () => (await h.call('eligibility.pack.get', {})).chuding[1]!.outcomes[0]!.years).toBe(2);
  await h.shot('settings-rules');

  await section.getByTestId('pack-import-input').setInputFiles({
    name: 'bad-pack.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ name: '坏规则包', chuding: 'x' })),
  });
  await page.getByRole('button', { name: '导入并启用' }).click();
  await expect.poll(() => section.getByTestId('pack-error').textContent()).toContain('导入失败：输入有误');
  await h.shot('settings-rules-bad-import');

  // 复制为新规则包: its id is asked for in the dialog, then the copy is the active pack.
  await section.getByTestId('pack-clone').click();
  const clone = page.getByTestId('clone-dialog');
  await clone.getByTestId('clone-id').fill('');
  await clone.getByTestId('clone-save').click();
  await expect.poll(() => clone.getByTestId('clone-error').textContent()).toContain('请填写新规则包的名称和标识');
  await clone.getByTestId('clone-id').fill('suzhou-engineering');
  await clone.getByTestId('clone-save').click();
  await clone.waitFor({ state: 'hidden' });
  expect(await h.call('eligibility.pack.get', {})).toMatchObject({ id: 'suzhou-engineering' });

  // 王本科 (本科 2025届) now waits until 2027-07-01; 李三十 too; 赵受阻 follows the unchanged 过渡期 rule.
  await page.getByTestId('nav-workbench').click();
  await expect.poll(() => bucketCount('now')).toBe('1人');
  expect(await bucketCount('within30')).toBe('0人');
  await page.getByTestId('bucket-later').click();
  await expect.poll(tableText).toContain('2027-07-01');
  await page.getByTestId('bucket-later').click();
});

test('a new reminder pops up, is listed under the bell and can be dismissed', async () => {
  const { page } = h;
  // A 硕士 who started five days before today: 初定助理级 at once, so a reminder that does not depend on the date.
  const today = todayIso();
  const started = new Date(Date.parse(today) - 5 * 86_400_000).toISOString().slice(0, 10);
  await addPerson('吴提醒', '信息中心', started, [
    { kind: 'education', level: '硕士', graduatedOn: started.slice(0, 7), majorMatches: true },
  ]);
  h.app.services.eligibility.announceReminders();

  const title = '吴提醒可申报初定助理级';
  await page.locator('.n-notification', { hasText: title }).waitFor();
  await page.waitForTimeout(400); // let it slide in
  await h.shot('reminder-notification');

  const before = (await h.call('reminders.list', {})).length;
  const count = () => page.getByTestId('reminders-button').getAttribute('data-count');
  await expect.poll(count).toBe(String(before));
  expect(await page.getByTestId('reminders-count').isVisible()).toBe(true);
  await page.getByTestId('reminders-button').click();
  const item = page.getByTestId('reminder').filter({ hasText: title });
  expect(await item.textContent()).toContain(`${started} 起可申报初定助理级`);
  await h.shot('reminders-drawer');

  // The link leads to the person; back in the drawer, 忽略 removes the reminder for good.
  await item.getByTestId('reminder-open').click();
  await expect.poll(() => page.getByTestId('person-name').inputValue()).toBe('吴提醒');
  await page.getByTestId('reminders-button').click();
  await item.getByTestId('reminder-dismiss').click();
  await item.waitFor({ state: 'detached' });
  expect((await h.call('reminders.list', {})).map((r) => r.title)).not.toContain(title);
  await expect.poll(count).toBe(String(before - 1));
});

test('the drawer reminds of a 退回修改, a 备案表 expiring before its deadline and eligible people in no batch', async () => {
  const { page } = h;
  h.app.database.sqlite
    .prepare(
      "INSERT INTO documents (employee_id, material_type, file_name, stored_path, sha256, bytes, mime, source, valid_until) VALUES (?, '学信网备案表', 'a.pdf', 'x', 'y', 1, 'application/pdf', '扫描', '2099-06-30')",
    )
    .run(people['李三十']!);
  const batch = await h.call('batches.save', { name: '2026年初定提醒', type: '初定', deadline: '2099-12-31' });
  await h.call('batches.addPeople', {
    batchId: batch.id,
    people: [{ personId: people['王本科']! }, { personId: people['李三十']! }],
  });
  const [returned] = (await h.call('batches.get', { id: batch.id })).declarations;
  for (const status of ['材料齐全', '已导出', '已提交'] as const)
    await h.call('declarations.setStatus', { ids: [returned!.id], status, force: true, reason: '已线下核对' });
  await h.call('declarations.setStatus', { ids: [returned!.id], status: '退回修改', reason: '继续教育证书不清晰' });

  // The drawer may still be open from the test before; it follows the changes as they come.
  if (!(await page.getByTestId('reminders-list').isVisible())) await page.getByTestId('reminders-button').click();
  const item = (text: string) => page.getByTestId('reminder').filter({ hasText: text });
  await item('王本科的申报被退回修改').waitFor();
  expect(await item('王本科的申报被退回修改').textContent()).toContain('继续教育证书不清晰');
  expect(await item('李三十的学信网备案表在提交截止前过期').textContent()).toContain(
    '早于「2026年初定提醒」的提交截止日',
  );
  expect(await item('现在可申报，尚未加入申报批次').count()).toBe(1);
  await h.shot('reminders-drawer-kinds');

  // Each leads to where it is dealt with: the returned declaration.
  await item('王本科的申报被退回修改').getByTestId('reminder-open').click();
  await expect.poll(() => page.url()).toContain(`/declarations/${returned!.id}`);
  await page.getByTestId('return-reason').waitFor();
});
