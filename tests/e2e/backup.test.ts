/** 设置 › 数据与备份 in Chromium: back up, change the data, restore, and see the earlier data again. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { generatePeople } from '../support/people';
import { openHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.close();
  expect(h?.pageErrors).toEqual([]);
});

test('a backup made from the page brings the earlier data back after a restore', async () => {
  const { page } = h;
  const [first, second] = generatePeople(2, 5);
  const saved = await h.call('people.save', { name: '王备份', idNumber: first!.idNumber });
  await h.call('people.save', { name: '李备份', idNumber: second!.idNumber });

  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('backups-section');
  await section.getByTestId('backup-now').click();
  const table = page.getByTestId('backups-table');
  await expect.poll(() => table.textContent()).toContain('2 人 · 0 份材料 · 0 个批次');
  expect(await table.textContent()).toContain('通过');
  await section.scrollIntoViewIfNeeded();
  await h.shot('backup-made');

  // After the backup: one person renamed, one deleted.
  await h.call('people.save', { id: saved.person.id, name: '王改名', idNumber: first!.idNumber });
  const li = (await h.call('people.list', { search: '李备份' })).rows[0]!;
  await h.call('people.delete', { id: li.id });
  await page.getByTestId('nav-people').click();
  await expect.poll(() => page.textContent('body')).toContain('王改名');

  await page.getByTestId('nav-settings').click();
  await table.getByTestId('restore').first().click();
  await expect.poll(() => page.textContent('body')).toContain('该备份有 2 人、0 份材料、0 个批次');
  await h.shot('backup-restore-confirm');
  await page.getByRole('button', { name: '恢复', exact: true }).last().click();

  // The page reloads and says what happened; the list gained the 恢复前 backup.
  const note = page.getByTestId('restored-note');
  await note.waitFor();
  expect(await note.textContent()).toContain('恢复前');
  await expect.poll(() => table.textContent()).toContain('恢复前');
  await page.getByTestId('integrity-check').click();
  await expect.poll(() => page.getByTestId('integrity-summary').textContent()).toContain('数据库无误');
  await section.scrollIntoViewIfNeeded();
  await h.shot('backup-restored');

  await page.getByTestId('nav-people').click();
  await expect.poll(() => page.textContent('body')).toContain('李备份');
  const body = await page.textContent('body');
  expect(body).toContain('王备份');
  expect(body).not.toContain('王改名');
  await h.shot('backup-people-after-restore');
});
