/**
 * 模板与印章 end to end: a unit's seal imported from a scan and shown as letters print it; the
 * built-in consent letter previewed with a real person; a user template edited with placeholders
 * (a missing field refused by name, a rare character reported), versioned and exported; fields and
 * the seal placed by dragging on an imported official PDF; and a batch's letters generated with
 * progress and 取消, re-generated, and the merged print file read back with poppler.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { Route } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeIdNumber } from '../support/people';
import { chineseNumeralDate } from '../../shared/letters/placeholders';
import { todayIso } from '../../shared/validation/dates';
import { PT, creditCode, pdfText, sealScan, wordBoxes } from '../unit/letters/support';
import { ARTIFACTS, openHarness, type Harness } from './support';
import { execFileSync } from 'node:child_process';

const UNIT = '江苏恒泰电力工程有限公司';
const BATCH = '2026年工程系列初定第一批';
const PEOPLE = [
  { name: '张明远', phone: '13912345678', seq: 11 },
  { name: '李晓燕', phone: null, seq: 13 },
  { name: '王建国', phone: '13800001111', seq: 15 },
  { name: '陈思远', phone: '13800002222', seq: 17 },
];

let h: Harness;
let unitId = 0;
let batchId = 0;
const ids: Record<string, number> = {};

const option = (text: string) => h.page.locator('.n-base-select-option', { hasText: text });
const tab = (name: string) => h.page.locator(`.n-tabs-tab[data-name="${name}"]`);

async function pick(testid: string, text: string, scope = h.page.locator('body')): Promise<void> {
  await scope.getByTestId(testid).click();
  await h.page.keyboard.type(text);
  await option(text).first().click();
}

/** Waits for the PdfPreview under `scope` to have drawn its pages, and says whether it drew ink. */
async function drawnPreview(scope: ReturnType<Harness['page']['locator']>): Promise<{ pages: number; inked: boolean }> {
  const preview = scope.getByTestId('pdf-preview').first();
  await expect.poll(() => preview.getAttribute('data-loading'), { timeout: 30_000 }).toBe('false');
  return preview.evaluate((element) => {
    const canvas = element.querySelector('canvas');
    if (!canvas) return { pages: 0, inked: false };
    const context = canvas.getContext('2d')!;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 16) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100) dark++;
    return { pages: Number(element.getAttribute('data-pages')), inked: dark > 200 };
  });
}

beforeAll(async () => {
  h = await openHarness();
  unitId = (
    await h.call('units.save', {
      name: UNIT,
      creditCode: creditCode(),
      region: '南京市/市本级',
      contactName: '李敏',
      contactPhone: '025-84561234',
      address: '南京市玄武区珠江路88号',
    })
  ).id;
  for (const p of PEOPLE) {
    const { person } = await h.call('people.save', {
      name: p.name,
      idNumber: makeIdNumber('320102', '1996-03-01', p.seq),
      phone: p.phone,
      unitId,
      department: '技术部',
      position: '电气工程师',
      hiredOn: '2019-07-01',
      workStartedOn: '2019-07-01',
      category: '企业',
    });
    ids[p.name] = person.id;
    // A 单位同意证明 certifies eligibility: all but 陈思远 have the records that make them eligible.
    if (p.name === '陈思远') continue;
    await h.call('records.save', {
      kind: 'education',
      employeeId: person.id,
      level: '本科',
      degree: '学士',
      graduatedOn: '2019-06-30',
    });
    for (let year = 2019; year <= 2027; year++) {
      await h.call('records.save', { kind: 'assessment', employeeId: person.id, year, result: '合格' });
      await h.call('records.save', { kind: 'ce', employeeId: person.id, year, hours: 90, category: '专业' });
    }
  }
  batchId = (await h.call('batches.save', { name: BATCH, type: '初定' })).id;
  await h.call('batches.addPeople', {
    batchId,
    people: PEOPLE.map((p) => ({
      personId: ids[p.name]!,
      targetLevel: '助理级' as const,
      specialty: '工程/电力工程/电气工程',
    })),
  });
});
afterAll(async () => {
  await h?.close();
  expect(h?.pageErrors).toEqual([]);
});

test('a unit imports its seal scan and sees it transparent, red and at its printed size', async () => {
  const { page } = h;
  await page.getByTestId('nav-templates').click();
  await tab('seals').click();
  const card = page.getByTestId(`seal-card-${unitId}`);
  await expect.poll(() => card.getByTestId('seal-missing').textContent()).toContain('尚未导入印章');
  expect(await page.getByTestId('seal-notice').textContent()).toContain('从不自行绘制印章');
  await h.shot('letters-seal-none');

  const scan = join(ARTIFACTS, 'letters-seal-scan.png');
  writeFileSync(scan, await sealScan());
  await card.getByTestId('seal-file-input').setInputFiles(scan);
  const image = card.getByTestId('seal-image');
  await image.waitFor();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(472);
  expect(await card.getByTestId('seal-caption').textContent()).toContain('直径 40 毫米');
  // The sign-off under the seal is dated today, as a letter made now would be.
  expect(await card.getByTestId('seal-preview-date').textContent()).toBe(chineseNumeralDate(todayIso()));
  // 40 mm at 96 CSS px per inch.
  expect(await image.evaluate((img: HTMLImageElement) => img.getBoundingClientRect().width)).toBeCloseTo(151, 0);

  // The processed seal: transparent outside the ring, seal red on it.
  const pixels = await image.evaluate((img: HTMLImageElement) => {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const context = canvas.getContext('2d')!;
    context.drawImage(img, 0, 0);
    const at = (x: number, y: number) => [...context.getImageData(x, y, 1, 1).data];
    const ring = Array.from({ length: 40 }, (_, x) => at(x, 236)).find((p) => p[3]! > 200) ?? null;
    return { corner: at(3, 3), ring };
  });
  expect(pixels.corner[3]).toBe(0);
  expect(pixels.ring).not.toBeNull();
  expect(pixels.ring![0]).toBeGreaterThan(180);
  expect(pixels.ring![1]).toBeLessThan(80);
  expect((await h.call('units.list', {}))[0]).toMatchObject({ hasSeal: true });
  await h.shot('letters-seal-imported');
});

test('the built-in consent letter previews with a real person, rare characters reported', async () => {
  const { page } = h;
  await tab('templates').click();
  const row = page.locator('[data-testid="template-row"][data-id="consent-chuding"]');
  await row.getByText('查看').click();
  const editor = page.getByTestId('template-editor');
  await editor.waitFor();
  expect(await editor.textContent()).toContain('内置 · 只读');
  await h.shot('letters-builtin-empty');

  await pick('subject-person', '张明远', editor);
  const drawn = await drawnPreview(editor);
  expect(drawn).toEqual({ pages: 1, inked: true });
  await h.shot('letters-builtin-preview');

  // The same preview through the route, read back as text.
  const template = (await h.call('letters.templates.get', { id: 'consent-chuding' })).template;
  const preview = await h.call('letters.preview', { template, employeeId: ids['张明远']! });
  const text = (await pdfText(Buffer.from(preview.file!.base64, 'base64'))).replace(/\s+/g, '');
  for (const part of ['张明远', makeIdNumber('320102', '1996-03-01', 11), UNIT, '单位同意申报证明']) {
    expect(text).toContain(part);
  }

  // 张𠀀: U+20000 is in no shipped font, so the letter is refused rather than printed with a box.
  const rare = await h.call('people.save', {
    name: '张𠀀',
    idNumber: makeIdNumber('320102', '1990-03-15', 901),
    unitId,
    department: '技术部',
    hiredOn: '2014-07-01',
  });
  const extra = (await h.call('batches.save', { name: '2026年初定补充批', type: '初定' })).id;
  await h.call('batches.addPeople', {
    batchId: extra,
    people: [{ personId: rare.person.id, targetLevel: '助理级', specialty: '工程/电力工程/电气工程' }],
  });
  await editor.getByTestId('subject-person').click();
  await page.keyboard.type('张𠀀');
  await option('张𠀀').click();
  const problems = editor.getByTestId('preview-problems');
  await expect.poll(() => problems.textContent(), { timeout: 30_000 }).toContain('U+20000');
  expect(await problems.textContent()).toContain('姓名');
  await h.shot('letters-builtin-rare-glyph');
  await editor.getByTestId('editor-back').click();
});

test('a user template with placeholders: a missing field is refused by name; saved, versioned, exported', async () => {
  const { page } = h;
  await page.locator('[data-testid="template-row"][data-id="consent-chuding"]').getByText('查看').click();
  const editor = page.getByTestId('template-editor');
  await editor.getByTestId('template-copy').click();
  await expect.poll(() => editor.textContent()).toContain('未保存');

  await editor.getByTestId('tpl-name').fill('在职证明');
  await editor.getByTestId('tpl-title').fill('在职证明');
  const body = editor.getByTestId('tpl-paragraphs');
  await body.fill('兹证明{姓名}（身份证号：{身份证号}）系我单位在职人员，现在{部门岗位}工作。本人手机：');
  await body.press('End');
  await editor.getByTestId('placeholder-手机').click();
  await body.press('End');
  await page.keyboard.type('。\n特此证明。');
  expect(await body.inputValue()).toBe(
    '兹证明{姓名}（身份证号：{身份证号}）系我单位在职人员，现在{部门岗位}工作。本人手机：{手机}。\n特此证明。',
  );
  await editor.getByTestId('tpl-footer').fill('');

  // 李晓燕 has no phone: the letter is refused, naming the field.
  await pick('subject-person', '李晓燕', editor);
  const problems = editor.getByTestId('preview-problems');
  await expect.poll(() => problems.textContent(), { timeout: 30_000 }).toContain('缺少「手机」');
  expect(await problems.locator('[data-field="手机"]').count()).toBe(1);
  await h.shot('letters-user-missing-field');

  // An unknown placeholder is flagged while typing.
  await editor.getByTestId('tpl-title').fill('在职证明{职务}');
  await expect.poll(() => editor.getByTestId('unknown-placeholders').textContent()).toContain('{职务}');
  await editor.getByTestId('tpl-title').fill('在职证明');

  await editor.getByTestId('template-save').click();
  await expect.poll(() => editor.textContent()).toContain('保存为新版本');
  const saved = (await h.call('letters.templates.list', {})).find((t) => t.name === '在职证明')!;
  expect(saved).toMatchObject({ builtIn: false, version: 1, kind: 'text', unknownPlaceholders: [] });
  const stored = (await h.call('letters.templates.get', { id: saved.id })).template;
  expect(stored.kind === 'text' && stored.paragraphs).toEqual([
    '兹证明{姓名}（身份证号：{身份证号}）系我单位在职人员，现在{部门岗位}工作。本人手机：{手机}。',
    '特此证明。',
  ]);

  // 张明远 has one: the preview draws and the text carries his phone.
  await pick('subject-person', '张明远', editor);
  await expect.poll(() => drawnPreview(editor)).toEqual({ pages: 1, inked: true });
  const preview = await h.call('letters.preview', { template: saved.id, employeeId: ids['张明远']! });
  expect((await pdfText(Buffer.from(preview.file!.base64, 'base64'))).replace(/\s+/g, '')).toContain(
    '本人手机：13912345678。',
  );
  await h.shot('letters-user-preview');

  // A second version; the first opens again, read from the store.
  await editor.getByTestId('tpl-title').fill('在职及收入证明');
  await editor.getByTestId('template-save').click();
  await expect.poll(async () => (await h.call('letters.templates.versions', { id: saved.id })).length).toBe(2);
  await editor.getByTestId('template-versions').click();
  await option('第 1 版').click();
  await expect
    .poll(() => editor.getByTestId('old-version').textContent())
    .toContain('正在查看第 1 版（最新为第 2 版）');
  expect(await editor.getByTestId('tpl-title').inputValue()).toBe('在职证明');
  await h.shot('letters-user-old-version');

  const [download] = await Promise.all([page.waitForEvent('download'), editor.getByTestId('template-export').click()]);
  expect(download.suggestedFilename()).toBe('信函模板_在职证明.json');
  const exported = JSON.parse(readFileSync(await download.path(), 'utf8'));
  expect(exported).toMatchObject({ format: 'zhicheng-letter-template', version: 1, template: { title: '在职证明' } });

  // Imported back, it is the template's next version.
  await editor.getByTestId('editor-back').click();
  await page.getByTestId('template-import-input').setInputFiles({
    name: 'template.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(exported)),
  });
  await expect.poll(() => page.getByTestId('template-editor').textContent()).toContain('在职证明');
  expect((await h.call('letters.templates.versions', { id: saved.id })).length).toBe(3);
  await page.getByTestId('editor-back').click();
  await h.shot('letters-template-list');
});

/** A one-page official form from another office, in Latin text, as the background. */
async function officialForm(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  page.drawText('RECOMMENDATION FORM', { x: 180, y: 780, size: 20, font });
  const rows = ['Name', 'ID number', 'Department', 'Unit (seal)'];
  rows.forEach((label, i) => {
    const y = 700 - i * 60;
    page.drawText(label, { x: 60, y: y + 8, size: 12, font });
    page.drawRectangle({ x: 180, y, width: 340, height: 30, borderColor: rgb(0, 0, 0), borderWidth: 1 });
  });
  return doc.save();
}

test('fields and the seal are placed by dragging on an imported official PDF', async () => {
  const { page } = h;
  await page.getByTestId('background-input').setInputFiles({
    name: '推荐表.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from(await officialForm()),
  });
  const editor = page.getByTestId('template-editor');
  await expect.poll(() => editor.textContent()).toContain('套打模板');
  await drawnPreview(editor);

  await editor.getByTestId('overlay-add-field').click();
  const field = editor.getByTestId('overlay-field-0');
  await field.waitFor();
  // The page is drawn 560 px wide for 210 mm: 0.375 mm per px. The field starts at (30, 40) mm.
  const box = (await field.boundingBox())!;
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.down();
  await page.mouse.move(box.x + 85, box.y + 65, { steps: 4 });
  await page.mouse.move(box.x + 165, box.y + 125, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => editor.getByTestId('overlay-field-pos-0').textContent()).toBe('90, 85 毫米');

  await editor.getByTestId('overlay-seal').click();
  const seal = editor.getByTestId('overlay-seal-box');
  const sealBox = (await seal.boundingBox())!;
  await page.mouse.move(sealBox.x + 50, sealBox.y + 50);
  await page.mouse.down();
  await page.mouse.move(sealBox.x + 10, sealBox.y + 70, { steps: 4 });
  await page.mouse.move(sealBox.x - 30, sealBox.y + 90, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => editor.getByTestId('overlay-seal-pos').textContent()).toBe('100, 215 毫米');
  await h.shot('letters-overlay-placed');

  await editor.getByTestId('tpl-name').fill('推荐表套打');
  await editor.getByTestId('template-save').click();
  await expect
    .poll(async () => (await h.call('letters.templates.list', {})).some((t) => t.name === '推荐表套打'))
    .toBe(true);
  const summary = (await h.call('letters.templates.list', {})).find((t) => t.name === '推荐表套打')!;
  const stored = (await h.call('letters.templates.get', { id: summary.id })).template;
  expect(stored).toMatchObject({
    kind: 'overlay',
    fields: [{ text: '{姓名}', x: 90, y: 85, size: 12 }],
    seal: { x: 100, y: 215, diameter: 40 },
  });

  // The letter puts the name where it was dropped.
  const preview = await h.call('letters.preview', { template: summary.id, employeeId: ids['张明远']! });
  const name = (await wordBoxes(Buffer.from(preview.file!.base64, 'base64'))).find((w) => w.text === '张明远')!;
  expect(name.xMin * PT).toBeCloseTo(90, 0);
  expect(name.yMin * PT).toBeGreaterThan(83);
  expect(name.yMin * PT).toBeLessThan(88);

  await editor.locator('.n-tabs-tab', { hasText: '用真实数据预览' }).click();
  await pick('subject-person', '张明远', editor);
  await expect.poll(() => drawnPreview(editor.locator('.n-tab-pane').last())).toEqual({ pages: 1, inked: true });
  await h.shot('letters-overlay-preview');
  await editor.getByTestId('editor-back').click();
});

/** Holds the next generate request (or its answer) until `release` is called; `arrived` resolves once it is held. */
function holdGenerate(mode: 'request' | 'response') {
  let arrived!: () => void;
  let release!: () => void;
  let handled!: () => void;
  const arrivedP = new Promise<void>((resolve) => (arrived = resolve));
  const releaseP = new Promise<void>((resolve) => (release = resolve));
  const handledP = new Promise<void>((resolve) => (handled = resolve));
  const handler = async (route: Route) => {
    if (mode === 'request') {
      arrived();
      await releaseP;
      await route.continue();
    } else {
      const response = await route.fetch();
      arrived();
      await releaseP;
      await route.fulfill({ response });
    }
    handled();
  };
  return {
    install: () => h.page.route('**/api/invoke/letters.generate', handler, { times: 1 }),
    arrived: arrivedP,
    release: async () => {
      release();
      await handledP;
    },
  };
}

test("a batch's letters: cancelled, generated with progress, re-generated, merged PDF printed", async () => {
  const { page } = h;
  await page.getByTestId('nav-batches').click();
  await page.getByTestId('batch-row').filter({ hasText: BATCH }).click();
  await page.getByTestId('generate-letters').click();
  const panel = page.getByTestId('generate-panel');
  await expect.poll(() => panel.getByTestId('scope-count').textContent()).toContain(`批次「${BATCH}」：共 4 人`);
  await h.shot('letters-generate-ready');

  // 取消 before the run starts: the request is held until the cancel has gone out.
  const held = holdGenerate('request');
  await held.install();
  await panel.getByTestId('generate-start').click();
  await held.arrived;
  await panel.getByTestId('generate-running').waitFor();
  await h.shot('letters-generate-cancelling');
  const cancelled = page.waitForResponse('**/api/invoke/jobs.cancel');
  await panel.getByTestId('generate-cancel').click();
  await cancelled;
  await held.release();
  await expect.poll(() => panel.getByTestId('generate-summary').textContent()).toContain('已取消');
  expect(await panel.getByTestId('generate-summary').textContent()).toContain('已生成并归档 0 份');
  await h.shot('letters-generate-cancelled');

  // A full run: the answer is held until the progress bar has shown every letter.
  const full = holdGenerate('response');
  await full.install();
  await panel.getByTestId('generate-start').click();
  await full.arrived;
  await expect.poll(() => panel.getByTestId('generate-progress').textContent()).toBe('生成信函 4 / 4');
  await h.shot('letters-generate-progress');
  await full.release();
  // 陈思远 is 受阻 (no education on record): his consent letter, which certifies eligibility, is not made.
  await expect.poll(() => panel.getByTestId('generate-summary').textContent()).toContain('已生成并归档 3 份');
  const refusal = panel.getByTestId('generate-ineligible');
  expect(await refusal.textContent()).toContain('1 人按申报规则目前受阻');
  expect(await refusal.textContent()).toContain('陈思远');
  expect(await panel.getByTestId('result-problem').textContent()).toContain('陈思远');
  await h.shot('letters-refusal');

  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('generate-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^单位同意证明_合并打印_\d{8}_3份\.pdf$/);
  const merged = readFileSync(await download.path());
  const text = (await pdfText(merged)).replace(/\s+/g, '');
  for (const p of PEOPLE.slice(0, 3)) expect(text).toContain(p.name);
  expect(text).not.toContain('陈思远');
  expect(text.split('单位同意申报证明').length - 1).toBe(3);

  // The user confirms for him: his letter is made and joins the result.
  await panel.getByTestId('generate-confirm-ineligible').click();
  await expect.poll(() => panel.getByTestId('generate-summary').textContent()).toContain('已生成并归档 4 份');
  expect(await panel.getByTestId('result-letter').count()).toBe(4);
  expect(await panel.getByTestId('generate-ineligible').count()).toBe(0);
  await h.shot('letters-generate-done');
  copyFileSync(await download.path(), join(ARTIFACTS, 'letters-merged.pdf'));
  execFileSync('pdftoppm', [
    '-r',
    '60',
    '-f',
    '1',
    '-l',
    '1',
    '-png',
    '-singlefile',
    join(ARTIFACTS, 'letters-merged.pdf'),
    join(ARTIFACTS, 'letters-merged-page1'),
  ]);

  // Each letter is that person's document for the declaration.
  const consent = async () =>
    (await h.call('documents.list', { employeeId: ids['张明远']! })).filter((d) => d.materialType === '单位同意证明');
  const first = await consent();
  expect(first.map((d) => d.status)).toEqual(['active']);

  // Again: each new letter replaces the one before, which stays in history.
  await panel.getByTestId('generate-start').click();
  await expect.poll(() => panel.getByTestId('generate-results').textContent()).toContain('已替换之前生成的 1 份');
  await h.shot('letters-generate-again');
  const after = await consent();
  expect(after.filter((d) => d.status === 'active')).toHaveLength(1);
  expect(after.find((d) => d.status === 'active')!.id).not.toBe(first[0]!.id);
});

test('a 评审 batch keeps its 公示 period; without one, its consent letters are refused naming the field', async () => {
  const { page } = h;
  const review = (await h.call('batches.save', { name: '2026年工程系列评审', type: '评审' })).id;
  await h.call('batches.addPeople', {
    batchId: review,
    people: [{ personId: ids['王建国']!, targetLevel: '中级', specialty: '工程/电力工程/电气工程' }],
  });
  await page.getByTestId('nav-batches').click();
  await page.getByTestId('batch-row').filter({ hasText: '2026年工程系列评审' }).click();
  // The 公示期 can be set on the batch itself too.
  await page.getByTestId('batch-publicity').getByTestId('publicity-start').waitFor();
  await page.getByTestId('generate-letters').click();
  const panel = page.getByTestId('generate-panel');
  await panel.getByTestId('publicity').waitFor();

  await panel.getByTestId('generate-start').click();
  await expect.poll(() => panel.getByTestId('generate-results').textContent()).toContain('公示开始日期');
  await h.shot('letters-review-no-publicity');

  await panel.getByTestId('publicity-start').locator('input').fill('2026-11-09');
  await panel.getByTestId('publicity-end').locator('input').fill('2026-11-13');
  await panel.getByTestId('scope-count').click();
  await panel.getByTestId('publicity-save').click();
  await expect
    .poll(() => h.call('letters.publicity.get', { batchId: review }))
    .toEqual({
      start: '2026-11-09',
      end: '2026-11-13',
    });
  await panel.getByTestId('generate-start').click();
  await expect.poll(() => panel.getByTestId('generate-summary').textContent()).toContain('已生成并归档 1 份');
  await h.shot('letters-review-generated');
});

test('a batch made on the page opens the letters page from its 生成盖章信函 with it chosen and its people counted', async () => {
  const { page } = h;
  const second = '2026年工程系列初定第二批';
  // The letters page has been open: its batch list is loaded, and must follow what changes after.
  await page.getByTestId('nav-batches').click();
  await page.getByTestId('new-batch').click();
  const dialog = page.getByTestId('batch-dialog');
  await dialog.getByTestId('batch-name').fill(second);
  await pick('batch-type', '初定', dialog);
  await dialog.getByTestId('batch-save').click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByTestId('batch-summary').waitFor();
  // Back to the list and in again, as a user does, then people are added.
  await page.getByTestId('back-to-batches').click();
  await page.getByTestId('batch-row').filter({ hasText: second }).click();
  await page.getByTestId('add-people').click();
  const picker = page.getByTestId('add-people-dialog');
  await picker.getByTestId('picker-search').fill('张明远');
  await expect.poll(() => picker.getByTestId('picker-row').count()).toBe(1);
  await picker.getByTestId('picker-row').click();
  await picker.getByTestId('add-next').click();
  await picker.getByTestId('add-submit').click();
  await picker.waitFor({ state: 'detached' });
  await expect.poll(() => page.getByTestId('declaration-row').count()).toBe(1);

  await page.getByTestId('generate-letters').click();
  const panel = page.getByTestId('generate-panel');
  await expect.poll(() => panel.getByTestId('scope-count').textContent()).toContain(`批次「${second}」：共 1 人`);
  expect(await panel.getByTestId('generate-batch').textContent()).toContain(second);
});
