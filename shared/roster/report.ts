/** What an import (or its preview) tells the user: the counts, every error, and what changes. */
import { z } from 'zod';

export const RowError = z.object({
  /** The row number as Excel shows it (the header is usually row 1); 0 for the file as a whole. */
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
});
export type RowError = z.infer<typeof RowError>;

export const RowChange = z.object({
  row: z.number().int(),
  name: z.string(),
  idNumber: z.string(),
  kind: z.enum(['new', 'changed']),
  fields: z.array(z.object({ column: z.string(), before: z.string().nullable(), after: z.string().nullable() })),
});
export type RowChange = z.infer<typeof RowChange>;

export const ImportReport = z.object({
  ok: z.boolean(),
  /** Nothing was written: the file had errors and only-valid-rows was not chosen, or it was cancelled. */
  refused: z.boolean(),
  /** A preview: counts say what would happen; nothing was written. */
  dryRun: z.boolean(),
  totalRows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(RowError),
  /** The rows that are new or changed, with the changed fields; capped at MAX_CHANGES_LISTED. */
  changes: z.array(RowChange),
  changesTruncated: z.boolean(),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const MAX_CHANGES_LISTED = 1000;
