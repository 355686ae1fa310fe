/**
 * A generated set of scanned HR documents for the readers, the inbox and the bench: realistic
 * Chinese 备案表, 考核表, 合格证, 证书 … for a small roster (two of whom share a name), rendered
 * with Noto CJK and saved as scanners and phones save them — JPEG scans at 300 and 150 dpi in
 * PDFs and as images, a slight skew, one upside down, phone photos (perspective, shading, noise),
 * and some PDFs with a real text layer — under the names scanners give them. Each file's truth
 * (person, type, year, fields) is returned beside it and written as <file>.truth.json.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import sharp, { type Sharp } from 'sharp';
import type { FilingFacts, SuggestedFields } from '../../shared/reading/types';
import { embedFace, loadFace } from '../../electron/services/letters/fonts';
import { resourcePath } from '../../electron/services/letters/resources';
import { makeIdNumber, rng } from './people';

export interface CorpusPerson {
  personId: number;
  name: string;
  idNumber: string;
  gender: '男' | '女';
  birth: string;
  employeeNo: string;
}

/** Ten people; 张伟 twice, so a document naming 张伟 without an ID must be asked about. */
export const CORPUS_ROSTER: CorpusPerson[] = [
  ['王建国', '男', '1985-03-15', '320102'],
  ['李秀英', '女', '1988-07-02', '320104'],
  ['张伟', '男', '1983-11-20', '320105'],
  ['张伟', '男', '1990-05-08', '320205'],
  ['陈静', '女', '1992-01-30', '320505'],
  ['刘洋', '男', '1987-09-12', '320583'],
  ['赵丽华', '女', '1979-04-25', '320611'],
  ['孙志强', '男', '1981-12-03', '320282'],
  ['周晓燕', '女', '1991-06-18', '320106'],
  ['吴海峰', '男', '1986-02-27', '320111'],
].map(([name, gender, birth, region], i) => ({
  personId: i + 1,
  name: name!,
  gender: gender as '男' | '女',
  birth: birth!,
  idNumber: makeIdNumber(region!, birth!, 11 + i * 2),
  employeeNo: `E${String(1001 + i)}`,
}));

/** What a correct reading of a file says; `person` null when only asking is right (a shared name and no ID). */
export interface CorpusTruth {
  file: string;
  form: Form;
  personId: number | null;
  idNumber: string | null;
  name: string;
  type: string;
  year: number;
  fields: SuggestedFields;
  filing?: FilingFacts;
  rotated: 0 | 90 | 180 | 270;
}

type Form = 'scan300' | 'scan150' | 'jpg150' | 'png150' | 'skew' | 'upsideDown' | 'phone' | 'textPdf';

interface Line {
  text: string;
  x: number;
  y: number;
  size: number;
  middle?: boolean;
}
/** A page laid out in points on A4 (595 × 842): text lines and table rules. */
interface Layout {
  lines: Line[];
  rules: Array<[number, number, number, number]>;
}

const CN_DIGITS = '〇一二三四五六七八九';
const cnYear = (y: number) => String(y).replace(/\d/g, (d) => CN_DIGITS[Number(d)]!);
const cnSmall = (n: number) =>
  n <= 10
    ? n === 10
      ? '十'
      : CN_DIGITS[n]!
    : n < 20
      ? `十${CN_DIGITS[n - 10]}`
      : `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
const cnDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${cnYear(y!)}年${cnSmall(m!)}月${cnSmall(d!)}日`;
};
const zhDate = (iso: string) => {
  const [y, m, d] = iso.split('-');
  return `${y}年${m}月${d}日`;
};

/** A form of label/value rows in a ruled table, as 备案表 and 考核表 are. */
function table(title: string, rows: Array<[string, string]>, footer: string[] = [], subtitle?: string): Layout {
  const lines: Line[] = [{ text: title, x: 297, y: 90, size: 20, middle: true }];
  if (subtitle) lines.push({ text: subtitle, x: 297, y: 118, size: 13, middle: true });
  const rules: Layout['rules'] = [];
  const top = 150;
  rows.forEach(([label, value], i) => {
    const y = top + i * 38;
    rules.push([60, y, 535, y]);
    lines.push({ text: label, x: 72, y: y + 25, size: 13 }, { text: value, x: 200, y: y + 25, size: 13 });
  });
  const bottom = top + rows.length * 38;
  rules.push([60, bottom, 535, bottom], [60, top, 60, bottom], [535, top, 535, bottom], [185, top, 185, bottom]);
  footer.forEach((text, i) => lines.push({ text, x: 72, y: bottom + 40 + i * 26, size: 12 }));
  return { lines, rules };
}

/** A certificate: centred title, then paragraphs of running text. */
function certificate(title: string, body: string[], bottom: string[] = []): Layout {
  const lines: Line[] = [{ text: title, x: 297, y: 130, size: 24, middle: true }];
  let y = 210;
  for (const paragraph of body) {
    for (let i = 0; i < paragraph.length; i += 26) {
      lines.push({ text: paragraph.slice(i, i + 26), x: 90, y, size: 15 });
      y += 30;
    }
    y += 8;
  }
  bottom.forEach((text, i) => lines.push({ text, x: 330, y: 640 + i * 28, size: 14 }));
  return {
    lines,
    rules: [
      [40, 40, 555, 40],
      [40, 802, 555, 802],
      [40, 40, 40, 802],
      [555, 40, 555, 802],
    ],
  };
}

const SCHOOLS = ['南京大学', '东南大学', '河海大学', '南京工业大学', '江苏大学', '苏州大学'];
const MAJORS = ['土木工程', '电气工程及其自动化', '机械设计制造及其自动化', '环境工程', '会计学', '计算机科学与技术'];

interface Made {
  layout: Layout;
  type: string;
  year: number;
  fields: SuggestedFields;
  filing?: FilingFacts;
  /** False when the document names the person but carries no ID number. */
  hasId: boolean;
}

type Maker = (p: CorpusPerson, r: () => number) => Made;

const pick = <T>(r: () => number, list: readonly T[]) => list[Math.floor(r() * list.length)]!;
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

const MAKERS: Record<string, Maker> = {
  filing(p, r) {
    const school = pick(r, SCHOOLS);
    const major = pick(r, MAJORS);
    const gradYear = Number(p.birth.slice(0, 4)) + 22;
    const code = Array.from({ length: 16 }, () => pick(r, [...'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'])).join('');
    const updatedOn = `2026-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`;
    const diplomaNo = `10${digits(r, 16)}`;
    return {
      type: '学信网备案表',
      year: 2026,
      hasId: true,
      layout: table(
        '教育部学历证书电子注册备案表',
        [
          ['姓名', p.name],
          ['性别', p.gender],
          ['证件号码', p.idNumber],
          ['出生日期', zhDate(p.birth)],
          ['毕业院校', school],
          ['层次', '本科'],
          ['专业', major],
          ['学制', '4 年'],
          ['入学日期', `${gradYear - 4}年09月01日`],
          ['毕(结)业日期', `${gradYear}年07月01日`],
          ['证书编号', diplomaNo],
          ['在线验证码', code],
        ],
        [`更新日期：${zhDate(updatedOn)}`, '学信网：https://www.chsi.com.cn'],
        `更新日期：${zhDate(updatedOn)}`,
      ),
      fields: {
        education: {
          level: '本科',
          school,
          major,
          enrolledOn: `${gradYear - 4}-09-01`,
          graduatedOn: `${gradYear}-07-01`,
          diplomaNo,
        },
      },
      filing: { verificationCode: code, updatedOn },
    };
  },
  assessment(p, r) {
    const year = 2020 + Math.floor(r() * 5);
    const result = pick(r, ['优秀', '合格', '合格', '基本合格'] as const);
    const withId = r() < 0.5;
    return {
      type: '年度考核表',
      year,
      hasId: withId,
      layout: table(
        `事业单位工作人员${year}年度考核登记表`,
        [
          ['姓名', p.name],
          ['性别', p.gender],
          [withId ? '身份证号' : '出生年月', withId ? p.idNumber : zhDate(p.birth).slice(0, 8)],
          ['单位', '江苏省建设工程有限公司'],
          ['现任职务', '技术员'],
          ['考核年度', `${year}年度`],
          ['考核等次', result],
          ['主管领导意见', '同意'],
        ],
        [`填表日期：${year + 1}年01月1${Math.floor(r() * 9)}日`],
      ),
      fields: { assessment: { year, result } },
    };
  },
  ce(p, r) {
    const year = 2021 + Math.floor(r() * 5);
    const general = r() < 0.6;
    const hours = general ? 30 : pick(r, [42, 48, 60]);
    const no = `JSJX${year}${digits(r, 8)}`;
    return {
      type: '继续教育证书',
      year,
      hasId: true,
      layout: certificate(
        general ? '专业技术人员继续教育公需科目合格证' : '专业技术人员继续教育专业科目学时证明',
        [
          `姓名：${p.name}`,
          `身份证号：${p.idNumber}`,
          `培训年度：${year}年度`,
          `学时：${hours}`,
          `该同志参加${year}年度${general ? '公需科目' : '专业科目'}学习，经考核合格，特发此证。`,
          `证书编号：${no}`,
        ],
        ['江苏省人力资源和社会保障厅', zhDate(`${year}-12-20`)],
      ),
      fields: { ce: { year, hours, category: general ? '公需' : '专业', certificateNo: no } },
    };
  },
  title(p, r) {
    const year = 2015 + Math.floor(r() * 10);
    const specialty = pick(r, MAJORS.slice(0, 4));
    const senior = r() < 0.4;
    const no = `${year}32${digits(r, 8)}`;
    const obtainedOn = `${year}-12-${10 + Math.floor(r() * 18)}`;
    return {
      type: '职称证书',
      year,
      hasId: true,
      layout: table(
        '专业技术资格证书',
        [
          ['姓名', p.name],
          ['身份证号', p.idNumber],
          ['系列', '工程技术'],
          ['专业', specialty],
          ['资格名称', senior ? '高级工程师' : '工程师'],
          ['级别', senior ? '副高级' : '中级'],
          ['取得时间', zhDate(obtainedOn)],
          ['证书编号', no],
          ['发证机关', '江苏省人力资源和社会保障厅'],
        ],
        [],
        '江苏省人力资源和社会保障厅印制',
      ),
      fields: {
        title: {
          series: '工程技术',
          specialty,
          level: senior ? '副高级' : '中级',
          obtainedOn,
          certificateNo: no,
          issuer: '江苏省人力资源和社会保障厅',
        },
      },
    };
  },
  diploma(p, r) {
    const school = pick(r, SCHOOLS);
    const major = pick(r, MAJORS);
    const gradYear = Number(p.birth.slice(0, 4)) + 22;
    const no = `10${digits(r, 16)}`;
    const on = `${gradYear}-07-01`;
    return {
      type: '学历证书',
      year: gradYear,
      hasId: false,
      layout: certificate(
        '普通高等学校毕业证书',
        [
          `学生${p.name}，性别${p.gender}，${cnDate(p.birth)}生，于${cnYear(gradYear - 4)}年九月至${cnYear(gradYear)}年七月在本校${major}专业四年制本科学习，修完教学计划规定的全部课程，成绩合格，准予毕业。`,
        ],
        [`校名：${school}`, `证书编号：${no}`, cnDate(on)],
      ),
      fields: { education: { level: '本科', school, major, graduatedOn: on, diplomaNo: no } },
    };
  },
  degree(p, r) {
    const school = pick(r, SCHOOLS);
    const major = pick(r, MAJORS);
    const gradYear = Number(p.birth.slice(0, 4)) + 22;
    const no = `10${digits(r, 14)}`;
    const on = `${gradYear}-07-01`;
    return {
      type: '学位证书',
      year: gradYear,
      hasId: false,
      layout: certificate(
        '学士学位证书',
        [
          `${p.name}，${p.gender}，${cnDate(p.birth)}生。在${school}${major}专业完成了本科学习计划，业已毕业。经审核符合《中华人民共和国学位条例》的规定，授予工学学士学位。`,
        ],
        [`${school}学位评定委员会`, `证书编号：${no}`, cnDate(on)],
      ),
      fields: { education: { degree: '学士', school, major, graduatedOn: on, degreeNo: no } },
    };
  },
  social(p, r) {
    const year = 2026;
    return {
      type: '社保缴费证明',
      year,
      hasId: true,
      layout: table(
        '江苏省社会保险参保缴费证明',
        [
          ['姓名', p.name],
          ['公民身份号码', p.idNumber],
          ['参保单位', '江苏省建设工程有限公司'],
          ['缴费起止', '2021年01月至2025年12月'],
          ['累计月数', '60'],
        ],
        [`打印日期：${zhDate(`2026-1${Math.floor(r() * 2)}-0${1 + Math.floor(r() * 8)}`)}`],
      ),
      fields: {},
    };
  },
  consent(p, r) {
    const on = `2026-11-${10 + Math.floor(r() * 18)}`;
    return {
      type: '单位同意证明',
      year: 2026,
      hasId: true,
      layout: certificate(
        '单位同意申报证明',
        [
          `兹有我单位${p.name}同志（身份证号：${p.idNumber}），自入职以来遵纪守法，工作认真负责。经研究，同意其申报相应专业技术资格。`,
          '特此证明。',
        ],
        ['江苏省建设工程有限公司（盖章）', zhDate(on)],
      ),
      fields: {},
    };
  },
  pledge(p, r) {
    const on = `2026-11-${10 + Math.floor(r() * 18)}`;
    return {
      type: '诚信承诺书',
      year: 2026,
      hasId: true,
      layout: certificate(
        '专业技术资格申报诚信承诺书',
        [
          '本人郑重承诺：所提交的申报材料真实、准确、完整，如有弄虚作假，愿承担相应责任。',
          `承诺人姓名：${p.name}`,
          `身份证号：${p.idNumber}`,
        ],
        [`承诺人：${p.name}`, zhDate(on)],
      ),
      fields: {},
    };
  },
};

/** Names as scanners and phone apps give them, by index (all say nothing of the content). */
function generatedName(i: number, ext: string): string {
  const day = String(6 + (i % 20)).padStart(2, '0');
  const hh = String(8 + (i % 10)).padStart(2, '0');
  const mm = String((i * 7) % 60).padStart(2, '0');
  const names = [
    `Scan_202612${day}_${String(i + 1).padStart(4, '0')}`,
    `IMG_202612${day}_${hh}${mm}00`,
    `扫描全能王 2026-12-${day} ${hh}.${mm}`,
    `CamScanner 12-${day}-2026 ${hh}.${mm}`,
    `微信图片_202612${day}${hh}${mm}${String(i).padStart(2, '0')}`,
    `doc${String(i * 37 + 100).padStart(5, '0')}`,
    `download (${i})`,
  ];
  return `${names[i % names.length]}.${ext}`;
}

function svgOf(layout: Layout, width: number, height: number): string {
  const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const text = layout.lines
    .map(
      (l) =>
        `<text x="${l.x}" y="${l.y}" font-size="${l.size}"${l.middle ? ' text-anchor="middle"' : ''}>${esc(l.text)}</text>`,
    )
    .join('');
  const rules = layout.rules
    .map(([x1, y1, x2, y2]) => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#333" stroke-width="0.8"/>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 595 842"><rect width="595" height="842" fill="#fff"/><g font-family="Noto Serif CJK SC, Noto Sans CJK SC" fill="#111">${text}</g>${rules}</svg>`;
}

/** The page as a scanner sees it: greyish paper, at `dpi`. */
async function scan(layout: Layout, dpi: number): Promise<Sharp> {
  const width = Math.round((595 / 72) * dpi);
  const height = Math.round((842 / 72) * dpi);
  const png = await sharp(Buffer.from(svgOf(layout, width, height)))
    .flatten({ background: '#fff' })
    .png()
    .toBuffer();
  return sharp(png).linear(0.94, 8);
}

/** A phone photo: the page slanted, lit from one side, with sensor noise, on a desk. */
async function phonePhoto(layout: Layout, r: () => number): Promise<Buffer> {
  const page = await (await scan(layout, 150)).png().toBuffer();
  const slanted = await sharp(page)
    .affine(
      [
        [0.97, 0.03 + r() * 0.02],
        [-0.02, 0.98],
      ],
      { background: '#6b5a48' },
    )
    .extend({ top: 60, bottom: 60, left: 50, right: 50, background: '#6b5a48' })
    .png()
    .toBuffer();
  const { width, height } = await sharp(slanted).metadata();
  const shade = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#9a9a9a"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  const noise = Buffer.alloc(width! * height!);
  for (let i = 0; i < noise.length; i++) noise[i] = 128 + Math.round((r() - 0.5) * 40);
  const noisy = await sharp(noise, { raw: { width: width!, height: height!, channels: 1 } })
    .toColourspace('srgb')
    .png()
    .toBuffer();
  return sharp(slanted)
    .composite([
      { input: Buffer.from(shade), blend: 'multiply' },
      { input: noisy, blend: 'overlay' },
    ])
    .jpeg({ quality: 80 })
    .toBuffer();
}

async function jpegPdf(jpeg: Buffer, dpi: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const image = await doc.embedJpg(jpeg);
  const page = doc.addPage([(image.width * 72) / dpi, (image.height * 72) / dpi]);
  page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  return doc.save();
}

async function textPdf(layout: Layout): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await embedFace(doc, loadFace({ path: resourcePath('fonts/NotoSerifSC-Regular.ttf') }, 'bundled'));
  const page = doc.addPage([595, 842]);
  for (const l of layout.lines) {
    const width = font.widthOfTextAtSize(l.text, l.size);
    page.drawText(l.text, { x: l.middle ? l.x - width / 2 : l.x, y: 842 - l.y, size: l.size, font });
  }
  for (const [x1, y1, x2, y2] of layout.rules) {
    page.drawLine({
      start: { x: x1, y: 842 - y1 },
      end: { x: x2, y: 842 - y2 },
      thickness: 0.8,
      color: rgb(0.2, 0.2, 0.2),
    });
  }
  return doc.save();
}

async function render(layout: Layout, form: Form, r: () => number): Promise<{ bytes: Uint8Array; ext: string }> {
  switch (form) {
    case 'scan300':
      return {
        bytes: await jpegPdf(await (await scan(layout, 300)).jpeg({ quality: 85 }).toBuffer(), 300),
        ext: 'pdf',
      };
    case 'scan150':
      return {
        bytes: await jpegPdf(await (await scan(layout, 150)).jpeg({ quality: 85 }).toBuffer(), 150),
        ext: 'pdf',
      };
    case 'jpg150':
      return { bytes: await (await scan(layout, 150)).jpeg({ quality: 85 }).toBuffer(), ext: 'jpg' };
    case 'png150':
      return { bytes: await (await scan(layout, 150)).greyscale().png().toBuffer(), ext: 'png' };
    case 'skew': {
      const page = await (await scan(layout, 200)).png().toBuffer();
      const angle = (r() < 0.5 ? -1 : 1) * (1 + r());
      const jpeg = await sharp(page).rotate(angle, { background: '#fff' }).jpeg({ quality: 85 }).toBuffer();
      return { bytes: await jpegPdf(jpeg, 200), ext: 'pdf' };
    }
    case 'upsideDown': {
      const page = await (await scan(layout, 150)).png().toBuffer();
      return { bytes: await jpegPdf(await sharp(page).rotate(180).jpeg({ quality: 85 }).toBuffer(), 150), ext: 'pdf' };
    }
    case 'phone':
      return { bytes: await phonePhoto(layout, r), ext: 'jpg' };
    case 'textPdf':
      return { bytes: await textPdf(layout), ext: 'pdf' };
  }
}

/** The corpus's plan: which document of whom in which form, 45 files; only the 300-dpi scans are slow to render. */
export function corpusPlan(): Array<{ kind: string; personId: number; form: Form }> {
  const kinds = ['filing', 'assessment', 'ce', 'title', 'diploma', 'degree', 'social', 'consent', 'pledge'];
  const forms: Form[] = ['scan150', 'jpg150', 'scan300', 'phone', 'textPdf', 'skew', 'png150', 'scan150', 'jpg150'];
  const plan: Array<{ kind: string; personId: number; form: Form }> = [];
  for (let i = 0; i < 45; i++) {
    plan.push({
      kind: kinds[i % kinds.length]!,
      personId: (i % CORPUS_ROSTER.length) + 1,
      form: forms[(i * 5 + Math.floor(i / 9)) % forms.length]!,
    });
  }
  plan[7] = { ...plan[7]!, form: 'upsideDown' };
  return plan;
}

/**
 * Writes the corpus into `dir` (created) and returns each file's truth; deterministic for a seed.
 * `only` picks files of the plan by index (the same files, named the same, as in the whole set).
 */
export async function generateReadingCorpus(
  dir: string,
  options: { only?: number[]; seed?: number } = {},
): Promise<CorpusTruth[]> {
  await mkdir(dir, { recursive: true });
  const random = rng(options.seed ?? 15);
  const plan = corpusPlan();
  const truths: CorpusTruth[] = [];
  for (const [i, item] of plan.entries()) {
    const person = CORPUS_ROSTER[item.personId - 1]!;
    // Each file draws from its own stream, so a file is the same whether made alone or in the set.
    const own = rng(Math.floor(random() * 2 ** 31));
    if (options.only && !options.only.includes(i)) continue;
    const made = MAKERS[item.kind]!(person, own);
    const { bytes, ext } = await render(made.layout, item.form, own);
    const file = generatedName(i, ext);
    await writeFile(join(dir, file), bytes);
    const shared = CORPUS_ROSTER.filter((p) => p.name === person.name).length > 1;
    const certain = made.hasId || !shared;
    const truth: CorpusTruth = {
      file,
      form: item.form,
      personId: certain ? person.personId : null,
      idNumber: made.hasId ? person.idNumber : null,
      name: person.name,
      type: made.type,
      year: made.year,
      fields: made.fields,
      ...(made.filing ? { filing: made.filing } : {}),
      rotated: item.form === 'upsideDown' ? 180 : 0,
    };
    await writeFile(join(dir, `${file}.truth.json`), JSON.stringify(truth, null, 2));
    truths.push(truth);
  }
  return truths;
}
