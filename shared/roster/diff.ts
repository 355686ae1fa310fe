/**
 * Compares validated rows with the people already stored, by 身份证号. Only the columns the
 * file has are compared, and an empty cell never clears a stored value: a roster exported from
 * another system with fewer columns must not wipe what HR entered by hand.
 */
import type { PersonFields } from '../domain/schemas';
import { ROSTER_COLUMNS } from './columns';
import type { RowChange } from './report';
import type { ValidRow } from './validateRoster';

export type StoredPerson = PersonFields & { id: number };

export interface PlannedRow {
  row: ValidRow;
  existing: StoredPerson | null;
  /** The fields to write: all of them for a new person, the changed ones otherwise. */
  changed: Partial<PersonFields>;
}

export interface ImportPlan {
  created: PlannedRow[];
  updated: PlannedRow[];
  unchanged: number;
}

const headerOf = (field: keyof PersonFields): string =>
  field === 'unitId' ? '单位' : (ROSTER_COLUMNS.find((c) => c.field === field)?.header ?? field);

export function planImport(
  rows: readonly ValidRow[],
  existingByIdNumber: ReadonlyMap<string, StoredPerson>,
): ImportPlan {
  const plan: ImportPlan = { created: [], updated: [], unchanged: 0 };
  for (const row of rows) {
    const existing = existingByIdNumber.get(row.fields.idNumber) ?? null;
    if (!existing) {
      plan.created.push({ row, existing, changed: row.fields });
      continue;
    }
    const changed: Partial<PersonFields> = {};
    for (const field of row.present) {
      const value = row.fields[field];
      if (value === null || value === undefined || value === existing[field]) continue;
      (changed as Record<string, unknown>)[field] = value;
    }
    if (Object.keys(changed).length === 0) plan.unchanged++;
    else plan.updated.push({ row, existing, changed });
  }
  return plan;
}

/** The plan as the user reads it; `unitName` turns unit ids back into names. */
export function describeChanges(
  plan: ImportPlan,
  unitName: (id: number | null) => string | null,
  max: number,
): RowChange[] {
  const show = (field: keyof PersonFields, value: unknown): string | null =>
    value === null || value === undefined ? null : field === 'unitId' ? unitName(value as number) : String(value);
  const describe = (entry: PlannedRow, kind: RowChange['kind']): RowChange => ({
    row: entry.row.row,
    name: entry.row.fields.name,
    idNumber: entry.row.fields.idNumber,
    kind,
    fields:
      kind === 'new'
        ? []
        : (Object.keys(entry.changed) as Array<keyof PersonFields>).map((field) => ({
            column: headerOf(field),
            before: show(field, entry.existing![field]),
            after: show(field, entry.changed[field]),
          })),
  });
  return [...plan.updated.map((e) => describe(e, 'changed')), ...plan.created.map((e) => describe(e, 'new'))]
    .sort((a, b) => a.row - b.row)
    .slice(0, max);
}
