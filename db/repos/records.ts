/** A person's records (education, work, titles, assessments, continuing education), by kind. */
import { and, eq, getTableColumns } from 'drizzle-orm';
import type { RecordKind } from '../../shared/domain/enums';
import type { Db } from '../open';
import { assessments, continuingEducation, educations, employees, titles, workHistory } from '../schema';

const TABLES = {
  education: educations,
  work: workHistory,
  title: titles,
  assessment: assessments,
  ce: continuingEducation,
} as const;

/** A stored record as an import compares it: its own fields, and whose it is. */
export interface StoredRecordRow {
  id: number;
  employeeId: number;
  idNumber: string;
  name: string;
  fields: Record<string, unknown>;
}

const BOOKKEEPING = new Set(['id', 'employeeId', 'createdAt', 'updatedAt']);

export function createRecordsRepo(db: Db) {
  const sqlite = db.$client;

  /** Prepared once per kind: an import writes tens of thousands of records in one transaction. */
  const insertStatements = new Map<RecordKind, (values: Record<string, unknown>) => number>();
  function insertStatement(kind: RecordKind) {
    let insert = insertStatements.get(kind);
    if (!insert) {
      const columns = Object.entries(getTableColumns(TABLES[kind])).filter(
        ([key]) => key !== 'id' && key !== 'createdAt' && key !== 'updatedAt',
      );
      const statement = sqlite.prepare(
        `INSERT INTO ${tableName(kind)} (${columns.map(([, c]) => c.name).join(', ')}) VALUES (${columns
          .map(([key]) => `@${key}`)
          .join(', ')})`,
      );
      insert = (values) =>
        Number(
          statement.run(
            Object.fromEntries(
              columns.map(([key, column]) => {
                const value = values[key] ?? column.default ?? null;
                return [key, typeof value === 'boolean' ? Number(value) : value];
              }),
            ),
          ).lastInsertRowid,
        );
      insertStatements.set(kind, insert);
    }
    return insert;
  }
  const tableName = (kind: RecordKind) =>
    ({
      education: 'educations',
      work: 'work_history',
      title: 'titles',
      assessment: 'assessments',
      ce: 'continuing_education',
    })[kind];

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
    /** A new record from an import (validated by its schema). */
    insert(kind: RecordKind, employeeId: number, fields: Record<string, unknown>): number {
      return insertStatement(kind)({ ...fields, employeeId });
    },
    /** Changes some fields of a stored record. */
    update(kind: RecordKind, id: number, fields: Record<string, unknown>): void {
      const table = TABLES[kind];
      db.update(table)
        .set({ ...fields, updatedAt: new Date().toISOString() } as never)
        .where(eq(table.id, id))
        .run();
    },
    /** Every record of a kind with its person. */
    all(kind: RecordKind): StoredRecordRow[] {
      const table = TABLES[kind];
      const rows = db
        .select({ record: table, idNumber: employees.idNumber, name: employees.name })
        .from(table)
        .innerJoin(employees, eq(employees.id, table.employeeId))
        .all() as Array<{
        record: Record<string, unknown> & { id: number; employeeId: number };
        idNumber: string;
        name: string;
      }>;
      return rows.map(({ record, idNumber, name }) => ({
        id: record.id,
        employeeId: record.employeeId,
        idNumber,
        name,
        fields: Object.fromEntries(Object.entries(record).filter(([key]) => !BOOKKEEPING.has(key))),
      }));
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
