/**
 * A person's documents tab end to end: files added by dropping them on the tab and with the file
 * picker (a phone photo converted to PDF), previewed with PDF.js, the 学信网备案表's valid-until
 * date shown and corrected, a document replaced, deleted to the trash and restored.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { smallPdf } from '../support/documents';
import { makeIdNumber } from '../support/people';
import { scanPageJpeg } from '../unit/inbox/support';
import { openHarness, type Harness } from './support';

let h: Harness;
let personId = 0;

const addDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const docs = () => h.call('documents.list', { employeeId: personId });
const rowOf = (type: string) => h.page.locator(`[data-testid="doc-row"][data-type="${type}"]`);

beforeAll(async () => {
  h = await openHarness();
  const { person } = await h.call('people.save', {
    name: '孙立新',
    idNumber: makeIdNumber('320105', '1987-09-10', 31),
    workStartedOn: '2009-07-01',
    category: '企业',
  });
  personId = person.id;
  await h.page.getByTestId('nav-people').click();
  await h.page.getByTestId('person-row').first().click();
  await h.page.getByTestId('tab-documents').click();
  await h.page.getByTestId('documents-tab').waitFor();
});

afterAll(() => h?.close());

test('a file dropped on the tab is added; a 学信网备案表 shows its valid-until date, corrected in place', async () => {
  const { page } = h;
  await h.shot('documents-01-empty');
  const pdf = Buffer.from(await smallPdf('CHSI record of Sun Lixin')).toString('base64');
  // Playwright cannot drag from the desktop: the drop is dispatched with a DataTransfer made in the page.
  await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], '学信网备案表.pdf', { type: 'application/pdf' }));
    const tab = document.querySelector('[data-testid="documents-tab"]')!;
    tab.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true }));
    tab.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, pdf);
  const dialog = page.getByTestId('add-documents-dialog');
  await dialog.waitFor();
  expect(await page.getByTestId('add-documents-files').innerText()).toContain('学信网备案表.pdf');
  // The type is guessed from the name.
  expect(await page.getByTestId('add-documents-type').innerText()).toContain('学信网备案表');
  await h.shot('documents-02-drop-dialog');
  await page.getByTestId('add-documents-submit').click();
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => rowOf('学信网备案表').count()).toBe(1);

  // Valid for 90 days after filing unless the report says otherwise.
  const input = rowOf('学信网备案表').getByTestId('valid-until').locator('input');
  expect(await input.inputValue()).toBe(addDays(90));
  expect(await rowOf('学信网备案表').getByTestId('valid-until-note').innerText()).toBe('还剩90天');
  await input.fill('2020-01-31');
  await input.press('Enter');
  await expect.poll(async () => (await docs())[0]?.validUntil).toBe('2020-01-31');
  await expect.poll(() => rowOf('学信网备案表').getByTestId('valid-until-note').innerText()).toBe('已过期');
  await h.shot('documents-03-valid-until');
  expect(h.pageErrors).toEqual([]);
});

test('a photo picked with the file picker becomes a PDF, previewed page by page', async () => {
  const { page } = h;
  const photo = join(tmpdir(), `2024年度考核-${Date.now()}.jpg`);
  writeFileSync(photo, await scanPageJpeg(9, 120));
  await page.getByTestId('docs-add-input').setInputFiles(photo);
  await page.getByTestId('add-documents-dialog').waitFor();
  expect(await page.getByTestId('add-documents-type').innerText()).toContain('年度考核表');
  expect(await page.getByTestId('add-documents-year').inputValue()).toBe('2024');
  await page.getByTestId('add-documents-submit').click();
  await expect.poll(() => rowOf('年度考核表').count(), { timeout: 60_000 }).toBe(1);
  const [assessment] = (await docs()).filter((d) => d.materialType === '年度考核表');
  expect(assessment).toMatchObject({ year: 2024, fileName: '孙立新_年度考核表_2024.pdf', pages: 1 });

  await rowOf('年度考核表').getByTestId('doc-preview').click();
  const preview = page.getByTestId('document-preview').getByTestId('pdf-preview');
  await expect.poll(() => preview.getAttribute('data-pages'), { timeout: 30_000 }).toBe('1');
  await expect.poll(() => preview.getAttribute('data-loading')).toBe('false');
  // The page is drawn: the canvas has dark pixels (the scanned text bars), not a blank page.
  const inked = await preview.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i]! < 100) dark++;
    return dark / (data.length / 4);
  });
  expect(inked).toBeGreaterThan(0.01);
  await h.shot('documents-04-preview');
  // The original photo is one click away.
  await page.getByTestId('document-toggle-original').click();
  await page.getByTestId('document-original-image').waitFor();
  await page.keyboard.press('Escape');
  expect(h.pageErrors).toEqual([]);
});

test('replace keeps the old file as history; delete moves to the trash, and restore brings it back', async () => {
  const { page } = h;
  const before = (await docs()).find((d) => d.materialType === '年度考核表')!;
  const newer = join(tmpdir(), `考核重扫-${Date.now()}.pdf`);
  writeFileSync(newer, await smallPdf('assessment 2024 rescanned'));
  const chooser = page.waitForEvent('filechooser');
  await rowOf('年度考核表').getByTestId('doc-replace').click();
  await (await chooser).setFiles(newer);
  await expect
    .poll(async () => (await docs()).find((d) => d.materialType === '年度考核表')?.id, { timeout: 60_000 })
    .not.toBe(before.id);
  expect((await docs()).filter((d) => d.materialType === '年度考核表')).toHaveLength(1);

  await rowOf('学信网备案表').getByTestId('doc-delete').click();
  await page.locator('.n-dialog').getByRole('button', { name: '删除' }).click();
  await expect.poll(() => rowOf('学信网备案表').count()).toBe(0);
  await page.getByTestId('docs-trash').click();
  await expect.poll(() => rowOf('学信网备案表').count()).toBe(1);
  await h.shot('documents-05-trash');
  expect((await h.call('documents.list', { employeeId: personId, trashed: true })).map((d) => d.materialType)).toEqual([
    '学信网备案表',
  ]);
  await rowOf('学信网备案表').getByTestId('doc-restore').click();
  await expect.poll(() => rowOf('学信网备案表').count()).toBe(0);
  await page.getByTestId('docs-active').click();
  await expect.poll(() => page.getByTestId('doc-row').count()).toBe(2);
  // Restored with its corrected date.
  expect((await docs()).find((d) => d.materialType === '学信网备案表')?.validUntil).toBe('2020-01-31');
  await h.shot('documents-06-restored');
  expect(h.pageErrors).toEqual([]);
});
