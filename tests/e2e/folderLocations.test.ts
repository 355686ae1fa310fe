/**
 * Folders typed in the browser (the desktop app adds a 选择… button): the backup location in
 * 设置 › 数据与备份, where the next backup is then made, and the upload kits' export folder, where
 * the kits then land. A path that will not do is explained under the field before anything runs.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeIdNumber } from '../support/people';
import { openHarness, type Harness } from './support';

let h: Harness;
const outside: string[] = [];
/** A folder outside the workspace, standing in for another disk or a network drive. */
const elsewhere = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  outside.push(dir);
  return dir;
};
/** No transition still running (a message fading in), for the pictures. */
const settled = () => expect.poll(() => h.page.evaluate(() => document.getAnimations().length)).toBe(0);
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.close();
  for (const dir of outside) rmSync(dir, { recursive: true, force: true });
  expect(h?.pageErrors).toEqual([]);
});

test('a backup location typed in 设置 gets the next backup', async () => {
  const { page } = h;
  await h.call('people.save', { name: '钱备份', idNumber: makeIdNumber('320102', '1990-05-01', 31) });
  await page.getByTestId('nav-settings').click();
  const section = page.getByTestId('backups-section');
  const field = section.getByTestId('backup-location');
  const item = section.getByTestId('backup-location-item');

  // Inside the library: refused under the field, nothing saved.
  await field.fill(join(h.app.paths.libraryDir));
  await section.getByTestId('backup-location-save').click();
  await expect.poll(() => item.textContent()).toContain('在工作区的文档库之内，不能存放备份');
  expect((await h.call('backups.list', {})).folder).toBeNull();

  const nas = elsewhere('zhicheng-e2e-nas-');
  await field.fill(nas);
  await section.getByTestId('backup-location-save').click();
  await expect.poll(async () => (await h.call('backups.list', {})).folder).toBe(nas);
  const dir = (await h.call('backups.list', {})).dir;
  await expect.poll(() => section.getByTestId('backup-dir').textContent()).toContain(dir);

  await section.getByTestId('backup-now').click();
  await expect.poll(() => page.getByTestId('backups-table').textContent()).toContain('1 人 · 0 份材料 · 0 个批次');
  expect(dirname(dir)).toBe(nas);
  expect(readdirSync(dir).filter((name) => name.endsWith('.sqlite'))).toHaveLength(1);
  await section.scrollIntoViewIfNeeded();
  await h.shot('backup-location');
  // Refused under the field, as typed in the browser.
  await field.fill('备份');
  await section.getByTestId('backup-location-save').click();
  await expect.poll(() => item.textContent()).toContain('「备份」不是完整路径');
  await settled();
  await h.shot('backup-location-refused');
});

test('the kits go to the folder typed in the export dialog, which is offered again next time', async () => {
  const { page } = h;
  const { person } = await h.call('people.save', {
    name: '孙导出',
    idNumber: makeIdNumber('320102', '1995-01-01', 32),
    workStartedOn: '2022-07-01',
  });
  const batch = await h.call('batches.save', { name: '2026年初定第二批', type: '初定', deadline: '2026-12-31' });
  await h.call('batches.addPeople', {
    batchId: batch.id,
    people: [{ personId: person.id, targetLevel: '助理级', specialty: '工程/电子信息/通信工程' }],
  });
  await page.goto(page.url().replace(/#.*$/, `#/batches/${batch.id}`));
  await page.getByTestId('declaration-row').first().waitFor();

  await page.getByTestId('export-kits').click();
  const dialog = page.getByTestId('export-dialog');
  const field = dialog.getByTestId('export-folder');
  const defaultDir = join(h.app.paths.root, 'exports');
  await expect.poll(() => dialog.getByTestId('export-default-dir').textContent()).toContain(defaultDir);
  expect(await field.getAttribute('placeholder')).toBe('不填则导出到工作区的 exports 文件夹');
  // The settings page's toasts gone, for the pictures.
  await page.locator('.n-message').first().waitFor({ state: 'detached' });
  await settled();
  await h.shot('export-folder-default');
  await field.fill('导出');
  await dialog.getByTestId('export-start').click();
  await expect.poll(() => dialog.getByTestId('export-folder-item').textContent()).toContain('「导出」不是完整路径');
  await settled();
  await h.shot('export-folder-refused');

  const chosen = elsewhere('zhicheng-e2e-kits-');
  await field.fill(chosen);
  await dialog.getByTestId('export-start').click();
  await dialog.getByTestId('export-result').waitFor();
  const out = await dialog.getByTestId('export-path').inputValue();
  expect(dirname(out)).toBe(chosen);
  expect(existsSync(join(out, '001_孙导出', '清单.txt'))).toBe(true);
  await dialog.getByTestId('export-close').click();

  await page.getByTestId('export-kits').click();
  await expect.poll(() => dialog.getByTestId('export-folder').inputValue()).toBe(chosen);
  await dialog.getByRole('button', { name: '取消' }).click();
});
