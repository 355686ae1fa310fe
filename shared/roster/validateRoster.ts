/**
 * Turns the rows of a roster sheet into validated person records, collecting every error with
 * its row and column. Pure: the sheet is read elsewhere, the database is consulted elsewhere.
 */
import { PersonInput, type PersonFields } from '../domain/schemas';
import { parseDate } from '../validation/dates';
import { parseIdNumber } from '../validation/idNumber';
import { columnForHeader, columnOf, type RosterColumn, type RosterField } from './columns';
import type { RowError } from './report';

/** A cell as the sheet reader hands it over. */
export type Cell = string | number | boolean | Date | null;

export interface Sheet {
  /** Rows as Excel numbers them: rows[i] is row i + 1. */
  rows: Cell[][];
}

export interface UnitRef {
  id: number;
  name: string;
  creditCode: string;
}

export interface ValidRow {
  row: number;
  fields: PersonFields;
  /** The columns the file has: only these are compared and updated on re-import. */
  present: ReadonlySet<keyof PersonFields>;
}

export interface RosterValidation {
  valid: ValidRow[];
  errors: RowError[];
  totalRows: number;
}

const HEADER_SEARCH_ROWS = 10;

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).normalize('NFKC').trim();
}

const isBlank = (row: Cell[] | undefined) => !row || row.every((cell) => cellText(cell) === '');

function findHeader(sheet: Sheet): { index: number; columns: Map<number, RosterColumn> } | null {
  for (let i = 0; i < Math.min(HEADER_SEARCH_ROWS, sheet.rows.length); i++) {
    const columns = new Map<number, RosterColumn>();
    sheet.rows[i]!.forEach((cell, c) => {
      const column = columnForHeader(cellText(cell));
      if (column && ![...columns.values()].includes(column)) columns.set(c, column);
    });
    const fields = new Set([...columns.values()].map((column) => column.field));
    if (fields.has('name') && fields.has('idNumber')) return { index: i, columns };
  }
  return null;
}

/** Why an ID cell failed, with the hint for the classic Excel accident of storing it as a number. */
function idNumberMessage(cell: Cell, message: string): string {
  if (typeof cell === 'number' && cell > 1e15) {
    return '身份证号被Excel存成了数字，后几位已经丢失；请把该列设为“文本”格式后重新填写';
  }
  return message;
}

export function validateRoster(
  sheet: Sheet,
  units: readonly UnitRef[],
  defaultUnitId: number | null,
): RosterValidation {
  const header = findHeader(sheet);
  if (!header) {
    return {
      valid: [],
      totalRows: 0,
      errors: [
        {
          row: 0,
          column: '表头',
          message: `找不到表头：前${HEADER_SEARCH_ROWS}行中没有同时含「姓名」和「身份证号」两列的行。请使用导入模板。`,
        },
      ],
    };
  }

  const unitByKey = new Map<string, number>();
  for (const unit of units) {
    unitByKey.set(unit.name, unit.id);
    unitByKey.set(unit.creditCode, unit.id);
  }

  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  const firstRowOfId = new Map<string, number>();
  let totalRows = 0;

  for (let i = header.index + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i];
    if (isBlank(cells)) continue;
    totalRows++;
    const rowNumber = i + 1;
    const rowErrors: RowError[] = [];
    const error = (field: RosterField, message: string) =>
      rowErrors.push({ row: rowNumber, column: columnOf(field).header, message });

    const raw: Partial<Record<RosterField, Cell>> = {};
    for (const [c, column] of header.columns) raw[column.field] = cells![c] ?? null;

    const input: Record<string, unknown> = {};
    const present = new Set<keyof PersonFields>();
    for (const [field, cell] of Object.entries(raw) as Array<[RosterField, Cell]>) {
      if (field === 'unit' || field === 'gender' || field === 'birthDate') continue;
      present.add(field as keyof PersonFields);
      const text = cellText(cell);
      // Dates go through as the cell holds them, so serials and Date cells are read as dates.
      const isDate = field === 'hiredOn' || field === 'workStartedOn';
      input[field] = isDate && (typeof cell === 'number' || cell instanceof Date) ? cellDate(cell) : text || null;
    }

    const unitText = cellText(raw.unit ?? null);
    if (unitText === '') {
      input.unitId = defaultUnitId;
    } else if (unitByKey.has(unitText) || unitByKey.has(unitText.toUpperCase())) {
      input.unitId = unitByKey.get(unitText) ?? unitByKey.get(unitText.toUpperCase());
    } else {
      error('unit', `单位「${unitText}」不存在，请先在“设置 › 单位”中添加，或填写已有单位的全称`);
    }
    if ('unit' in raw) present.add('unitId');

    const parsed = PersonInput.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as RosterField;
        const message = field === 'idNumber' ? idNumberMessage(raw.idNumber ?? null, issue.message) : issue.message;
        error(field, message);
      }
    } else {
      const fields = parsed.data;
      const id = parseIdNumber(fields.idNumber);
      if (id.ok) {
        const gender = cellText(raw.gender ?? null);
        if (gender !== '' && gender !== id.value.gender) {
          error('gender', `性别「${gender}」与身份证号（${id.value.gender}）不一致`);
        }
        const birth = raw.birthDate;
        if (birth !== undefined && cellText(birth) !== '') {
          const date = parseDate(birth);
          if (!date.ok) error('birthDate', `出生日期：${date.message}`);
          else if (!id.value.birthDate.startsWith(date.value)) {
            error('birthDate', `出生日期 ${date.value} 与身份证号中的 ${id.value.birthDate} 不一致`);
          }
        }
      }
      const first = firstRowOfId.get(fields.idNumber);
      if (first !== undefined) error('idNumber', `身份证号与第${first}行重复`);
      else firstRowOfId.set(fields.idNumber, rowNumber);
      if (rowErrors.length === 0) valid.push({ row: rowNumber, fields, present });
    }
    errors.push(...rowErrors);
  }

  if (totalRows === 0) errors.push({ row: 0, column: '表头', message: '表格中没有人员数据（表头下面是空的）' });
  return { valid, errors, totalRows };
}

function cellDate(cell: number | Date): string | number {
  const date = parseDate(cell);
  return date.ok ? date.value : String(cell);
}
