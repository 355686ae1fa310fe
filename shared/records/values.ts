/** Cell values as HR writes them in records sheets: years, hours, ranges, results with synonyms. */
import type { AssessmentResult, CeKind } from '../domain/enums';
import { parseDate } from '../validation/dates';
import type { Cell } from '../roster/validateRoster';
import { cellText } from './header';
import { CE_CATEGORY_SYNONYMS, RESULT_SYNONYMS } from './vocabulary';

export type Parsed<T> = { ok: true; value: T; mappedFrom?: string } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** 2023, 「2023年」, 「2023年度」, 「２０２３」. */
export function parseYear(cell: Cell): Parsed<number> {
  if (typeof cell === 'number' && Number.isInteger(cell)) return { ok: true, value: cell };
  const text = cellText(cell).replace(/\s/g, '');
  const m = /^(\d{4})(?:年度?|年)?$/.exec(text);
  if (!m) return fail(`无法识别的年度「${text}」，请写成 2024 或 2024年度`);
  return { ok: true, value: Number(m[1]) };
}

/** 24, 「24学时」, 「24.5」, 「２４」. */
export function parseHours(cell: Cell): Parsed<number> {
  if (typeof cell === 'number') return { ok: true, value: cell };
  const text = cellText(cell)
    .replace(/\s/g, '')
    .replace(/(学时|小时|课时|h)$/i, '');
  if (!/^\d+(\.\d+)?$/.test(text)) return fail(`无法识别的学时「${cellText(cell)}」，请填数字，如 24 或 24学时`);
  return { ok: true, value: Number(text) };
}

export function parseResult(cell: Cell): Parsed<AssessmentResult> {
  const text = cellText(cell).replace(/\s/g, '');
  const value = RESULT_SYNONYMS[text];
  if (!value) return fail(`无法识别的考核结果「${text}」，应为：优秀、合格、基本合格、不合格或不定等次`);
  return text === value ? { ok: true, value } : { ok: true, value, mappedFrom: text };
}

export function parseCategory(cell: Cell): Parsed<CeKind> {
  const text = cellText(cell).replace(/\s/g, '');
  const value = CE_CATEGORY_SYNONYMS[text];
  if (!value) return fail(`无法识别的科目类别「${text}」，应为公需或专业`);
  return { ok: true, value };
}

export function parseDateCell(cell: Cell): Parsed<string> {
  const result = parseDate(typeof cell === 'string' ? cell.normalize('NFKC') : cell);
  return result.ok ? { ok: true, value: result.value } : fail(result.message);
}

const UNTIL_NOW = /^(至今|今|现在|迄今|今至|在职)$/;
const SEPARATORS = /[-—–~～至到]+/g;

/** 「2015.07-2019.06」, 「2019年7月至今」, 「2015-07-01~2019-06-30」: the end is null for 至今. */
export function parseRange(cell: Cell): Parsed<{ start: string; end: string | null }> {
  const text = cellText(cell).replace(/\s/g, '');
  // Dates may use '-' themselves, so every separator is tried until both halves read as dates.
  for (const match of text.matchAll(SEPARATORS)) {
    const left = text.slice(0, match.index);
    const right = text.slice(match.index + match[0].length);
    const start = parseDate(left);
    if (!start.ok) continue;
    if (UNTIL_NOW.test(right) || (right === '' && match[0].includes('至'))) {
      return { ok: true, value: { start: start.value, end: null } };
    }
    const end = parseDate(right);
    if (end.ok) return { ok: true, value: { start: start.value, end: end.value } };
  }
  return fail(`无法识别的起止时间「${text}」，请写成 2015.07-2019.06 或 2019.07-至今`);
}

export const isUntilNow = (cell: Cell) => UNTIL_NOW.test(cellText(cell).replace(/\s/g, ''));
