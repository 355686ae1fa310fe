/**
 * From the pages' text to what a document says: its type, year, the people it names and the
 * record fields HR would otherwise type. Only what the text states; nothing guessed, so a field
 * not found is left out rather than filled with a likely value.
 */
import { idCheckChar } from '../validation/idNumber';
import { documentType } from './documentTypes';
import { normalizeText } from './normalize';
import type { DocumentReading, FilingFacts, PageText, SuggestedFields } from './types';

type Education = NonNullable<SuggestedFields['education']>;
type Title = NonNullable<SuggestedFields['title']>;
type Assessment = NonNullable<SuggestedFields['assessment']>;
type ContinuingEducation = NonNullable<SuggestedFields['ce']>;

const HAN = '\\u3400-\\u9fff';
/** Where a labelled value ends: the next label on the same line. */
const NEXT_LABEL =
  /(性别|性|民族|出生|身份证|证件|工号|单位|部门|职务|岗位|专业|学历|层次|学制|入学|毕业|院校|学校|证书|编号|日期|年度|考核|等次|结果|级别|系列|资格|学时|类别|科目|取得|发证|签发|审批|生$)/;

/** 18 digits (the last may be X) that pass the GB 11643 checksum, in order found, once each. */
export function findIdNumbers(normalized: string): string[] {
  const found: string[] = [];
  // Running text wraps a number across lines: digits on either side of a break are read as one
  // too (two numbers on consecutive lines then make 36 digits, which no pattern takes).
  const wrapped = normalized.replace(/(?<=\d)[ ]*\n[ ]*(?=[\dXx])/g, '');
  for (const text of [normalized, wrapped]) {
    for (const match of text.matchAll(/(?<!\d)(\d{17}[\dXx×])(?![\dXx])/g)) {
      const id = match[1]!.replace(/[x×]/, 'X');
      if (idCheckChar(id.slice(0, 17)) === id[17] && !found.includes(id)) found.push(id);
    }
  }
  return found;
}

/** The value written after `label` (and a colon), up to the line's end or the next label. */
export function labelled(normalized: string, label: string | RegExp, maxChars = 40): string | null {
  // Labels are tried in the order given, each where a label stands (a line's or a clause's
  // start): 「学历」 is no label inside 「学历证书电子注册备案表」.
  const labels = typeof label === 'string' ? [label] : label.source.split('|');
  for (const source of labels) {
    const pattern = new RegExp(`(?:^|[\\s(（,，;；。])(?:${source})(?:[:：][ ]*|[ ]+)([^\\n]{1,${maxChars}})`, 'm');
    const value = pattern.exec(normalized)?.[1]?.trim();
    if (value) return value;
  }
  return null;
}

function cutAtLabel(value: string): string {
  const rest = value.slice(1);
  const at = rest.search(NEXT_LABEL);
  return (at < 0 ? value : value.slice(0, at + 1)).trim();
}

/** Names beside a 姓名 label, then those the first lines introduce (兹证明…同志, 学生…). */
export function findNames(normalized: string): string[] {
  const names: string[] = [];
  const add = (raw: string | undefined) => {
    const name = raw ? cutAtLabel(raw.replace(/[ :：,，。]/g, '')) : '';
    if (/^[\u3400-\u9fff·]{2,5}$/.test(name) && !names.includes(name)) names.push(name);
  };
  for (const match of normalized.matchAll(new RegExp(`姓名[:：]?[ ]*([${HAN}·]{2,8})`, 'g'))) add(match[1]);
  const head = normalized.split('\n').slice(0, 10).join('\n');
  for (const pattern of [
    new RegExp(`(?:兹有|兹证明|证明)(?:我单位|本单位)?([${HAN}·]{2,4}?)(?:同志|,|性别)`, 'g'),
    new RegExp(`(?:学生|持证人|承诺人)(?:姓名)?[:：]?[ ]*([${HAN}·]{2,4}?)(?:,|性别|\\n|$)`, 'gm'),
    new RegExp(`^(?!学生|持证人|兹)([${HAN}·]{2,4}),(?:性别)?[男女]`, 'gm'),
  ]) {
    for (const match of head.matchAll(pattern)) add(match[1]);
  }
  return names;
}

export function findEmployeeNos(normalized: string): string[] {
  const found: string[] = [];
  for (const match of normalized.matchAll(/工号[:：]?[ ]*([A-Za-z]{0,3}\d{2,10})/g)) {
    if (!found.includes(match[1]!)) found.push(match[1]!);
  }
  return found;
}

interface FoundDate {
  iso: string;
  year: number;
  at: number;
}

/** Dates written 2023年7月1日, 2023-07-01, 2023.07.01, 2023/7/1, or year and month only. */
export function findDates(normalized: string): FoundDate[] {
  const dates: FoundDate[] = [];
  const pattern = /(?<!\d)((?:19|20)\d{2})(?:年(\d{1,2})月(?:(\d{1,2})日)?|[-./](\d{1,2})(?:[-./](\d{1,2}))?)(?!\d)/g;
  for (const match of normalized.matchAll(pattern)) {
    const year = Number(match[1]);
    const month = Number(match[2] ?? match[4]);
    const dayText = match[3] ?? match[5];
    if (month < 1 || month > 12) continue;
    const mm = String(month).padStart(2, '0');
    const iso = dayText ? `${year}-${mm}-${String(Number(dayText)).padStart(2, '0')}` : `${year}-${mm}`;
    dates.push({ iso, year, at: match.index });
  }
  return dates;
}

/** The date written after one of `labels`, or null. */
function labelledDate(normalized: string, labels: RegExp): string | null {
  const value = labelled(normalized, labels, 24);
  return value ? (findDates(value)[0]?.iso ?? null) : null;
}

/**
 * The material's year: a 「2023年度」 or 考核年度 when the document names one, else the latest
 * date it states (its issue date; a birth date or an enrolment comes earlier).
 */
export function findYear(normalized: string): number | null {
  const labelledYear = /(?:考核|培训|学习|学时)?年度[:：]?[ ]*((?:19|20)\d{2})/.exec(normalized);
  if (labelledYear) return Number(labelledYear[1]);
  const ofYear = /((?:19|20)\d{2})年度/.exec(normalized);
  if (ofYear) return Number(ofYear[1]);
  const dates = findDates(normalized);
  return dates.length ? Math.max(...dates.map((d) => d.year)) : null;
}

const clean = (value: string | null) => (value ? cutAtLabel(value.replace(/^[:：]/, '')) : undefined);
/** OCR reads 大 as 天 at the end of a school's name (苏州天学); no school's name ends in 天学. */
const schoolName = (value: string | undefined) => value?.replace(/天学$/, '大学');
const code = (value: string | null, pattern = /^[A-Za-z0-9-]{4,30}/) =>
  value ? (pattern.exec(value.replace(/ /g, ''))?.[0] ?? undefined) : undefined;

function educationLevel(text: string): Education['level'] {
  if (/博士研究生|博士/.test(text)) return '博士';
  if (/硕士研究生|硕士/.test(text)) return '硕士';
  if (/本科/.test(text)) return '本科';
  if (/专科|大专|高职/.test(text)) return '大专';
  if (/中专|中等专业/.test(text)) return '中专';
  return undefined;
}

function degreeOf(text: string): Education['degree'] {
  if (/第二学士/.test(text)) return '第二学士';
  if (/博士学位/.test(text)) return '博士';
  if (/硕士学位/.test(text)) return '硕士';
  if (/学士学位/.test(text)) return '学士';
  return undefined;
}

const SCHOOL = new RegExp(`(?:在|^)([${HAN}]{2,14}?(?:大学|学院|学校))`, 'm');

function fromFilingForm(text: string): { education: Education; filing: FilingFacts } {
  const level = labelled(text, /层次|学历类别|学历/, 12);
  const education: Education = {
    level: level ? educationLevel(level) : undefined,
    school: schoolName(clean(labelled(text, /毕业院校|院校名称|学校名称|院校/, 24))),
    major: clean(labelled(text, /专业名称|专业/, 24)),
    enrolledOn: labelledDate(text, /入学日期|入学时间/) ?? undefined,
    graduatedOn: labelledDate(text, /毕业日期|毕业时间|毕\(结\)业日期/) ?? undefined,
    diplomaNo: code(labelled(text, /证书编号/, 30), /^\d{10,20}/),
  };
  const filing: FilingFacts = {
    verificationCode: code(labelled(text, /在线验证码|验证码/, 30), /^[A-Z0-9]{10,20}/),
    updatedOn: labelledDate(text, /更新日期/) ?? undefined,
  };
  return { education, filing };
}

function fromDiploma(text: string, degree: boolean): Education {
  // A certificate's sentence runs across lines: school and major are read from it joined.
  const sentence = text.replace(/\n/g, '');
  const dates = findDates(text);
  const last = dates.length ? dates.reduce((a, b) => (b.year >= a.year ? b : a)) : undefined;
  const school = schoolName(clean(labelled(text, /校名|学校名称|学位授予单位/, 24)) ?? SCHOOL.exec(sentence)?.[1]);
  const major =
    new RegExp(`(?:在本校|在${school ?? '本校'})([${HAN}()（）]{2,20}?)专业`).exec(sentence)?.[1] ??
    clean(labelled(text, /专业/, 24));
  const number = code(labelled(text, /证书编号|编号/, 30), /^\d{10,20}/);
  return {
    level: degree ? undefined : educationLevel(text.replace(/学历证书电子注册备案表/g, '')),
    degree: degree ? degreeOf(text) : undefined,
    school,
    major,
    graduatedOn: last?.iso,
    ...(degree ? { degreeNo: number } : { diplomaNo: number }),
  };
}

const RESULTS = ['基本合格', '不合格', '不定等次', '优秀', '合格'] as const;

function fromAssessment(text: string, year: number | null): Assessment {
  const written = labelled(text, /考核结果|考核等次|评定等次|等次/, 20) ?? '';
  const checked = /[☑✓√■]\s*(基本合格|不合格|不定等次|优秀|合格)/.exec(text)?.[1];
  const result = RESULTS.find((r) => written.startsWith(r)) ?? RESULTS.find((r) => r === checked);
  return { year: year ?? undefined, result };
}

function fromCertificate(text: string, year: number | null): ContinuingEducation {
  const hours = /(?:学时|学分)[:：]?[ ]*(\d{1,3})|(\d{1,3})[ ]*(?:学时|个学时)/.exec(text);
  // OCR often reads 科目 as 科自 or 科日: 继续教育专业 alone already says which.
  const category = /公需/.test(text)
    ? '公需'
    : /专业科[目自日]|专业课|继续教育专业|专业技术人员专业/.test(text)
      ? '专业'
      : undefined;
  return {
    year: year ?? undefined,
    hours: hours ? Number(hours[1] ?? hours[2]) : undefined,
    category,
    course: clean(labelled(text, /课程名称|培训项目|培训内容/, 30)),
    certificateNo: code(labelled(text, /证书编号|编号/, 30)),
  };
}

const TITLE_LEVELS: Array<[RegExp, NonNullable<Title['level']>]> = [
  [/正高级/, '正高级'],
  [/副高级|高级/, '副高级'],
  [/中级/, '中级'],
  [/助理级|初级/, '助理级'],
  [/员级/, '员级'],
];

function titleLevel(text: string): Title['level'] {
  return TITLE_LEVELS.find(([pattern]) => pattern.test(text))?.[1];
}

function fromTitleCertificate(text: string): Title {
  const levelText = labelled(text, /资格级别|级别|等级/, 10);
  const name = labelled(text, /资格名称|职称名称|专业技术职务/, 16);
  const via = /考试/.test(labelled(text, /取得方式|评审方式/, 8) ?? '') ? '考试' : undefined;
  return {
    series: clean(labelled(text, /评审系列|系列/, 16)),
    specialty: clean(labelled(text, /专业名称|从事专业|专业/, 20)),
    level: titleLevel(levelText ?? '') ?? (name ? titleFromName(name) : undefined),
    obtainedOn: labelledDate(text, /取得资格时间|取得时间|评审通过时间|资格取得日期|授予时间|批准日期/) ?? undefined,
    via,
    certificateNo: code(labelled(text, /证书编号|管理号|编号/, 30)),
    issuer: clean(labelled(text, /发证机关|发证单位|审批机关/, 24)),
  };
}

/** 高级工程师 → 副高级, 工程师 → 中级: the level a title's name implies. */
function titleFromName(name: string): Title['level'] {
  if (/正高级/.test(name)) return '正高级';
  if (/高级|副主任|副教授|副研究员/.test(name)) return '副高级';
  if (/助理|助教|技术员|员$/.test(name)) return /助理|助教/.test(name) ? '助理级' : '员级';
  if (/师|讲师/.test(name)) return '中级';
  return undefined;
}

/** Drops the keys whose value was not found, so a suggestion carries only what was read. */
function present<T extends object>(fields: T): T | undefined {
  const kept = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== '')) as T;
  return Object.keys(kept).length ? kept : undefined;
}

/** Everything a reading says, from its pages (in page order). */
/** A document's whole text as kept for search: its pages' text, page after page. */
export const textOfPages = (pages: readonly PageText[]): string =>
  pages
    .map((p) => p.text)
    .join('\n')
    .trim();

export function extractDocument(pages: PageText[]): Omit<DocumentReading, 'pages'> {
  const text = normalizeText(pages.map((p) => p.text).join('\n'));
  const type = documentType(text);
  const year = findYear(text);
  const fields: SuggestedFields = {};
  let filing: FilingFacts = {};
  if (type === '学信网备案表') {
    const read = fromFilingForm(text);
    fields.education = present(read.education);
    filing = present(read.filing) ?? {};
  } else if (type === '学历证书' || type === '学位证书') {
    fields.education = present(fromDiploma(text, type === '学位证书'));
  } else if (type === '年度考核表') {
    fields.assessment = present(fromAssessment(text, year));
  } else if (type === '继续教育证书') {
    fields.ce = present(fromCertificate(text, year));
  } else if (type === '职称证书') {
    fields.title = present(fromTitleCertificate(text));
  }
  for (const key of Object.keys(fields) as Array<keyof SuggestedFields>) if (!fields[key]) delete fields[key];
  return {
    type,
    year,
    idNumbers: findIdNumbers(text),
    names: findNames(text),
    employeeNos: findEmployeeNos(text),
    fields,
    filing,
  };
}
