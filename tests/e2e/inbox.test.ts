/**
 * 材料收件箱 end to end: a watched folder set up on the page, real scans and photos dropped into
 * it and filed live to the right people (the watcher running as the Electron app runs it, and
 * 立即扫描), unmatched files assigned from the review queue by picker and by drag, a file cut off
 * mid-write quarantined with its reason and retried once complete, the limits saved, and cover
 * sheets printed.
 */
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { smallPdf } from '../support/documents';
import { makeIdNumber } from '../support/people';
import { scanPageJpeg, scannedPdf } from '../unit/inbox/support';
import { openHarness, type Harness, OCR_BUDGET_MS } from './support';

let h: Harness;
let scanDir: string;
const people: Record<string, { id: number; idNumber: string }> = {};

async function addPerson(name: string, seq: number, employeeNo?: string) {
  const { person } = await h.call('people.save', {
    name,
    idNumber: makeIdNumber('320102', '1988-03-04', seq),
    department: '技术部',
    workStartedOn: '2010-07-01',
    category: '企业',
    ...(employeeNo ? { employeeNo } : {}),
  });
  people[`${name}#${seq}`] = { id: person.id, idNumber: person.idNumber };
  return person;
}

/** As a scanner does it: the finished file appears at once (written aside, then renamed in). */
function drop(name: string, bytes: Uint8Array): string {
  const aside = join(scanDir, `.${name}.part`);
  writeFileSync(aside, bytes);
  const path = join(scanDir, name);
  rmSync(path, { force: true });
  writeFileSync(path, bytes);
  rmSync(aside, { force: true });
  return path;
}

const row = (file: string) => h.page.locator(`[data-testid="file-row"][data-file="${file}"]`);
const stateOf = (file: string) => row(file).getByTestId('file-state');
const option = (text: string) => h.page.locator('.n-base-select-option', { hasText: text });

beforeAll(async () => {
  h = await openHarness();
  scanDir = mkdtempSync(join(tmpdir(), 'zhicheng-e2e-scan-'));
  await addPerson('张建国', 11);
  await addPerson('李晓明', 12, 'E1024');
  await addPerson('王芳', 13);
  await addPerson('王芳', 14);
  await addPerson('赵文静', 15);
});

afterAll(async () => {
  await h?.close();
  rmSync(scanDir, { recursive: true, force: true });
});

test(
  'a watched folder added on the page files dropped scans live to the right people',
  async () => {
    const { page } = h;
    await page.getByTestId('nav-inbox').click();
    // With no folder yet, the page opens on its settings.
    await page.getByTestId('folders-section').waitFor();
    await h.shot('inbox-01-no-folders');

    await page.getByTestId('folder-add').click();
    // In the browser the path is typed: one that does not exist is refused by name, under the field.
    const missing = join(scanDir, '不存在的文件夹');
    await page.getByTestId('folder-path').fill(missing);
    await page.getByTestId('folder-save').click();
    await expect
      .poll(() => page.getByTestId('folder-path-item').innerText())
      .toContain(`文件夹「${missing}」不存在或无法访问`);
    expect(await page.getByTestId('folder-path-pick').count()).toBe(0); // no native picker in a browser
    await h.shot('inbox-02a-folder-invalid');
    expect(await h.call('inbox.folders.list', {})).toEqual([]);
    await page.getByTestId('folder-path').fill(scanDir);
    await page.getByTestId('folder-label').fill('人事部扫描仪');
    await page.getByTestId('folder-stable').fill('0');
    await h.shot('inbox-02-folder-dialog');
    await page.getByTestId('folder-save').click();
    await expect.poll(() => page.getByTestId('folder-row').count()).toBe(1);
    await expect.poll(() => page.getByTestId('folder-row').innerText()).toContain('人事部扫描仪');
    expect((await h.call('inbox.folders.list', {}))[0]).toMatchObject({ path: scanDir, stableSeconds: 0 });

    // The app runs the watcher while it is open (electron/main); the web host leaves it to us.
    h.app.services.inbox.start({ rescanMs: 60_000 });

    await page.getByTestId('tab-live').click();
    const zhang = people['张建国#11']!;
    drop(`${zhang.idNumber}_毕业证.pdf`, await smallPdf('diploma of zhang'));
    drop('E1024 2023年度考核表.jpg', await scanPageJpeg(3, 100));
    drop('王芳_学位证书.pdf', await smallPdf('degree of wang'));
    drop('scan0001.pdf', await scannedPdf([await scanPageJpeg(5, 100)]));

    await expect
      .poll(() => stateOf(`${zhang.idNumber}_毕业证.pdf`).getAttribute('data-state'), { timeout: 60_000 })
      .toBe('released');
    await expect
      .poll(() => stateOf('E1024 2023年度考核表.jpg').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('released');
    await expect
      .poll(() => stateOf('王芳_学位证书.pdf').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('needs_review');
    // A scanner's name says nothing, so its pages are read by OCR first: the budget is the OCR's, on a busy machine.
    await expect
      .poll(() => stateOf('scan0001.pdf').getAttribute('data-state'), { timeout: OCR_BUDGET_MS })
      .toBe('needs_review');
    expect(await row(`${zhang.idNumber}_毕业证.pdf`).innerText()).toContain('张建国_学历证书.pdf');
    expect(await row('E1024 2023年度考核表.jpg').innerText()).toContain('李晓明_年度考核表_2023.pdf');
    expect(await row('王芳_学位证书.pdf').innerText()).toMatch(/王芳/);
    await h.shot('inbox-03-live-list');

    // 立即扫描 picks up a file the watcher has not reported yet.
    const li = people['李晓明#12']!;
    drop(`${li.idNumber} 社保缴费证明.pdf`, await smallPdf('social insurance'));
    await page.getByTestId('inbox-rescan').click();
    await expect
      .poll(() => stateOf(`${li.idNumber} 社保缴费证明.pdf`).getAttribute('data-state'), { timeout: 60_000 })
      .toBe('released');

    // Filed to the person: their documents tab lists it, with a preview drawn by PDF.js.
    await page.goto(`${page.url().split('#')[0]}#/people/${zhang.id}`);
    await page.getByTestId('tab-documents').click();
    await expect.poll(() => page.getByTestId('doc-row').count()).toBe(1);
    expect(await page.getByTestId('doc-row').innerText()).toContain('张建国_学历证书.pdf');
    await page.getByTestId('doc-preview').click();
    const preview = page.getByTestId('document-preview').getByTestId('pdf-preview');
    await expect.poll(() => preview.getAttribute('data-pages'), { timeout: 30_000 }).toBe('1');
    await expect.poll(() => preview.getAttribute('data-loading')).toBe('false');
    await h.shot('inbox-04-person-documents-preview');
    await page.keyboard.press('Escape');
    await page.locator('.n-drawer-mask').waitFor({ state: 'hidden' });
    expect(h.pageErrors).toEqual([]);
  },
  3 * OCR_BUDGET_MS,
);

test('the review queue assigns a file with the pickers, and another by dragging it onto a person', async () => {
  const { page } = h;
  await page.getByTestId('nav-inbox').click();
  await page.getByTestId('tab-review').click();
  await expect.poll(() => page.getByTestId('review-item').count()).toBe(2);

  // The ambiguous name: both 王芳 offered as drop targets, the reason said.
  await page.locator('[data-testid="review-item"][data-file="王芳_学位证书.pdf"]').click();
  await expect.poll(() => page.getByTestId('review-reason').innerText()).toMatch(/王芳/);
  await expect
    .poll(() => page.locator('[data-testid="review-target"][data-person="王芳"]').count(), { timeout: 30_000 })
    .toBe(2);
  // A vector page (no scan in it) is drawn from the original by PDF.js.
  const vector = page.getByTestId('review-preview').getByTestId('pdf-preview');
  await expect.poll(() => vector.getAttribute('data-pages'), { timeout: 30_000 }).toBe('1');
  await h.shot('inbox-05-review-ambiguous');

  const wang14 = people['王芳#14']!;
  await page.getByTestId('review-person').click();
  await page.keyboard.type(wang14.idNumber.slice(-4));
  await option(`…${wang14.idNumber.slice(-4)}`).click();
  await page.getByTestId('review-assign').click();
  await expect
    .poll(async () => (await h.call('documents.list', { employeeId: wang14.id })).map((d) => d.fileName))
    .toEqual(['王芳_学位证书.pdf']);
  // The toast names whom and what, as chosen before the queue moved on; the pane shows the next file.
  await page.locator('.n-message', { hasText: '归入 王芳 的学位证书' }).waitFor();
  expect(await page.locator('.n-message').allTextContents()).not.toContainEqual(expect.stringContaining('null'));
  await expect
    .poll(() => page.locator('[data-testid="review-item"].active').getAttribute('data-file'))
    .toBe('scan0001.pdf');

  // The scan without a name: its page is shown as an image; dragged onto 赵文静, typed, filed.
  await expect.poll(() => page.getByTestId('review-item').count()).toBe(1);
  await page.getByTestId('review-preview-image').waitFor();
  await page.getByTestId('review-search').locator('input').fill('赵文静');
  const item = page.locator('[data-testid="review-item"][data-file="scan0001.pdf"]');
  const target = page.locator('[data-testid="review-target"][data-person="赵文静"]');
  await item.dragTo(target);
  await expect.poll(() => target.getAttribute('class')).toContain('chosen');
  await page.getByTestId('review-type').click();
  await option('工作经历证明').click();
  await h.shot('inbox-06-review-dragged');
  await page.getByTestId('review-assign').click();
  await page.getByTestId('review-empty').waitFor();
  const zhao = people['赵文静#15']!;
  expect((await h.call('documents.list', { employeeId: zhao.id })).map((d) => d.materialType)).toEqual([
    '工作经历证明',
  ]);
  expect(h.pageErrors).toEqual([]);
});

test(
  'a three-page scan is split by pages between a person on the roster and one made in the review pane',
  async () => {
    const { page } = h;
    await page.getByTestId('tab-live').click();
    drop('scan0003.pdf', await scannedPdf([await scanPageJpeg(21), await scanPageJpeg(22), await scanPageJpeg(23)]));
    await expect
      .poll(() => stateOf('scan0003.pdf').getAttribute('data-state'), { timeout: OCR_BUDGET_MS })
      .toBe('needs_review');
    await page.getByTestId('tab-review').click();
    await page.locator('[data-testid="review-item"][data-file="scan0003.pdf"]').click();
    await page.getByTestId('review-split').click();
    const form = page.getByTestId('split-form');
    const part = (n: number) => form.getByTestId('split-part').nth(n);
    // Each select keeps its menu in the page once opened: the one open now is the visible one.
    const shown = (text: string | RegExp) => page.locator('.n-base-select-option:visible', { hasText: text });

    // Pages 1–2: 张建国's 学历证书.
    await part(0).getByTestId('split-to').fill('2');
    await part(0).getByTestId('split-person').click();
    await page.keyboard.type('张建国');
    await shown('张建国').click();
    await part(0).getByTestId('split-type').click();
    await shown('学历证书').click();
    // Page 3: someone not on the roster yet, made here; a wrong 身份证号 is refused by the roster's own rule.
    await form.getByTestId('split-add').click();
    await expect.poll(() => part(1).getByTestId('split-from').inputValue()).toBe('3');
    await part(1).getByTestId('split-new-person').click();
    const dialog = page.getByTestId('new-person-dialog');
    await dialog.getByTestId('new-person-name').fill('孙丽');
    await dialog.getByTestId('new-person-id').fill('320102198803041230');
    await dialog.getByTestId('new-person-save').click();
    await expect.poll(() => dialog.getByTestId('new-person-error').innerText()).toContain('身份证号');
    const sun = makeIdNumber('320102', '1990-05-06', 31);
    await dialog.getByTestId('new-person-id').fill(sun);
    await dialog.getByTestId('new-person-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => part(1).getByTestId('split-person').innerText()).toContain('孙丽');
    await part(1).getByTestId('split-type').click();
    await shown(/^年度考核表$/).click();
    await part(1).getByTestId('split-year').fill('2023');
    await h.shot('inbox-06b-review-split');

    await form.getByTestId('split-submit').click();
    await page.locator('.n-message', { hasText: '拆分为 2 份' }).waitFor({ timeout: 60_000 });
    await page.getByTestId('review-empty').waitFor();
    const zhang = people['张建国#11']!;
    const [person] = (await h.call('people.list', { search: sun })).rows;
    expect(person!.name).toBe('孙丽');
    const filed = async (employeeId: number) =>
      (await h.call('documents.list', { employeeId })).map((d) => [d.materialType, d.year, d.pages]);
    expect(await filed(person!.id)).toEqual([['年度考核表', 2023, 1]]);
    expect(await filed(zhang.id)).toContainEqual(['学历证书', null, 2]);
    await page.getByTestId('tab-live').click();
    // The scan and its two parts, all done.
    await expect
      .poll(() => stateOf('scan0003.pdf').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state'))), {
        timeout: 60_000,
      })
      .toEqual(['released', 'released', 'released']);
    expect(h.pageErrors).toEqual([]);
  },
  3 * OCR_BUDGET_MS,
);

test('a file cut off mid-write is quarantined with its reason, and retry files it once complete', async () => {
  const { page } = h;
  await page.getByTestId('tab-live').click();
  const zhang = people['张建国#11']!;
  const whole = await scannedPdf([await scanPageJpeg(7, 100)]);
  const name = `${zhang.idNumber}_工作业绩.pdf`;
  drop(name, whole.slice(0, Math.floor(whole.length * 0.6)));
  // Still incomplete after a few looks (2 s, 5 s, 15 s): quarantined as damaged.
  await expect
    .poll(() => stateOf(name).getAttribute('data-state'), { timeout: 90_000, interval: 1000 })
    .toBe('quarantined');
  await page.getByTestId('tab-quarantine').click();
  const reason = page.locator(`[data-testid="quarantine-row"][data-file="${name}"]`).getByTestId('quarantine-reason');
  await expect.poll(() => reason.innerText()).toMatch(/损坏|不完整|截断/);
  await h.shot('inbox-07-quarantine');

  // The scanner finishes the file where the app claimed it; 重试 copies it again and files it.
  const claimedDir = join(scanDir, '.zhicheng', 'claimed');
  const claimed = readdirSync(claimedDir).find((f) => f.endsWith(name));
  expect(claimed).toBeDefined();
  writeFileSync(join(claimedDir, claimed!), whole);
  const later = Date.now() / 1000 + 5;
  utimesSync(join(claimedDir, claimed!), later, later);
  await page.locator(`[data-testid="quarantine-row"][data-file="${name}"]`).getByTestId('quarantine-retry').click();
  await expect.poll(() => page.locator('[data-testid="quarantine-row"]').count(), { timeout: 60_000 }).toBe(0);
  await expect
    .poll(async () => (await h.call('documents.list', { employeeId: zhang.id })).map((d) => d.materialType), {
      timeout: 60_000,
    })
    .toContain('工作业绩');
  expect(h.pageErrors).toEqual([]);
});

test('size limits and the name template are saved, and cover sheets come out as a PDF', async () => {
  const { page } = h;
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('settings-default-kb').fill('400');
  await page.getByTestId('settings-template').fill('{工号}_{姓名}_{材料类型}_{年度}.pdf');
  await page.getByTestId('settings-save').click();
  await expect.poll(async () => (await h.call('inbox.settings.get', {})).defaultLimitKb).toBe(400);
  expect((await h.call('inbox.settings.get', {})).nameTemplate).toBe('{工号}_{姓名}_{材料类型}_{年度}.pdf');
  // A bad template is refused with the reason, next to the form.
  await page.getByTestId('settings-template').fill('{部门}.pdf');
  await page.getByTestId('settings-save').click();
  await expect.poll(() => page.getByTestId('limits-error').innerText()).toContain('{部门}');
  await h.shot('inbox-08-settings');

  await page.getByTestId('cover-sheets').click();
  await page.getByTestId('cover-people').click();
  await option('张建国').click();
  await option('李晓明').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('cover-types').click();
  await option('学历证书').click();
  await page.keyboard.press('Escape');
  await h.shot('inbox-09-cover-sheets');
  const download = page.waitForEvent('download');
  await page.getByTestId('cover-print').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('扫描封面_2份.pdf');
  expect(h.pageErrors).toEqual([]);
});
