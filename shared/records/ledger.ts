/**
 * A 台账's qualification columns: each row's highest education and current title become records
 * of that person. A row whose education or title is wrong is wrong as a whole.
 */
import type { RowError } from '../roster/report';
import type { ValidRow } from '../roster/validateRoster';
import { buildRecord, hasAnyValue, type BuildContext, type RawRecord } from './build';
import type { PlannedInput } from './plan';

export interface LedgerRecords {
  inputs: PlannedInput[];
  errors: RowError[];
  /** Rows (Excel numbers) whose records have errors. */
  badRows: Set<number>;
}

export function ledgerRecords(rows: readonly ValidRow[], context: BuildContext): LedgerRecords {
  const result: LedgerRecords = { inputs: [], errors: [], badRows: new Set() };
  for (const row of rows) {
    for (const kind of ['education', 'title'] as const) {
      const prefix = kind === 'education' ? 'edu.' : 'title.';
      const raw: RawRecord = Object.fromEntries(
        Object.entries(row.qualifications).filter(([field]) => field.startsWith(prefix)),
      );
      if (!hasAnyValue(raw)) continue;
      const built = buildRecord(kind, raw, context);
      if ('record' in built) {
        result.inputs.push({
          kind,
          row: row.row,
          name: row.fields.name,
          idNumber: row.fields.idNumber,
          fields: built.record.fields,
          present: built.record.present,
        });
      } else {
        result.badRows.add(row.row);
        for (const e of built.errors) result.errors.push({ row: row.row, ...e, name: row.fields.name });
      }
    }
  }
  return result;
}
