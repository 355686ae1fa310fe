/**
 * Turns the rows of a records sheet (学历, 职称, 年度考核, 继续教育, 工作经历; long or wide) into
 * records, each tied to a person of the roster, collecting every error with its row and column.
 * Footer rows (制表人, 合计, notes) have no person and are skipped and counted.
 */
import type { Cell, Sheet } from '../roster/validateRoster';
import type { RowError } from '../roster/report';
import type { RecordField, RecordImportKind } from './columns';
import { buildRecord, isBlankCell, type BuildContext, type BuiltRecord, type RawRecord } from './build';
import { cellText } from './header';
import type { SheetLayout } from './layout';
import { resolvePerson, type KnownPerson, type PeopleIndex } from './people';
import { extraCellsError, isFooterRow } from './rows';

export interface RecordCandidate {
  kind: RecordImportKind;
  /** The row as Excel numbers it. */
  row: number;
  person: KnownPerson;
  record: BuiltRecord;
}

export interface RecordsRead {
  candidates: RecordCandidate[];
  errors: RowError[];
  totalRows: number;
  skipped: number;
}

export function readRecords(
  sheet: Sheet,
  layout: SheetLayout & { kind: RecordImportKind },
  people: PeopleIndex,
  context: BuildContext,
): RecordsRead {
  const result: RecordsRead = { candidates: [], errors: [], totalRows: 0, skipped: 0 };
  const keyColumn = (key: 'name' | 'idNumber' | 'employeeNo') =>
    layout.columns.find((c) => c.meaning?.type === 'person' && c.meaning.key === key)?.index;
  const nameAt = keyColumn('name');
  const idAt = keyColumn('idNumber');
  const employeeNoAt = keyColumn('employeeNo');
  const fieldColumns = layout.columns.flatMap((c) =>
    c.meaning?.type === 'field' ? [{ index: c.index, field: c.meaning.field }] : [],
  );
  const wideColumns = layout.columns.flatMap((c) =>
    c.meaning?.type === 'wide' && c.meaning.kind === layout.kind
      ? [{ index: c.index, label: c.label, meaning: c.meaning }]
      : [],
  );

  for (let i = layout.lastRow + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i] ?? [];
    if (cells.every((cell) => cellText(cell) === '')) continue;
    const at = (index: number | undefined): Cell => (index === undefined ? null : (cells[index] ?? null));
    const keys = {
      name: cellText(at(nameAt)).replace(/\s/g, ''),
      idNumber: cellText(at(idAt)).replace(/\s/g, ''),
      employeeNo: cellText(at(employeeNoAt)),
    };
    if (isFooterRow(keys, cells)) {
      result.skipped++;
      continue;
    }
    result.totalRows++;
    const row = i + 1;
    const person = resolvePerson(people, keys);
    if (!person.ok) {
      result.errors.push({ row, column: person.column, message: person.message, name: keys.name || null });
      continue;
    }
    // A CSV row longer than its header has a stray comma: every later cell would be in the wrong column.
    const extra = extraCellsError(sheet, layout.lastRow, i);
    if (extra) {
      result.errors.push({ ...extra, name: person.person.name });
      continue;
    }
    const rowErrors: RowError[] = [];
    const add = (raw: RawRecord, prefix = '') => {
      const built = buildRecord(layout.kind, raw, context);
      if ('record' in built)
        result.candidates.push({ kind: layout.kind, row, person: person.person, record: built.record });
      else {
        for (const e of built.errors) {
          rowErrors.push({ row, column: prefix || e.column, message: e.message, name: person.person.name });
        }
      }
    };

    const raw: RawRecord = {};
    for (const { index, field } of fieldColumns) raw[field] = at(index);
    if (layout.shape === 'long') {
      add(raw);
    } else {
      // One record per filled year column; an empty cell is no record, not an error.
      for (const column of wideColumns) {
        const cell = at(column.index);
        if (isBlankCell(cell)) continue;
        add(wideRecord(layout.kind, column.meaning, cell, raw), column.label);
      }
    }
    result.errors.push(...rowErrors);
  }
  return result;
}

function wideRecord(
  kind: RecordImportKind,
  meaning: { year: number; category?: '公需' | '专业' | null },
  cell: Cell,
  shared: RawRecord,
): RawRecord {
  const year = meaning.year;
  if (kind === 'assessment') return { ...shared, 'assessment.year': year, 'assessment.result': cell };
  const raw: Partial<Record<RecordField, Cell>> = { ...shared, 'ce.year': year, 'ce.hours': cell };
  if (meaning.category) raw['ce.category'] = meaning.category;
  return raw;
}
