/** What an import (or its preview) tells the user: the counts, every error, and what changes. */
import { z } from 'zod';
import { IMPORT_KINDS } from '../records/columns';

export const RowError = z.object({
  /** The row number as Excel shows it (the header is usually row 1); 0 for the file as a whole. */
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
  /** The row's 姓名, so the error table says whose row it is. */
  name: z.string().nullish(),
});
export type RowError = z.infer<typeof RowError>;

export const RowChange = z.object({
  row: z.number().int(),
  name: z.string(),
  idNumber: z.string(),
  kind: z.enum(['new', 'changed']),
  /** The record a records import changes (「年度考核 2023」); absent for the person's own fields. */
  subject: z.string().optional(),
  fields: z.array(z.object({ column: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});
export type RowChange = z.infer<typeof RowChange>;

/** A column of the file and what it was taken as; `unknown` ones are what the mapping step asks about. */
export const ImportColumn = z.object({
  label: z.string(),
  /** A record field (`title.name`), a roster column (`roster.phone`), or null when not used. */
  target: z.string().nullable(),
  /** What the target is called, for the user. */
  targetLabel: z.string().nullable(),
  status: z.enum(['known', 'mapped', 'ignored', 'unknown', 'unused']),
});
export type ImportColumn = z.infer<typeof ImportColumn>;

const RecordCounts = z.object({ education: z.number().int(), title: z.number().int() });

export const ImportReport = z.object({
  ok: z.boolean(),
  /** Nothing was written: the file had errors and only-valid-rows was not chosen, or it was cancelled. */
  refused: z.boolean(),
  /** A preview: counts say what would happen; nothing was written. */
  dryRun: z.boolean(),
  /** 台账/名单 (people and their highest education and title), or one kind of record. */
  kind: z.enum(IMPORT_KINDS),
  shape: z.enum(['long', 'wide', 'ledger']),
  totalRows: z.number().int(),
  /** People for a roster or ledger; records for a records sheet. */
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** Footer rows (制表人, 合计, notes) with no person: left out, not errors. */
  skipped: z.number().int(),
  /** A ledger's education and title records: new, and changed. */
  records: RecordCounts.optional(),
  recordsUpdated: RecordCounts.optional(),
  errors: z.array(RowError),
  /** Told once for the file: columns left out, synonyms mapped, values taken by rule. */
  notices: z.array(z.string()),
  columns: z.array(ImportColumn),
  /** Where the mapping step may send a column, for this kind of sheet. */
  mappingTargets: z.array(z.object({ target: z.string(), label: z.string() })),
  /** The rows that are new or changed, with the changed fields; capped at MAX_CHANGES_LISTED. */
  changes: z.array(RowChange),
  changesTruncated: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const MAX_CHANGES_LISTED = 1000;
