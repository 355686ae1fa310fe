/**
 * The layout of an import sheet: where its header is, what kind of sheet it is (told from the
 * headers, or chosen), its shape, and what each column means, the user's column mapping first.
 */
import { ROSTER_COLUMNS, type RosterField } from '../roster/columns';
import type { Sheet } from '../roster/validateRoster';
import {
  FIELDS_OF,
  IMPORT_KIND_LABELS,
  columnMeaning,
  detectKind,
  fieldDef,
  type ColumnMeaning,
  type ImportKind,
  type ImportShape,
  type RecordField,
} from './columns';
import { HEADER_ROWS_SEARCHED, findHeader, type HeaderColumn } from './header';

/** Where the user says a column goes: a record's field or a roster column (`roster.phone`). */
export type MappingTarget = RecordField | `roster.${RosterField}`;
/** Header label → target, or null for 「忽略」. */
export type ColumnMapping = Readonly<Record<string, MappingTarget | null>>;

export interface LaidOutColumn extends HeaderColumn {
  /** null: not recognised and not mapped, so it is left out (and the user is told). */
  meaning: ColumnMeaning | null;
  /** The user's mapping decided it. */
  mapped: boolean;
  /** The user ignored it in the mapping. */
  ignored: boolean;
}

export interface SheetLayout {
  kind: ImportKind;
  shape: ImportShape;
  /** 0-based index of the header's last row. */
  lastRow: number;
  columns: LaidOutColumn[];
}

export function meaningOfTarget(target: MappingTarget): ColumnMeaning {
  if (!target.startsWith('roster.')) return { type: 'field', field: target as RecordField };
  const field = target.slice('roster.'.length) as RosterField;
  if (field === 'name' || field === 'idNumber' || field === 'employeeNo') return { type: 'person', key: field };
  return { type: 'roster', field };
}

function meaningWithMapping(column: HeaderColumn, kind: ImportKind | null, mapping: ColumnMapping) {
  if (Object.hasOwn(mapping, column.label)) {
    const target = mapping[column.label];
    return { meaning: target ? meaningOfTarget(target) : null, mapped: true, ignored: target === null };
  }
  return { meaning: columnMeaning(column, kind), mapped: false, ignored: false };
}

export function layoutSheet(
  sheet: Sheet,
  options: { kind?: ImportKind; mapping?: ColumnMapping } = {},
): SheetLayout | { error: string } {
  const mapping = options.mapping ?? {};
  const header = findHeader(sheet, (columns) => {
    const meanings = columns.map((c) => meaningWithMapping(c, options.kind ?? null, mapping).meaning);
    const keys = new Set(meanings.flatMap((m) => (m?.type === 'person' ? [m.key] : [])));
    const enough = options.kind === 'ledger' ? keys.has('name') && keys.has('idNumber') : keys.size > 0;
    return enough ? meanings.filter((m) => m !== null).length : null;
  });
  if (!header) {
    return {
      error: `找不到表头：前${HEADER_ROWS_SEARCHED}行中没有含「姓名」「身份证号」或「工号」的行。请使用导入模板，或检查表头的写法。`,
    };
  }
  const detected = detectKind(header.columns);
  const kind = options.kind ?? detected.kind;
  const columns = header.columns.map((column) => ({ ...column, ...meaningWithMapping(column, kind, mapping) }));
  const wide = columns.some((c) => c.meaning?.type === 'wide' && c.meaning.kind === kind);
  const shape: ImportShape = kind === 'ledger' ? 'ledger' : wide ? 'wide' : 'long';
  // Wide columns of another kind, or record fields that are not this sheet's, are not used.
  for (const column of columns) {
    const m = column.meaning;
    if (m?.type === 'wide' && m.kind !== kind) column.meaning = null;
    if (m?.type === 'field' && !fieldBelongs(kind, m.field)) column.meaning = null;
  }
  return { kind, shape, lastRow: header.lastRow, columns };
}

function fieldBelongs(kind: ImportKind, field: RecordField): boolean {
  if (kind === 'ledger') return field.startsWith('edu.') || field.startsWith('title.');
  return FIELDS_OF[kind].some((def) => def.field === field);
}

/** The targets the column mapping offers for a kind of sheet. */
export function mappingTargets(kind: ImportKind): Array<{ target: MappingTarget; label: string }> {
  const person = ROSTER_COLUMNS.filter(
    (c) => kind === 'ledger' || ['name', 'idNumber', 'employeeNo'].includes(c.field),
  );
  const fields = kind === 'ledger' ? [...FIELDS_OF.education, ...FIELDS_OF.title] : FIELDS_OF[kind];
  return [
    ...person.map((c) => ({ target: `roster.${c.field}` as MappingTarget, label: c.header })),
    ...fields.map((def) => ({
      target: def.field as MappingTarget,
      label:
        kind === 'ledger'
          ? `${IMPORT_KIND_LABELS[def.field.startsWith('edu.') ? 'education' : 'title']}：${def.header}`
          : def.header,
    })),
  ];
}

export const targetLabel = (target: MappingTarget): string =>
  target.startsWith('roster.')
    ? (ROSTER_COLUMNS.find((c) => `roster.${c.field}` === target)?.header ?? target)
    : fieldDef(target as RecordField).header;

/** The same headers in the same order make the same signature: a remembered mapping applies. */
export const headerSignature = (columns: readonly HeaderColumn[]): string => columns.map((c) => c.label).join('\u001f');

/** Every target a mapping may name: what the API accepts. */
export const ALL_MAPPING_TARGETS: readonly MappingTarget[] = [
  ...ROSTER_COLUMNS.map((c) => `roster.${c.field}` as MappingTarget),
  ...[...FIELDS_OF.education, ...FIELDS_OF.title, ...FIELDS_OF.assessment, ...FIELDS_OF.ce, ...FIELDS_OF.work].map(
    (def) => def.field,
  ),
];
