/** Units in 设置: the credit code's check character is verified while typing; a valid one saves. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openHarness, type Harness } from './support';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.close();
  expect(h?.pageErrors).toEqual([]);
});

test('a unit with a bad check character is flagged, a valid one is saved as the default', async () => {
  const { page } = h;
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('add-unit').click();
  const dialog = page.getByTestId('unit-dialog');
  await dialog.getByTestId('unit-name').fill('江苏示例科技有限公司');
  await dialog.getByTestId('unit-creditCode').fill('91110000600037341X');
  await expect.poll(() => dialog.textContent()).toContain('统一社会信用代码校验位不正确');
  await h.shot('unit-bad-code');

  await dialog.getByTestId('unit-creditCode').fill('91110000600037341L');
  await expect.poll(() => dialog.textContent()).not.toContain('校验位不正确');
  await dialog.getByTestId('unit-save').click();
  await dialog.waitFor({ state: 'detached' });

  const table = page.getByTestId('units-table');
  await expect.poll(() => table.textContent()).toContain('江苏示例科技有限公司');
  expect(await table.textContent()).toContain('默认');
  expect(await table.textContent()).toContain('91110000600037341L');
  expect(await h.call('units.list', {})).toMatchObject([{ creditCode: '91110000600037341L', isDefault: true }]);
  await h.shot('settings-units');
});

test('the server refuses a duplicate credit code and the dialog says why', async () => {
  const { page } = h;
  await page.getByTestId('add-unit').click();
  const dialog = page.getByTestId('unit-dialog');
  await dialog.getByTestId('unit-name').fill('另一家公司');
  await dialog.getByTestId('unit-creditCode').fill('91110000600037341L');
  await dialog.getByTestId('unit-save').click();
  await expect.poll(() => dialog.getByTestId('unit-error').textContent()).toContain('已属于「江苏示例科技有限公司」');
});
