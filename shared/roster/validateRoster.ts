/**
 * Turns the rows of a roster sheet into validated person records, collecting every error with
 * its row and column. Pure: the sheet is read elsewhere, the database is consulted elsewhere.
 */
import { PersonInput, type PersonFields } from '../domain/schemas';
import { parseDate } from '../validation/dates';
import { parseIdNumber } from '../validation/idNumber';
import { columnOf, type RosterColumn, type RosterField } from './columns';
import type { RowError } from './report';
import type { RawRecord } from '../records/build';
import { cellText } from '../records/header';
import { layoutSheet, type SheetLayout } from '../records/layout';
import { friendlyIssue } from '../records/messages';
import { extraCellsError, isFooterRow } from '../records/rows';
import { bareYearMessage } from '../validation/dates';

/** A cell as the sheet reader hands it over. */
export type Cell = string | number | boolean | Date | null;

/** A merged range, 0-based and inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Sheet {
  /** Rows as Excel numbers them: rows[i] is row i + 1. */
  rows: Cell[][];
  /** Merged ranges (xlsx): a header's group spans its columns through these. */
  merges?: MergeRange[];
  /** CSV rows are cut at commas, so a row longer than its header is a sign of a stray comma. */
  source?: 'csv' | 'xlsx';
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
  /** A ledger's qualification cells (学历…, 职称…), made into records elsewhere. */
  qualifications: RawRecord;
}

export interface RosterValidation {
  valid: ValidRow[];
  errors: RowError[];
  totalRows: number;
  /** Footer rows without a person, left out. */
  skipped: number;
}

const isBlank = (row: Cell[] | undefined) => !row || row.every((cell) => cellText(cell) === '');

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
  given?: SheetLayout,
): RosterValidation {
  const layout = given ?? layoutSheet(sheet, { kind: 'ledger' });
  const headerError = (message: string): RosterValidation => ({
    valid: [],
    totalRows: 0,
    skipped: 0,
    errors: [{ row: 0, column: '表头', message }],
  });
  if ('error' in layout) return headerError(layout.error);
  const columns = new Map<number, RosterColumn>();
  const qualificationColumns: Array<[number, keyof RawRecord]> = [];
  for (const column of layout.columns) {
    const m = column.meaning;
    if (m?.type === 'person') columns.set(column.index, columnOf(m.key));
    else if (m?.type === 'roster') columns.set(column.index, columnOf(m.field));
    else if (m?.type === 'field') qualificationColumns.push([column.index, m.field]);
  }
  const fields = new Set([...columns.values()].map((c) => c.field));
  if (!fields.has('name') || !fields.has('idNumber')) {
    return headerError('名单须同时有「姓名」和「身份证号」两列，请使用导入模板，或在列对应中指定');
  }
  const header = { index: layout.lastRow, columns };

  const unitByKey = new Map<string, number>();
  for (const unit of units) {
    unitByKey.set(unit.name, unit.id);
    unitByKey.set(unit.creditCode, unit.id);
  }

  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  const firstRowOfId = new Map<string, number>();
  let totalRows = 0;
  let skipped = 0;
  const at = (index: number | undefined, cells: Cell[]) => (index === undefined ? '' : cellText(cells[index] ?? null));
  const nameAt = [...columns].find(([, c]) => c.field === 'name')?.[0];
  const idAt = [...columns].find(([, c]) => c.field === 'idNumber')?.[0];

  for (let i = header.index + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i];
    if (isBlank(cells)) continue;
    const name = at(nameAt, cells!);
    if (isFooterRow({ name, idNumber: at(idAt, cells!) }, cells)) {
      skipped++;
      continue;
    }
    totalRows++;
    const rowNumber = i + 1;
    const rowErrors: RowError[] = [];
    const error = (field: RosterField, message: string) =>
      rowErrors.push({ row: rowNumber, column: columnOf(field).header, message, name: name || null });
    const extra = extraCellsError(sheet, layout.lastRow, i);
    if (extra) rowErrors.push({ ...extra, name: name || null });

    const raw: Partial<Record<RosterField, Cell>> = {};
    for (const [c, column] of header.columns) raw[column.field] = cells![c] ?? null;
    const qualifications: RawRecord = {};
    for (const [c, field] of qualificationColumns) qualifications[field] = cells![c] ?? null;

    const input: Record<string, unknown> = {};
    const present = new Set<keyof PersonFields>();
    for (const [field, cell] of Object.entries(raw) as Array<[RosterField, Cell]>) {
      if (field === 'unit' || field === 'gender' || field === 'birthDate') continue;
      present.add(field as keyof PersonFields);
      const text = cellText(cell);
      // Dates go through as the cell holds them, so serials and Date cells are read as dates.
      const isDate = field === 'hiredOn' || field === 'workStartedOn';
      const bareYear = isDate ? bareYearMessage(cell) : null;
      if (bareYear) {
        error(field, `${columnOf(field).header}：${bareYear}`);
        continue;
      }
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
        const message = friendlyIssue(issue, columnOf(field).header, input[field]);
        error(field, field === 'idNumber' ? idNumberMessage(raw.idNumber ?? null, message) : message);
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
      if (rowErrors.length === 0) valid.push({ row: rowNumber, fields, present, qualifications });
    }
    errors.push(...rowErrors);
  }

  if (totalRows === 0) errors.push({ row: 0, column: '表头', message: '表格中没有人员数据（表头下面是空的）' });
  return { valid, errors, totalRows, skipped };
}

function cellDate(cell: number | Date): string | number {
  const date = parseDate(cell);
  return date.ok ? date.value : String(cell);
}
