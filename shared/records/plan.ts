/**
 * Re-importing is idempotent: a record is the same record by its natural key, so a file imported
 * twice changes nothing and an edited cell is one change. Only the columns the file has are
 * compared, and an empty cell never clears a stored value.
 */
import type { RowChange, RowError } from '../roster/report';
import type { RecordImportKind } from './columns';
import { FIELDS_OF, IMPORT_KIND_LABELS } from './columns';

export interface PlannedInput {
  kind: RecordImportKind;
  row: number;
  name: string;
  idNumber: string;
  fields: Record<string, unknown>;
  present: ReadonlySet<string>;
}

export interface StoredRecord {
  id: number;
  idNumber: string;
  fields: Record<string, unknown>;
}

export interface PlannedRecord<T extends PlannedInput = PlannedInput> {
  input: T;
  existing: StoredRecord | null;
  /** All fields for a new record; the changed ones for a stored one. */
  changed: Record<string, unknown>;
}

export interface RecordsPlan<T extends PlannedInput = PlannedInput> {
  created: PlannedRecord<T>[];
  updated: PlannedRecord<T>[];
  unchanged: number;
  /** The same record twice in one file: the later row is an error. */
  duplicates: RowError[];
}

/** The natural key of a record within a person (certificate numbers identify CE hours when given). */
export function naturalKey(kind: RecordImportKind, fields: Record<string, unknown>): string {
  const v = (key: string) => String(fields[key] ?? '');
  switch (kind) {
    case 'assessment':
      return v('year');
    case 'ce':
      return fields.certificateNo ? `证书${v('certificateNo')}` : `${v('year')}|${v('category')}|${v('course')}`;
    case 'education':
      return `${v('level')}|${v('graduatedOn')}`;
    case 'title':
      return `${v('level')}|${v('series')}`;
    case 'work':
      return v('startOn');
  }
}

export const recordKey = (kind: RecordImportKind, idNumber: string, fields: Record<string, unknown>) =>
  `${kind}|${idNumber}|${naturalKey(kind, fields)}`;

/** How a record is named to the user: 「年度考核 2023」, 「学历 本科（2015-07）」. */
export function describeRecord(kind: RecordImportKind, fields: Record<string, unknown>): string {
  const v = (key: string) => (fields[key] === null || fields[key] === undefined ? '' : String(fields[key]));
  const label = IMPORT_KIND_LABELS[kind];
  switch (kind) {
    case 'assessment':
      return `${label} ${v('year')}`;
    case 'ce':
      return `${label} ${v('year')} ${v('category')}${fields.course ? ` ${v('course')}` : ''}`;
    case 'education':
      return `${label} ${v('level')}${fields.graduatedOn ? `（${v('graduatedOn')}毕业）` : ''}`;
    case 'title':
      return `${label} ${v('level')}（${v('series')}）`;
    case 'work':
      return `${label} ${v('startOn')}起`;
  }
}

export function planRecords<T extends PlannedInput>(
  inputs: readonly T[],
  stored: ReadonlyMap<string, StoredRecord>,
): RecordsPlan<T> {
  const plan: RecordsPlan<T> = { created: [], updated: [], unchanged: 0, duplicates: [] };
  const seen = new Map<string, number>();
  for (const input of inputs) {
    const key = recordKey(input.kind, input.idNumber, input.fields);
    const first = seen.get(key);
    if (first !== undefined) {
      plan.duplicates.push({
        row: input.row,
        column: IMPORT_KIND_LABELS[input.kind],
        message: `与第${first}行是同一条记录（${describeRecord(input.kind, input.fields)}），请删去重复的一行`,
        name: input.name,
      });
      continue;
    }
    seen.set(key, input.row);
    const existing = stored.get(key) ?? null;
    if (!existing) {
      plan.created.push({ input, existing, changed: input.fields });
      continue;
    }
    const changed: Record<string, unknown> = {};
    for (const field of input.present) {
      const value = input.fields[field];
      if (value === null || value === undefined || value === existing.fields[field]) continue;
      changed[field] = value;
    }
    if (Object.keys(changed).length === 0) plan.unchanged++;
    else plan.updated.push({ input, existing, changed });
  }
  return plan;
}

const headerOf = (kind: RecordImportKind, key: string): string =>
  FIELDS_OF[kind].find((def) => def.field.endsWith(`.${key}`))?.header ?? key;

/** The plan as the user reads it, row by row. */
export function describeRecordChanges(plan: RecordsPlan, max: number): RowChange[] {
  const show = (value: unknown) => (value === null || value === undefined ? null : String(value));
  const describe = (entry: PlannedRecord, kind: RowChange['kind']): RowChange => ({
    row: entry.input.row,
    name: entry.input.name,
    idNumber: entry.input.idNumber,
    kind,
    subject: describeRecord(entry.input.kind, entry.input.fields),
    // A new record lists what it will hold; a changed one, each change with its value before.
    fields:
      kind === 'new'
        ? Object.entries(entry.input.fields)
            .filter(([key, value]) => entry.input.present.has(key) && value !== null && value !== undefined)
            .map(([key, value]) => ({ column: headerOf(entry.input.kind, key), before: null, after: show(value) }))
        : Object.keys(entry.changed).map((key) => ({
            column: headerOf(entry.input.kind, key),
            before: show(entry.existing!.fields[key]),
            after: show(entry.changed[key]),
          })),
  });
  // Cut before describing: a 50,000-record import lists 1,000.
  const entries: Array<[PlannedRecord, RowChange['kind']]> = [
    ...plan.updated.map((e): [PlannedRecord, RowChange['kind']] => [e, 'changed']),
    ...plan.created.map((e): [PlannedRecord, RowChange['kind']] => [e, 'new']),
  ];
  return entries
    .sort((a, b) => a[0].input.row - b[0].input.row)
    .slice(0, max)
    .map(([entry, kind]) => describe(entry, kind));
}
