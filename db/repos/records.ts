/** A person's records (education, work, titles, assessments, continuing education), by kind. */
import { and, eq } from 'drizzle-orm';
import type { RecordKind } from '../../shared/domain/enums';
import type { Db } from '../open';
import { assessments, continuingEducation, educations, titles, workHistory } from '../schema';

const TABLES = {
  education: educations,
  work: workHistory,
  title: titles,
  assessment: assessments,
  ce: continuingEducation,
} as const;

export function createRecordsRepo(db: Db) {
  return {
    /** Inserts, or updates the record with `id` when it belongs to the same person. Returns its id. */
    save(kind: RecordKind, employeeId: number, id: number | undefined, fields: Record<string, unknown>): number | null {
      const table = TABLES[kind];
      const values = { ...fields, employeeId };
      if (id === undefined) {
        // drizzle cannot narrow a union of tables; the fields were validated by the record's schema.
        return (
          db
            .insert(table)
            .values(values as never)
            .returning({ id: table.id })
            .get() as { id: number }
        ).id;
      }
      const changed = db
        .update(table)
        .set({ ...values, updatedAt: new Date().toISOString() } as never)
        .where(and(eq(table.id, id), eq(table.employeeId, employeeId)))
        .run().changes;
      return changed > 0 ? id : null;
    },
    /** Deletes a record and returns the person it belonged to, or null when there was none. */
    delete(kind: RecordKind, id: number): number | null {
      const table = TABLES[kind];
      const row = db.delete(table).where(eq(table.id, id)).returning({ employeeId: table.employeeId }).get() as
        { employeeId: number } | undefined;
      return row?.employeeId ?? null;
    },
  };
}
export type RecordsRepo = ReturnType<typeof createRecordsRepo>;
