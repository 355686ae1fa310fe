/**
 * The user's own templates: text with placeholders, versioned, exported and imported as JSON; and
 * an imported official PDF as the background with fields and the seal placed in millimetres.
 */
import { PDFDocument, StandardFonts, degrees, rgb } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverlayTemplateInput, TextTemplateInput } from '../../../shared/letters/model';
import {
  PT,
  UNIT_NAME,
  addPerson,
  lettersWorkspace,
  pdfText,
  pdfTool,
  redShare,
  renderPage,
  wordBoxes,
  type LettersWorkspace,
} from './support';

const DATE = '2026-11-23';

const myLetter = (title: string): TextTemplateInput => ({
  id: 'work-proof',
  name: '在职证明',
  kind: 'text',
  materialType: '在职证明',
  title,
  salutation: '{受理单位|有关单位}：',
  paragraphs: [
    '兹证明{姓名}，{性别}，{出生日期}出生，身份证号码{身份证号}，于{入职时间}进入{单位全称}工作，现任{部门}{岗位?}。',
    '本人手机：{手机}。',
  ],
  footer: ['统一社会信用代码：{统一社会信用代码}'],
  signOff: ['{单位全称}', '{日期}'],
  seal: true,
});

/** An official form as another office would send it: Latin text, boxes, a black mark at a known corner. */
async function officialForm(options: { rotate?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  if (!options.rotate) {
    const page = doc.addPage([595.28, 841.89]);
    page.drawText('OFFICIAL FORM 2026', { x: 200, y: 780, size: 18, font });
    page.drawRectangle({
      x: 28 * (72 / 25.4),
      y: 841.89 - 60 * (72 / 25.4),
      width: 150 * (72 / 25.4),
      height: 15 * (72 / 25.4),
      borderWidth: 1,
      borderColor: rgb(0, 0, 0),
    });
    page.drawRectangle({ x: 10, y: 831.89 - 20, width: 20, height: 20, color: rgb(0, 0, 0) }); // top-left mark
    return doc.save();
  }
  // Landscape media box turned 90° for display, with a crop box: shows as a portrait A4-sized page.
  const page = doc.addPage([861.89, 615.28]);
  page.setCropBox(10, 10, 841.89, 595.28);
  page.setRotation(degrees(90));
  // Displayed top-left corner = media (x small, y small) after a 90° clockwise turn.
  page.drawRectangle({ x: 20, y: 20, width: 20, height: 20, color: rgb(0, 0, 0) });
  page.drawText('ROTATED FORM', { x: 300, y: 300, size: 18, font });
  return doc.save();
}

describe('user text templates', () => {
  let lw: LettersWorkspace;
  beforeAll(async () => {
    lw = await lettersWorkspace({ count: 2 });
  });
  afterAll(() => lw.cleanup());

  it('lists the built-ins beside the user’s, and refuses to overwrite a built-in', () => {
    const list = lw.letters.templates.list();
    expect(list.filter((t) => t.builtIn).map((t) => t.id)).toEqual([
      'consent-chuding',
      'consent-pingshen',
      'pledge-chuding',
      'pledge-pingshen',
    ]);
    expect(() => lw.letters.templates.save({ ...myLetter('x'), id: 'consent-chuding' })).toThrow(/内置模板不能修改/);
  });

  it('fills every placeholder, keeps each saved version and generates from any of them', async () => {
    const v1 = lw.letters.templates.save(myLetter('在职证明'));
    const v2 = lw.letters.templates.save(myLetter('在 职 证 明'));
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(lw.letters.templates.versions('work-proof').map((v) => v.version)).toEqual([1, 2]);
    expect(lw.letters.templates.get('work-proof').template).toMatchObject({ title: '在 职 证 明' });

    const person = lw.people[0]!;
    let bytes: Uint8Array | null = null;
    const result = await lw.letters.generateLetters({
      template: 'work-proof',
      version: 1,
      people: [person.id],
      date: DATE,
      onLetter: (_l, b) => void (bytes = b),
    });
    expect(result.problems).toEqual([]);
    expect(result.letters[0]!.materialType).toBe('在职证明');
    const text = (await pdfText(bytes!)).replace(/\s+/g, '');
    expect(text).toContain('在职证明');
    expect(text).not.toContain('在职证明在');
    expect(text).toContain('有关单位：');
    expect(text).toContain(`身份证号码${person.idNumber}`);
    expect(text).toContain(`本人手机：${person.phone}。`);
    expect(text).toContain(`进入${UNIT_NAME}工作，现任${person.department}电气工程师。`);
    expect(text).toContain('二〇二六年十一月二十三日');
    expect(text).not.toMatch(/[{}]/);
  });

  it('previews an unsaved template with a real person, filing nothing', async () => {
    const before = lw.ws.app.services.repos.documents.forPerson(lw.people[1]!.id).length;
    const preview = await lw.letters.previewLetter({
      template: { ...myLetter('草稿证明'), id: 'draft' },
      employeeId: lw.people[1]!.id,
      date: DATE,
    });
    expect(preview.problems).toEqual([]);
    expect(preview.fileName).toBe(`${lw.people[1]!.name}_${lw.people[1]!.idNumber.slice(-4)}_在职证明.pdf`);
    expect((await pdfText(preview.bytes!)).replace(/\s+/g, '')).toContain('草稿证明');
    expect(lw.ws.app.services.repos.documents.forPerson(lw.people[1]!.id)).toHaveLength(before);
    expect(() => lw.letters.templates.get('draft')).toThrow(/不存在/);
  });

  it('refuses, naming the field, when a placeholder has no value', async () => {
    const noPhone = addPerson(lw, '周文博');
    const result = await lw.letters.generateLetters({ template: 'work-proof', people: [noPhone.id], date: DATE });
    expect(result.letters).toEqual([]);
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'MISSING_FIELD', field: '手机', fields: ['手机'], name: '周文博' }),
    ]);
    expect(result.problems[0]!.message).toContain('缺少「手机」（请在人员信息中填写）');
  });

  it('reports unknown placeholders when saved and refuses to generate with them', async () => {
    const saved = lw.letters.templates.save({
      ...myLetter('证明'),
      id: 'typo',
      paragraphs: ['{姓名}任{职务}，{单位名称}。'],
    });
    expect(saved.unknownPlaceholders).toEqual(['职务', '单位名称']);
    await expect(lw.letters.generateLetters({ template: 'typo', people: [lw.people[0]!.id] })).rejects.toThrow(
      '模板「在职证明」中有未知的占位符：{职务}、{单位名称}',
    );
  });

  it('refuses a malformed template with a message naming the place', () => {
    expect(() => lw.letters.templates.save({ ...myLetter('证明'), id: 'Bad Id' })).toThrow(/模板编号只能用小写字母/);
    expect(() => lw.letters.templates.save({ ...myLetter('证明'), paragraphs: [] })).toThrow(/正文至少需要一段/);
  });

  it('shrinks a long letter to fit one page, and goes on to a second page only when it must', async () => {
    const sentence = '该同志在专业技术岗位上认真履行职责，完成了多项重点工程的设计与施工管理任务。';
    const letterOf = (paragraphs: number): TextTemplateInput => ({
      ...myLetter('工作情况说明'),
      id: `long-${paragraphs}`,
      paragraphs: Array.from({ length: paragraphs }, (_, i) => `${i + 1}. ${sentence.repeat(2)}`),
    });
    const make = async (paragraphs: number) => {
      lw.letters.templates.save(letterOf(paragraphs));
      const preview = await lw.letters.previewLetter({ template: `long-${paragraphs}`, employeeId: lw.people[0]!.id });
      const text = await pdfText(preview.bytes!);
      expect(text.replace(/\s+/g, '')).toContain(`${paragraphs}.该同志`);
      return { pages: text.split('\f').filter((p) => p.trim()).length, bytes: preview.bytes! };
    };
    expect((await make(8)).pages).toBe(1);
    const long = await make(30);
    expect(long.pages).toBeGreaterThan(1);
    // The seal goes with the sign-off, on the last page only.
    const images = pdfTool('pdfimages', long.bytes, ['-list']).split('\n').slice(2).filter(Boolean);
    expect(images.map((row) => Number(row.trim().split(/\s+/)[0]))).toEqual([long.pages, long.pages]);
  });

  it('exports a template as JSON that another workspace imports', async () => {
    const exported = JSON.parse(JSON.stringify(lw.letters.templates.export('work-proof')));
    expect(exported).toMatchObject({
      format: 'zhicheng-letter-template',
      formatVersion: 1,
      version: 2,
      background: null,
    });
    const other = await lettersWorkspace({ count: 0, seal: false });
    try {
      const imported = await other.letters.templates.import(exported);
      expect(imported).toMatchObject({ id: 'work-proof', version: 1, builtIn: false, name: '在职证明' });
      expect(other.letters.templates.get('work-proof').template).toEqual(
        lw.letters.templates.get('work-proof').template,
      );
      await expect(other.letters.templates.import({ format: 'something-else' })).rejects.toThrow(/不是有效的模板文件/);
    } finally {
      other.cleanup();
    }
  });
});

describe('templates on an imported PDF background', () => {
  let lw: LettersWorkspace;
  beforeAll(async () => {
    lw = await lettersWorkspace({ count: 1 });
  });
  afterAll(() => lw.cleanup());

  const overlay = (backgroundDocumentId: number): OverlayTemplateInput => ({
    id: 'city-form',
    name: '某市单位推荐表',
    kind: 'overlay',
    materialType: '单位同意证明',
    backgroundDocumentId,
    fields: [
      { text: '{姓名}', x: 30, y: 50, size: 12 },
      { text: '{身份证号}', x: 100, y: 50, size: 12 },
      { text: '经审核，{姓名}同志的申报材料真实有效，同意推荐。', x: 30, y: 100, size: 12, width: 60 },
      { text: '{日期}', x: 180, y: 250, size: 12, align: 'right' },
    ],
    seal: { x: 120, y: 215, diameter: 40 },
  });

  it('puts the fields and the seal at their millimetres from the top-left, over the background', async () => {
    const background = await lw.letters.templates.importBackground(await officialForm(), '推荐表.pdf');
    expect(background.pages).toEqual([{ widthMm: 210, heightMm: 297 }]);
    expect(lw.ws.app.services.repos.documents.get(background.documentId)).toMatchObject({
      materialType: '模板背景',
      employeeId: null,
    });
    lw.letters.templates.save(overlay(background.documentId));
    const person = lw.people[0]!;
    let bytes: Uint8Array | null = null;
    await lw.letters.generateLetters({
      template: 'city-form',
      people: [person.id],
      date: DATE,
      onLetter: (_l, b) => void (bytes = b),
    });

    const words = await wordBoxes(bytes!);
    const name = words.find((w) => w.text === person.name)!;
    expect(Math.abs(name.xMin * PT - 30)).toBeLessThan(0.3);
    expect(Math.abs(name.yMin * PT - 50)).toBeLessThan(2);
    const id = words.find((w) => w.text === person.idNumber)!;
    expect(Math.abs(id.xMin * PT - 100)).toBeLessThan(0.3);
    const date = words.find((w) => w.text === '二〇二六年十一月二十三日')!;
    expect(Math.abs(date.xMax * PT - 180)).toBeLessThan(0.5); // right-aligned to x
    const wrapped = words.filter((w) => w.xMin * PT > 29 && w.xMin * PT < 31 && w.yMin * PT > 95 && w.yMin * PT < 130);
    expect(wrapped.length).toBeGreaterThan(1); // the 60 mm box wraps its text
    for (const w of wrapped) expect(w.xMax * PT).toBeLessThan(30 + 60 + 0.5);
    expect((await pdfText(bytes!)).includes('OFFICIAL FORM 2026')).toBe(true); // the background stays

    const page = await renderPage(bytes!, 50);
    expect(redShare(page, { x: 120, y: 215, w: 40, h: 40 })).toBeGreaterThan(0.06);
    expect(redShare(page, { x: 0, y: 0, w: 210, h: 200 })).toBe(0);
  });

  it('shows a rotated, cropped background the way a viewer shows it', async () => {
    const form = await officialForm({ rotate: true });
    const background = await lw.letters.templates.importBackground(form, 'rotated.pdf');
    expect(background.pages).toEqual([{ widthMm: 210, heightMm: 297 }]);
    lw.letters.templates.save({ ...overlay(background.documentId), id: 'rotated-form', seal: null });
    let bytes: Uint8Array | null = null;
    await lw.letters.generateLetters({
      template: 'rotated-form',
      people: [lw.people[0]!.id],
      date: DATE,
      onLetter: (_l, b) => void (bytes = b),
    });
    const [source, ours] = [await renderPage(form, 30, process.env, ['-cropbox']), await renderPage(bytes!, 30)];
    expect([ours.width, ours.height]).toEqual([source.width, source.height]);
    // Outside the fields, every pixel is the background's, the black corner mark included.
    let differing = 0;
    let compared = 0;
    for (let y = 0; y < source.height; y++) {
      for (let x = 0; x < source.width; x++) {
        const mmY = (y / source.height) * 297;
        if (mmY > 40 && mmY < 260) continue; // where the fields are
        const o = (y * source.width + x) * 3;
        compared++;
        if (Math.abs(source.data[o]! - ours.data[o]!) > 40) differing++;
      }
    }
    expect(differing / compared).toBeLessThan(0.002);
    const mark = source.data.reduce((n, v, i) => (i % 3 === 0 && v < 60 ? n + 1 : n), 0);
    expect(mark).toBeGreaterThan(20);
  });

  it('exports an overlay template with its background, which an import files in the other library', async () => {
    const exported = JSON.parse(JSON.stringify(lw.letters.templates.export('city-form')));
    expect(exported.background.fileName).toBe('推荐表.pdf');
    const other = await lettersWorkspace({ count: 0, seal: false });
    try {
      await other.letters.templates.import(exported);
      const copy = other.letters.templates.get('city-form').template;
      expect(copy.kind).toBe('overlay');
      const doc = other.ws.app.services.repos.documents.get(
        (copy as { backgroundDocumentId: number }).backgroundDocumentId,
      )!;
      expect(doc).toMatchObject({ materialType: '模板背景', fileName: '推荐表.pdf' });
    } finally {
      other.cleanup();
    }
  });
});
