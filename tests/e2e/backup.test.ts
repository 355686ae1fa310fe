/**
 * 设置 › 数据与备份 in Chromium: back up, change the data, restore, and see the earlier data again;
 * the integrity check and its repair; the notice of work a crash cut short.
 */
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { smallPdf } from '../support/documents';
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

test('a file moved behind the app’s back is found by the check and put back by 修复', async () => {
  const { page } = h;
  const { person } = await h.call('people.save', { name: '赵完整', idNumber: generatePeople(1, 8)[0]!.idNumber });
  const doc = h.app.services.library.store(await smallPdf('diploma of zhao'), {
    employeeId: person.id,
    declarationId: null,
    materialType: '学历证书',
    year: null,
    title: null,
    fileName: '学历证书.pdf',
    mime: 'application/pdf',
    pages: 1,
    source: '扫描',
    originalId: null,
    validUntil: null,
  });
  const library = h.app.paths.libraryDir;
  renameSync(join(library, doc.storedPath), join(library, '挪走的文件.pdf'));

  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('integrity-section');
  await section.getByTestId('integrity-check').click();
  const summary = section.getByTestId('integrity-summary');
  await expect.poll(() => summary.textContent()).toContain('缺少文件 1 份');
  expect(await section.textContent()).toContain('缺少文件：赵完整 · 学历证书 · 学历证书.pdf');
  await section.scrollIntoViewIfNeeded();
  await h.shot('integrity-problem');

  await section.getByTestId('integrity-repair').click();
  await page.getByRole('button', { name: '修复', exact: true }).last().click();
  await expect.poll(() => page.textContent('body')).toContain('已放回 1 个文件');
  await expect.poll(() => summary.textContent()).toContain('数据库无误');
  expect(existsSync(join(library, doc.storedPath))).toBe(true);
  await h.shot('integrity-repaired');
});

test('work a crash cut short is told at the next start, until the notice is closed', async () => {
  const { page } = h;
  // What the app writes down while a kit export runs, then finds at start-up after a kill.
  const journal = h.app.services.interrupted;
  journal.started('job-killed', '导出上传材料包');
  journal.collectInterrupted();
  await page.reload();
  const notice = page.locator('.n-notification', { hasText: '上次的「导出上传材料包」没有完成' });
  await notice.waitFor();
  expect(await notice.textContent()).toContain('请重新导出上传材料包');
  await page.waitForTimeout(400); // let it slide in
  await h.shot('interrupted-work');
  await notice.locator('.n-base-close').click();
  await expect.poll(async () => (await h.call('jobs.interrupted', {})).length).toBe(0);
});
