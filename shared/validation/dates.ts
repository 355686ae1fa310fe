/**
 * Dates as HR files really contain them. A date is kept as text: 'YYYY-MM-DD', or
 * 'YYYY-MM' when the source only gives a month (common for 入职/毕业), so no day is invented.
 */
export type DateResult = { ok: true; value: string } | { ok: false; message: string };

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

export function isRealDate(iso: string): boolean {
  const m = DAY.exec(iso);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

/** A stored date: a real calendar day or a month. */
export function isPartialDate(value: string): boolean {
  const m = MONTH.exec(value);
  if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12;
  return isRealDate(value);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function fromParts(y: number, mo: number, d: number | null, shown: string): DateResult {
  if (y < MIN_YEAR || y > MAX_YEAR)
    return { ok: false, message: `日期「${shown}」的年份不在${MIN_YEAR}–${MAX_YEAR}之间` };
  if (mo < 1 || mo > 12) return { ok: false, message: `日期「${shown}」的月份不存在` };
  if (d === null) return { ok: true, value: `${y}-${pad2(mo)}` };
  const iso = `${y}-${pad2(mo)}-${pad2(d)}`;
  if (!isRealDate(iso)) return { ok: false, message: `日期「${shown}」不存在` };
  return { ok: true, value: iso };
}

/**
 * Excel's 1900 date system: serial 1 is 1900-01-01, and serial 60 is the non-existent
 * 1900-02-29 that Excel keeps for Lotus compatibility, so later serials count from 1899-12-30.
 */
export function fromExcelSerial(serial: number): DateResult {
  const whole = Math.floor(serial);
  if (whole < 1 || whole > 73050) return { ok: false, message: `日期序号 ${serial} 超出范围` };
  if (whole === 60) return { ok: false, message: '日期序号 60（1900年2月29日）不存在' };
  const days = whole < 60 ? whole - 1 : whole - 2;
  const d = new Date(Date.UTC(1900, 0, 1) + days * 86_400_000);
  return { ok: true, value: `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}` };
}

function fromNumber(n: number): DateResult {
  const shown = String(n);
  if (Number.isInteger(n)) {
    if (n >= 19000101 && n <= 21001231)
      return fromParts(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100, shown);
    if (n >= 190001 && n <= 210012) return fromParts(Math.floor(n / 100), n % 100, null, shown);
    return fromExcelSerial(n);
  }
  // "2020.10" typed into a cell becomes the number 2020.1: the fraction is the month.
  if (n >= MIN_YEAR && n < MAX_YEAR + 1) {
    const year = Math.floor(n);
    return fromParts(year, Math.round((n - year) * 100) || Math.round((n - year) * 10), null, shown);
  }
  return fromExcelSerial(n);
}

const TEXT_PATTERNS: Array<[RegExp, boolean]> = [
  [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/, true],
  [/^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/, true],
  [/^(\d{4})(\d{2})(\d{2})$/, true],
  [/^(\d{4})[-/.](\d{1,2})$/, false],
  [/^(\d{4})年(\d{1,2})月?$/, false],
  [/^(\d{4})(\d{2})$/, false],
];

/**
 * A bare year (2016, typed as a number or as text) is no date, and read as an Excel serial it
 * would be a day in 1905: the message asking for the month, or null.
 */
export function bareYearMessage(raw: unknown): string | null {
  const year = /^(\d{4})年?$/.exec(
    String(raw ?? '')
      .normalize('NFKC')
      .replace(/\s/g, ''),
  )?.[1];
  if (!year || Number(year) < 1900 || Number(year) > 2100) return null;
  return `「${year}」只写了年份，请写到月份，如 ${year}.07 或 ${year}年7月`;
}

/** Reads a date from a cell or a form field: a Date, an Excel serial or one of the usual text forms. */
export function parseDate(raw: unknown): DateResult {
  const bareYear = bareYearMessage(raw);
  if (bareYear) return { ok: false, message: bareYear };
  if (raw instanceof Date) {
    if (Number.isNaN(raw.getTime())) return { ok: false, message: '日期无效' };
    return fromParts(raw.getUTCFullYear(), raw.getUTCMonth() + 1, raw.getUTCDate(), raw.toISOString().slice(0, 10));
  }
  if (typeof raw === 'number') return Number.isFinite(raw) ? fromNumber(raw) : { ok: false, message: '日期无效' };
  const text = String(raw ?? '')
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return { ok: false, message: '日期为空' };
  for (const [pattern, hasDay] of TEXT_PATTERNS) {
    const m = pattern.exec(text);
    if (m) return fromParts(Number(m[1]), Number(m[2]), hasDay ? Number(m[3]) : null, text);
  }
  if (/^\d{1,5}(\.\d+)?$/.test(text)) return fromNumber(Number(text));
  return {
    ok: false,
    message: `无法识别的日期「${text}」，请写成 2020-07-01、2020/7/1、2020.07 或 2020年7月1日`,
  };
}

export function todayIso(now: Date = new Date()): string {
  return `${now.getFullYear()}-${pad2(now.getMonth() + 1)}-${pad2(now.getDate())}`;
}

/** '2020-07-01' → '2020年7月1日', '2020-07' → '2020年7月'. */
export function formatChineseDate(value: string): string {
  const [y, m, d] = value.split('-');
  return d === undefined ? `${y}年${Number(m)}月` : `${y}年${Number(m)}月${Number(d)}日`;
}
