/**
 * The placeholders a letter template may use, defined once with what they mean, and the filling
 * of template text. Pure TypeScript (no Node): the UI lists these, so the file can move to shared/.
 *
 * Syntax inside template text:
 *   {姓名}            required: generation refuses, naming the field, when it has no value;
 *   {联系电话?}        optional: the whole line (or paragraph, or overlay field) holding it is left
 *                     out when it has no value;
 *   {受理单位|人社部门} with a default used when it has no value;
 *   {{ and }}         a literal brace.
 */

export const PLACEHOLDER_GROUPS = ['人员', '申报', '单位', '日期'] as const;
export type PlaceholderGroup = (typeof PLACEHOLDER_GROUPS)[number];

export interface PlaceholderInfo {
  key: string;
  group: PlaceholderGroup;
  description: string;
  example: string;
}

export const PLACEHOLDERS = [
  { key: '姓名', group: '人员', description: '姓名', example: '王建国' },
  { key: '性别', group: '人员', description: '性别（由身份证号得出）', example: '男' },
  { key: '身份证号', group: '人员', description: '18位公民身份号码', example: '320102198507010012' },
  { key: '出生日期', group: '人员', description: '出生日期（由身份证号得出）', example: '1985年7月1日' },
  { key: '部门', group: '人员', description: '所在部门', example: '技术部' },
  { key: '岗位', group: '人员', description: '岗位', example: '电气工程师' },
  {
    key: '部门岗位',
    group: '人员',
    description: '部门与岗位连写，用于“现在……工作”',
    example: '技术部电气工程师岗位',
  },
  { key: '入职时间', group: '人员', description: '进入本单位的日期', example: '2010年7月1日' },
  { key: '参加工作时间', group: '人员', description: '参加工作的日期', example: '2008年7月1日' },
  { key: '现从事专业', group: '人员', description: '现从事的专业', example: '电气工程' },
  { key: '手机', group: '人员', description: '本人手机号码', example: '13912345678' },
  {
    key: '现职称',
    group: '人员',
    description: '已取得的最高专业技术资格；没有时此字段无值',
    example: '工程系列中级专业技术资格',
  },
  { key: '现职称取得时间', group: '人员', description: '现职称的取得日期', example: '2016年12月31日' },
  {
    key: '现职称情况',
    group: '人员',
    description: '一句话说明现职称，没有职称时写“目前尚未取得专业技术资格”',
    example: '现具有工程系列中级专业技术资格（2016年12月31日取得）',
  },
  { key: '申报系列', group: '申报', description: '申报的职称系列（不含“系列”二字）', example: '工程' },
  { key: '申报专业', group: '申报', description: '申报的专业（取专业路径的最后一级）', example: '电气工程' },
  { key: '申报专业路径', group: '申报', description: '申报专业的完整路径', example: '工程/电力工程/电气工程' },
  { key: '申报级别', group: '申报', description: '申报的级别', example: '副高级' },
  { key: '申报方式', group: '申报', description: '初定或评审', example: '评审' },
  { key: '申报批次', group: '申报', description: '申报批次的名称', example: '2026年度工程系列高级职称评审' },
  { key: '申报年度', group: '申报', description: '落款日期所在年份', example: '2026' },
  { key: '受理单位', group: '申报', description: '批次的受理（评审）单位', example: '江苏省人力资源和社会保障厅' },
  { key: '公示开始日期', group: '申报', description: '单位内公示的第一天（评审）', example: '2026年11月10日' },
  { key: '公示结束日期', group: '申报', description: '单位内公示的最后一天（评审）', example: '2026年11月16日' },
  { key: '单位全称', group: '单位', description: '单位的法定全称', example: '江苏某某电力工程有限公司' },
  { key: '统一社会信用代码', group: '单位', description: '单位的统一社会信用代码', example: '91320100MA1XXXXXXX' },
  { key: '单位地址', group: '单位', description: '单位地址', example: '南京市玄武区某某路1号' },
  { key: '所属地区', group: '单位', description: '所属行政区划', example: '南京市/市本级' },
  { key: '联系人', group: '单位', description: '单位人事联系人', example: '李敏' },
  { key: '联系电话', group: '单位', description: '单位联系电话', example: '025-84561234' },
  { key: '日期', group: '日期', description: '落款日期，中文数字', example: '二〇二六年十一月二十三日' },
  { key: '日期数字', group: '日期', description: '落款日期，阿拉伯数字', example: '2026年11月23日' },
] as const satisfies readonly PlaceholderInfo[];

export type PlaceholderKey = (typeof PLACEHOLDERS)[number]['key'];
export type PlaceholderValues = Partial<Record<PlaceholderKey, string | null>>;

const KNOWN = new Set<string>(PLACEHOLDERS.map((p) => p.key));
export const isPlaceholderKey = (key: string): key is PlaceholderKey => KNOWN.has(key);

export interface PlaceholderUse {
  key: string;
  optional: boolean;
  fallback: string | null;
}

// {{ or }} (literal braces), or {key}, {key?}, {key|default}.
const TOKEN = /\{\{|\}\}|\{([^{}|?]*)(\?|\|([^{}]*))?\}/g;

/** The placeholders used in a piece of template text, in order. */
export function placeholdersIn(text: string): PlaceholderUse[] {
  const uses: PlaceholderUse[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (m[0] === '{{' || m[0] === '}}') continue;
    uses.push({ key: m[1]!.trim(), optional: m[2] === '?', fallback: m[3] ?? null });
  }
  return uses;
}

/** Keys used in the texts that are not in PLACEHOLDERS, each once. */
export function unknownPlaceholders(texts: readonly string[]): string[] {
  const unknown = new Set<string>();
  for (const text of texts)
    for (const use of placeholdersIn(text)) if (!isPlaceholderKey(use.key)) unknown.add(use.key);
  return [...unknown];
}

export type Filled =
  /** The text with its placeholders replaced. */
  | { kind: 'text'; text: string }
  /** An optional placeholder had no value: the line is left out. */
  | { kind: 'dropped' }
  /** Required placeholders without a value, and keys that are not placeholders at all. */
  | { kind: 'missing'; missing: string[]; unknown: string[] };

const hasValue = (value: string | null | undefined): value is string =>
  value !== undefined && value !== null && value !== '';

/** Fills one line (or paragraph) of template text. */
export function fillText(text: string, values: PlaceholderValues): Filled {
  const missing: string[] = [];
  const unknown: string[] = [];
  let dropped = false;
  const out = text.replace(TOKEN, (whole, rawKey: string | undefined, mark: string | undefined, fallback?: string) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    const key = (rawKey ?? '').trim();
    if (!isPlaceholderKey(key)) {
      unknown.push(key);
      return '';
    }
    const value = values[key];
    if (hasValue(value)) return value;
    if (mark === '?') dropped = true;
    else if (fallback !== undefined) return fallback;
    else missing.push(key);
    return '';
  });
  if (missing.length > 0 || unknown.length > 0) return { kind: 'missing', missing, unknown };
  return dropped ? { kind: 'dropped' } : { kind: 'text', text: out };
}

// ── Dates as letters write them ────────────────────────────────────────────────
const DIGITS = '〇一二三四五六七八九';

function smallNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${units === 0 ? '' : DIGITS[units]}`;
}

/** '2026-11-23' → '二〇二六年十一月二十三日' (a '2026-11' month → '二〇二六年十一月'). */
export function chineseNumeralDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  const year = [...(y ?? '')].map((c) => DIGITS[Number(c)]).join('');
  return `${year}年${smallNumber(Number(m))}月${d === undefined ? '' : `${smallNumber(Number(d))}日`}`;
}
