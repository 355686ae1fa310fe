/**
 * Finds the header of a sheet as HR lays it out: below a title row (「某某公司2026年职称台账」),
 * on one row or on two (a merged group header such as 「学历情况」 over 学历/院校/专业/时间).
 * Pure: the sheet is read elsewhere; what a header means is asked of `recognise`.
 */
import type { Cell, Sheet } from '../roster/validateRoster';

export interface HeaderColumn {
  index: number;
  /** As the user reads it: 「学历情况/专业」 under a group, 「姓名」 otherwise. */
  label: string;
  /** The group header above it, when it is one of the known groups. */
  group: string | null;
  /** The header's own text. */
  name: string;
}

export interface SheetHeader {
  /** 0-based index of the header's last row: data starts below it. */
  lastRow: number;
  columns: HeaderColumn[];
}

const HEADER_SEARCH_ROWS = 15;

/** Group headers that give a bare 专业/时间 its meaning. */
export const EDUCATION_GROUPS = [
  '学历情况',
  '学历信息',
  '学历',
  '最高学历',
  '学历学位',
  '学历学位情况',
  '教育情况',
  '毕业情况',
];
export const TITLE_GROUPS = [
  '职称情况',
  '职称信息',
  '现职称',
  '现职称情况',
  '职称',
  '专业技术职务',
  '专业技术资格',
  '现专业技术职务',
  '现专业技术资格',
  '专业技术职称',
];

export const normaliseHeader = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\s*＊:：]/g, '')
    // A hint in brackets (「身份证号（18位）」) is not part of the name; a year or a category is.
    .replace(/(.)[（(]([^）)]*)[）)]$/, (m, before: string, inside: string) =>
      /\d{4}|学时|公需|专业/.test(inside) ? m : before,
    )
    .toLowerCase();

/** Group headers over a wide sheet's years: 「年度考核结果」 over 2021年, 2022年 …; 「继续教育学时」 likewise. */
export const ASSESSMENT_GROUPS = [
  '年度考核',
  '年度考核结果',
  '年度考核情况',
  '年度考核等次',
  '历年考核',
  '历年考核结果',
  '历年考核情况',
  '考核情况',
];
export const CE_GROUPS = ['继续教育', '继续教育学时', '继续教育情况', '继续教育完成情况', '历年学时', '学时情况'];

const GROUPS = new Set([...EDUCATION_GROUPS, ...TITLE_GROUPS, ...ASSESSMENT_GROUPS, ...CE_GROUPS]);
const isGroup = (text: string) => GROUPS.has(normaliseHeader(text));

export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).normalize('NFKC').trim();
}

/**
 * A text field's value as HR wrote it: trimmed, not normalised, so 「安全生产（一）」 keeps its
 * full-width brackets as the record dialog saves them, and stays the same record on re-import.
 */
export function writtenText(cell: Cell | undefined): string {
  return typeof cell === 'string' ? cell.trim() : cellText(cell);
}

/** The text of a header row, with horizontally merged cells carrying their master's text. */
function headerTexts(sheet: Sheet, row: number): string[] {
  const texts = (sheet.rows[row] ?? []).map(cellText);
  for (const merge of sheet.merges ?? []) {
    if (merge.top > row || merge.bottom < row) continue;
    const master = cellText(sheet.rows[merge.top]?.[merge.left] ?? null);
    for (let c = merge.left; c <= merge.right; c++) texts[c] = master;
  }
  return texts;
}

function singleRow(texts: readonly string[]): HeaderColumn[] {
  return texts.flatMap((name, index) => (name ? [{ index, label: name, group: null, name }] : []));
}

/**
 * Two rows read together. A known group word above carries to the right over empty cells (a
 * CSV of a merged header); an empty cell below, or the same text twice, is a header spanning
 * both rows; any other text above (a title, 「基本情况」) is not a group that changes a meaning.
 */
function twoRows(top: readonly string[], bottom: readonly string[]): HeaderColumn[] {
  const columns: HeaderColumn[] = [];
  let carried = '';
  for (let index = 0; index < Math.max(top.length, bottom.length); index++) {
    const above = top[index] ?? '';
    const below = bottom[index] ?? '';
    if (above) carried = isGroup(above) ? above : '';
    const group = above || carried;
    if (!below) {
      if (above) columns.push({ index, label: above, group: null, name: above });
    } else if (group && group !== below && isGroup(group)) {
      columns.push({ index, label: `${group}/${below}`, group: normaliseHeader(group), name: below });
    } else {
      columns.push({ index, label: below, group: null, name: below });
    }
  }
  return columns;
}

/**
 * The header: the top-most row (or pair of rows) in which `recognise` finds a way to tell whose
 * each row is, preferring the reading that recognises more columns. `recognise` returns how
 * many columns it knows, or null when the person cannot be told from them.
 */
export function findHeader(
  sheet: Sheet,
  recognise: (columns: readonly HeaderColumn[]) => number | null,
): SheetHeader | null {
  const last = Math.min(HEADER_SEARCH_ROWS, sheet.rows.length);
  for (let row = 0; row < last; row++) {
    const texts = headerTexts(sheet, row);
    const single = singleRow(texts);
    const singleScore = recognise(single);
    const below = row + 1 < sheet.rows.length && texts.some(isGroup) ? headerTexts(sheet, row + 1) : null;
    const double = below ? twoRows(texts, below) : null;
    const doubleScore = double ? recognise(double) : null;
    if (double && doubleScore !== null && (singleScore === null || doubleScore > singleScore)) {
      return { lastRow: row + 1, columns: double };
    }
    if (singleScore !== null) return { lastRow: row, columns: single };
  }
  return null;
}

export const HEADER_ROWS_SEARCHED = HEADER_SEARCH_ROWS;
