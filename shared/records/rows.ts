/** Rows that are not people: the 制表人, 合计 and 说明 lines under a table. */
import type { Cell, Sheet } from '../roster/validateRoster';
import { cellText } from './header';

const FOOTER = /^(制表|填表|审核|审批|复核|负责|统计|经办|核对)人?[:：]|^(合计|总计|小计|说明|注|备注|附注)[:：]?/;

/** Anything with the shape of an ID number (15 digits, or 17 and a check character), right or wrong. */
const ID_SHAPED = /^\d{15}$|^\d{17}[\dXx]$/;

/**
 * A row with neither a name nor an ID (nor a 工号), or without an ID and with a footer's words
 * (「合计」 in the 序号 column, 「制表人：…」 in the name's), or with a footer's words for a name
 * and a count (「合计 | 41人」) where the ID goes.
 */
export function isFooterRow(
  keys: { name: string; idNumber: string; employeeNo?: string },
  cells: readonly Cell[] = [],
): boolean {
  if (!keys.name && !keys.idNumber && !keys.employeeNo) return true;
  if (keys.idNumber) return FOOTER.test(keys.name) && !ID_SHAPED.test(keys.idNumber);
  return FOOTER.test(keys.name) || cells.some((cell) => FOOTER.test(cellText(cell)));
}

/** A CSV row with more cells than its header: a stray comma would shift every later column. */
export function extraCellsError(
  sheet: Sheet,
  headerRow: number,
  rowIndex: number,
): { row: number; column: string; message: string } | null {
  if (sheet.source !== 'csv') return null;
  const width = sheet.rows[headerRow]?.length ?? 0;
  const cells = sheet.rows[rowIndex] ?? [];
  const extra = cells.slice(width).filter((cell) => cellText(cell) !== '');
  if (extra.length === 0) return null;
  return {
    row: rowIndex + 1,
    column: '整行',
    message: `这一行有${cells.length}个单元格，比表头多${cells.length - width}个（多出「${extra.map(cellText).join('」「').slice(0, 40)}」）；可能是某个单元格里有逗号却没加引号，请检查后重新导入`,
  };
}
