/**
 * Real letters, read back with poppler: the text is there and correct, the seal is stamped over the
 * unit name and date, the embedded font carries every glyph, and bulk runs file, supersede, report
 * progress and stop when cancelled.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontStack } from '../../../electron/services/letters/fonts';
import { createLettersService } from '../../../electron/services/letters/lettersService';
import {
  PT,
  UNIT_NAME,
  addBatch,
  addPerson,
  addTitle,
  darkShare,
  lettersWorkspace,
  noCjkFontconfig,
  pdfText,
  pdfTool,
  redShare,
  renderPage,
  wordBoxes,
  type LettersWorkspace,
} from './support';

const DATE = '2026-11-23';
const CHINESE_DATE = '二〇二六年十一月二十三日';

/** A box in mm around a word, grown by `pad` mm. */
const around = (w: { xMin: number; yMin: number; xMax: number; yMax: number }, pad = 0) => ({
  x: w.xMin * PT - pad,
  y: w.yMin * PT - pad,
  w: (w.xMax - w.xMin) * PT + 2 * pad,
  h: (w.yMax - w.yMin) * PT + 2 * pad,
});

describe('consent letters for a batch', () => {
  let lw: LettersWorkspace;
  let batchId: number;
  const bytesOf = new Map<string, Uint8Array>();
  let result: Awaited<ReturnType<LettersWorkspace['letters']['generateLetters']>>;

  beforeAll(async () => {
    lw = await lettersWorkspace({ count: 3 });
    addTitle(lw, lw.people[1]!.id);
    batchId = addBatch(lw, '初定', lw.people).batchId;
    result = await lw.letters.generateLetters({
      template: 'consent',
      batchId,
      date: DATE,
      onLetter: (letter, bytes) => void bytesOf.set(letter.idNumber, bytes),
    });
  });
  afterAll(() => lw.cleanup());

  it('writes each person’s name, ID number, unit and the Chinese date as real text', async () => {
    expect(result.problems).toEqual([]);
    expect(result.letters).toHaveLength(3);
    for (const person of lw.people) {
      const bytes = bytesOf.get(person.idNumber)!;
      expect(bytes.length).toBeLessThan(100_000);
      const text = (await pdfText(bytes)).replace(/\s+/g, '');
      expect(text).toContain('单位同意申报证明');
      expect(text).toContain(`兹证明${person.name}（身份证号：${person.idNumber}`);
      expect(text).toContain(UNIT_NAME);
      expect(text).toContain(CHINESE_DATE);
      expect(text).toContain('申请初定工程系列电气工程专业助理级专业技术资格');
      expect(text).toContain('统一社会信用代码：913201000000000018');
      expect(text).toContain(`于${person.hiredOn.slice(0, 4)}年7月1日入职`);
    }
    const withTitle = (await pdfText(bytesOf.get(lw.people[1]!.idNumber)!)).replace(/\s+/g, '');
    expect(withTitle).toContain('现具有工程系列电气工程专业中级专业技术资格（2018年12月31日取得）');
  });

  it('files each letter as the person’s 单位同意证明 for the declaration', () => {
    const { repos } = lw.ws.app.services;
    for (const letter of result.letters) {
      const doc = repos.documents.get(letter.documentId!)!;
      expect(doc).toMatchObject({
        employeeId: letter.employeeId,
        declarationId: letter.declarationId,
        materialType: '单位同意证明',
        source: '生成',
        status: 'active',
        mime: 'application/pdf',
        pages: 1,
        year: 2026,
      });
      expect(doc.fileName).toBe(`${letter.name}_${letter.idNumber.slice(-4)}_单位同意证明.pdf`);
      expect(existsSync(lw.ws.app.services.library.absolute(doc.storedPath))).toBe(true);
    }
  });

  it('stamps the seal over the unit name and the date, with the text still legible under it', async () => {
    const bytes = bytesOf.get(lw.people[0]!.idNumber)!;
    const words = await wordBoxes(bytes);
    const unitLine = words.filter((w) => w.text === UNIT_NAME).at(-1)!;
    const dateLine = words.find((w) => w.text === CHINESE_DATE)!;
    expect(unitLine.xMax).toBeGreaterThan(595.28 / 2); // right-aligned sign-off
    expect(dateLine.yMin).toBeGreaterThan(unitLine.yMax - 1);
    const page = await renderPage(bytes, 60);
    expect(redShare(page, around(unitLine, 2))).toBeGreaterThan(0.03);
    expect(redShare(page, around(dateLine, 2))).toBeGreaterThan(0.02);
    expect(darkShare(page, around(dateLine))).toBeGreaterThan(0.02); // multiply: black text shows through the ink
    // The 40 mm seal is centred on the sign-off, a little above its middle.
    const centreX = ((unitLine.xMin + unitLine.xMax) / 2) * PT;
    const centreY = ((unitLine.yMin + dateLine.yMax) / 2) * PT;
    expect(redShare(page, { x: centreX - 20, y: centreY - 22, w: 40, h: 40 })).toBeGreaterThan(0.06);
    // No red anywhere else: the title and body are black.
    expect(redShare(page, { x: 20, y: 20, w: 170, h: 150 })).toBe(0);
  });

  it('carries its own glyphs: it renders the same with no CJK font on the system', async () => {
    const bytes = bytesOf.get(lw.people[2]!.idNumber)!;
    const fonts = pdfTool('pdffonts', bytes);
    expect(fonts).toMatch(/NotoSerifSC-Regular.*CID TrueType\s+Identity-H\s+yes/);
    const bare = noCjkFontconfig();
    try {
      const plain = await renderPage(bytes, 40);
      const noCjk = await renderPage(bytes, 40, bare.env);
      expect(noCjk.stderr).not.toMatch(/font/i);
      let diff = 0;
      for (let i = 0; i < plain.data.length; i++) diff += Math.abs(plain.data[i]! - noCjk.data[i]!);
      expect(diff / plain.data.length).toBeLessThan(0.5);
      expect(darkShare(noCjk, { x: 60, y: 25, w: 90, h: 15 })).toBeGreaterThan(0.05); // the title is drawn
    } finally {
      bare.cleanup();
    }
  });

  it('makes one merged file of the run for printing, the seal embedded once', async () => {
    expect(result.merged!.pages).toBe(3);
    const text = await pdfText(result.merged!.bytes);
    for (const person of lw.people) expect(text).toContain(person.idNumber);
    // One image and its soft mask, listed on every page under the same object number.
    const rows = pdfTool('pdfimages', result.merged!.bytes, ['-list']).split('\n').slice(2).filter(Boolean);
    const cells = rows.map((r) => r.trim().split(/\s+/));
    expect(cells.map((c) => `${c[0]} ${c[2]}`)).toEqual([
      '1 image',
      '1 smask',
      '2 image',
      '2 smask',
      '3 image',
      '3 smask',
    ]);
    expect(new Set(cells.map((c) => c[10])).size).toBe(1);
  });

  it('supersedes the earlier letter when generated again, keeping it as history', async () => {
    const { repos } = lw.ws.app.services;
    const again = await lw.letters.generateLetters({ template: 'consent', batchId, date: '2026-11-24', merged: false });
    expect(again.merged).toBeNull();
    for (const [i, letter] of again.letters.entries()) {
      const earlier = result.letters[i]!;
      expect(letter.superseded).toEqual([earlier.documentId]);
      expect(repos.documents.get(earlier.documentId!)!.status).toBe('superseded');
      const active = repos.documents.forPerson(letter.employeeId).filter((d) => d.materialType === '单位同意证明');
      expect(active.map((d) => d.id)).toEqual([letter.documentId]);
    }
  });
});

describe('refusals', () => {
  let lw: LettersWorkspace;
  beforeAll(async () => {
    lw = await lettersWorkspace({ count: 2 });
  });
  afterAll(() => lw.cleanup());

  it('reports a character the fonts lack, with the person and the character, and files nothing for them', async () => {
    const rare = addPerson(lw, '张𠀀'); // U+20000, CJK Extension B: not in Noto Serif SC
    const others = lw.people.map((p) => p.id);
    addBatch(lw, '初定', [...lw.people, rare]);
    const result = await lw.letters.generateLetters({ template: 'consent', people: [...others, rare.id], date: DATE });
    expect(result.letters.map((l) => l.employeeId)).toEqual(others);
    expect(result.problems).toEqual([
      expect.objectContaining({
        employeeId: rare.id,
        name: '张𠀀',
        idNumber: rare.idNumber,
        code: 'MISSING_GLYPH',
        field: '姓名',
        char: '𠀀',
        codePoint: 'U+20000',
      }),
    ]);
    expect(result.problems[0]!.message).toContain('「张𠀀」');
    expect(result.problems[0]!.message).toContain('「𠀀」（U+20000）');
    expect(lw.ws.app.services.repos.documents.forPerson(rare.id)).toEqual([]);
  });

  it('refuses a 评审 letter without the 公示 period, naming the field; with it, prints the dates', async () => {
    const { batchId } = addBatch(lw, '评审', lw.people.slice(0, 1));
    const refused = await lw.letters.generateLetters({ template: 'consent', batchId, date: DATE, file: false });
    expect(refused.letters).toEqual([]);
    expect(refused.problems[0]).toMatchObject({ code: 'MISSING_FIELD', field: '公示开始日期' });
    expect(refused.problems[0]!.message).toMatch(
      /「.+」（身份证号尾号\w{4}）的单位同意申报证明（评审）缺少「公示开始日期」/,
    );

    lw.letters.setPublicity(batchId, { start: '2026-11-09', end: '2026-11-11' });
    let bytes: Uint8Array | null = null;
    const done = await lw.letters.generateLetters({
      template: 'consent',
      batchId,
      date: DATE,
      file: false,
      onLetter: (_l, b) => void (bytes = b),
    });
    expect(done.letters[0]!.templateId).toBe('consent-pingshen');
    expect(done.warnings[0]).toContain('只有3个工作日');
    const text = (await pdfText(bytes!)).replace(/\s+/g, '');
    expect(text).toContain('已于2026年11月9日至2026年11月11日在本单位公示');
    expect(text).toContain('江苏省工程技术研究系列高级职称评审委员会办公室：');
  });

  it('chooses each chosen person’s letter by their latest declaration: 评审 people get the 评审 letter', async () => {
    const reviewer = addPerson(lw, '评审者', 951);
    const { batchId } = addBatch(lw, '评审', [reviewer]);
    lw.letters.setPublicity(batchId, { start: '2026-11-02', end: '2026-11-09' });
    const done = await lw.letters.generateLetters({
      template: 'consent',
      people: [reviewer.id],
      date: DATE,
      file: false,
    });
    expect(done.problems).toEqual([]);
    expect(done.letters.map((l) => l.templateId)).toEqual(['consent-pingshen']);
  });

  it('refuses a stamped letter when the unit has no seal', async () => {
    const bare = await lettersWorkspace({ count: 1, seal: false });
    try {
      addBatch(bare, '初定', bare.people);
      const result = await bare.letters.generateLetters({ template: 'consent', people: [bare.people[0]!.id] });
      expect(result.problems[0]).toMatchObject({ code: 'NO_SEAL', field: '单位印章' });
      expect(result.problems[0]!.message).toContain(`「${UNIT_NAME}」还没有导入印章`);
    } finally {
      bare.cleanup();
    }
  });
});

describe('bulk runs', () => {
  let lw: LettersWorkspace;
  beforeAll(async () => {
    lw = await lettersWorkspace({ count: 6 });
    addBatch(lw, '初定', lw.people);
  });
  afterAll(() => lw.cleanup());

  it('report progress after each letter and stop between letters when cancelled, filing what was made', async () => {
    const controller = new AbortController();
    const progress: Array<[number, number]> = [];
    const result = await lw.letters.generateLetters({
      template: 'pledge',
      people: lw.people.map((p) => p.id),
      date: DATE,
      signal: controller.signal,
      onProgress: ({ done, total }) => {
        progress.push([done, total]);
        if (done === 2) controller.abort();
      },
    });
    expect(progress).toEqual([
      [1, 6],
      [2, 6],
    ]);
    expect(result.cancelled).toBe(true);
    expect(result.letters).toHaveLength(2);
    expect(result.letters.every((l) => l.documentId !== null && l.materialType === '诚信承诺书')).toBe(true);
    expect(result.merged!.pages).toBe(2);
  });

  it('makes pledges with a signature line and no seal', async () => {
    let bytes: Uint8Array | null = null;
    await lw.letters.generateLetters({
      template: 'pledge',
      people: [lw.people[0]!.id],
      date: DATE,
      file: false,
      onLetter: (_l, b) => void (bytes = b),
    });
    const text = (await pdfText(bytes!)).replace(/\s+/g, '');
    expect(text).toContain('申请初定专业技术资格诚信承诺书');
    expect(text).toContain(`身份证号码：${lw.people[0]!.idNumber}`);
    expect(text).toContain('承诺人（签名）：');
    expect(text).toContain('三年内不再申报');
    const page = await renderPage(bytes!, 40);
    expect(redShare(page, { x: 0, y: 0, w: 210, h: 297 })).toBe(0);
  });
});

describe('fonts', () => {
  it('prefers the system’s 仿宋 and 宋体 files, keeping the shipped font as the fallback and SimSun-ExtB last', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhicheng-sysfonts-'));
    try {
      // Stand-ins under the Windows names, in a nested folder as Linux keeps them.
      mkdirSync(join(dir, 'truetype', 'windows'), { recursive: true });
      const ttf = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';
      copyFileSync(ttf, join(dir, 'truetype', 'windows', 'SIMFANG.TTF'));
      copyFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', join(dir, 'simsunb.ttf'));
      const stack = fontStack({ systemDirs: [dir] });
      expect(stack.faces.map((f) => [f.name, f.source])).toEqual([
        ['DejaVuSerif', 'system'],
        ['NotoSerifSC-Regular', 'bundled'],
        ['DejaVuSans', 'system'],
      ]);
      expect(stack.faceFor('7'.codePointAt(0)!)).toBe(0);
      expect(stack.faceFor('证'.codePointAt(0)!)).toBe(1);
      expect(fontStack({ systemDirs: [join(dir, 'none')] }).describe()).toBe('NotoSerifSC-Regular（随附）');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('uses a given font first (a face of a .ttc named) and the shipped font for what it lacks', async () => {
    const dejavu = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';
    const ttc = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
    const lw = await lettersWorkspace({ count: 1 });
    try {
      addBatch(lw, '初定', lw.people);
      const { app } = lw.ws;
      const deps = { db: app.database.db, repos: app.services.repos, library: app.services.library };
      if (existsSync(dejavu)) {
        // A Latin-only first choice: digits come from it, every Chinese character from Noto Serif SC.
        const mixed = createLettersService({ ...deps, fonts: { files: [{ path: dejavu }] } });
        let bytes: Uint8Array | null = null;
        const r = await mixed.generateLetters({
          template: 'consent',
          people: [lw.people[0]!.id],
          file: false,
          onLetter: (_l, b) => void (bytes = b),
        });
        expect(r.fonts).toBe('DejaVuSerif（指定） → NotoSerifSC-Regular（随附）');
        const fonts = pdfTool('pdffonts', bytes!);
        expect(fonts).toContain('DejaVuSerif');
        expect(fonts).toContain('NotoSerifSC-Regular');
        expect((await pdfText(bytes!)).replace(/\s+/g, '')).toContain(lw.people[0]!.idNumber);
      }
      if (existsSync(ttc)) {
        const cjk = createLettersService({
          ...deps,
          fonts: { files: [{ path: ttc, face: 'NotoSerifCJKsc-Regular' }] },
        });
        let bytes: Uint8Array | null = null;
        await cjk.generateLetters({
          template: 'consent',
          people: [lw.people[0]!.id],
          date: DATE,
          file: false,
          onLetter: (_l, b) => void (bytes = b),
        });
        const text = (await pdfText(bytes!)).replace(/\s+/g, '');
        expect(text).toContain(CHINESE_DATE);
        expect(pdfTool('pdffonts', bytes!)).toContain('NotoSerifCJKsc-Regular');
        expect(() => createLettersService({ ...deps, fonts: { files: [{ path: ttc }] } }).fonts()).toThrow(
          /字体集合，需要指定字体名/,
        );
      }
    } finally {
      lw.cleanup();
    }
  });
});
