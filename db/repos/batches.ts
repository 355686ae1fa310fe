/** Batches (申报批次) and their declarations, with each status change kept as history. */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { DeclarationStatus, TitleLevel } from '../../shared/domain/enums';
import type { Db } from '../open';
import { batches, declarationStatusHistory, declarations, employees } from '../schema';

export type BatchRow = typeof batches.$inferSelect;
export type BatchFields = Omit<typeof batches.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type DeclarationRow = typeof declarations.$inferSelect;

export interface DeclarationListRow {
  id: number;
  seq: number;
  personId: number;
  name: string;
  idNumber: string;
  department: string | null;
  targetLevel: TitleLevel | null;
  series: string | null;
  specialty: string | null;
  status: DeclarationStatus;
  returnReason: string | null;
}

export function createBatchesRepo(db: Db) {
  return {
    list(): BatchRow[] {
      return db
        .select()
        .from(batches)
        .orderBy(sql`${batches.id} DESC`)
        .all();
    },
    get(id: number): BatchRow | null {
      return db.select().from(batches).where(eq(batches.id, id)).get() ?? null;
    },
    insert(fields: BatchFields): BatchRow {
      return db.insert(batches).values(fields).returning().get();
    },
    update(id: number, fields: BatchFields): BatchRow | null {
      return (
        db
          .update(batches)
          .set({ ...fields, updatedAt: new Date().toISOString() })
          .where(eq(batches.id, id))
          .returning()
          .get() ?? null
      );
    },
    delete(id: number): void {
      db.delete(batches).where(eq(batches.id, id)).run();
    },
    statusCounts(): Array<{ batchId: number; status: DeclarationStatus; n: number }> {
      return db
        .select({ batchId: declarations.batchId, status: declarations.status, n: sql<number>`count(*)` })
        .from(declarations)
        .groupBy(declarations.batchId, declarations.status)
        .all();
    },

    declarations(batchId: number): DeclarationListRow[] {
      return db
        .select({
          id: declarations.id,
          seq: declarations.seq,
          personId: employees.id,
          name: employees.name,
          idNumber: employees.idNumber,
          department: employees.department,
          targetLevel: declarations.targetLevel,
          series: declarations.series,
          specialty: declarations.specialty,
          status: declarations.status,
          returnReason: declarations.returnReason,
        })
        .from(declarations)
        .innerJoin(employees, eq(declarations.employeeId, employees.id))
        .where(eq(declarations.batchId, batchId))
        .orderBy(asc(declarations.seq))
        .all();
    },
    declaration(id: number): DeclarationRow | null {
      return db.select().from(declarations).where(eq(declarations.id, id)).get() ?? null;
    },
    declarationsByIds(ids: readonly number[]): DeclarationRow[] {
      return ids.length === 0
        ? []
        : db
            .select()
            .from(declarations)
            .where(inArray(declarations.id, [...ids]))
            .all();
    },
    findDeclaration(batchId: number, employeeId: number): DeclarationRow | null {
      return (
        db
          .select()
          .from(declarations)
          .where(and(eq(declarations.batchId, batchId), eq(declarations.employeeId, employeeId)))
          .get() ?? null
      );
    },
    addDeclaration(
      fields: {
        batchId: number;
        employeeId: number;
        targetLevel: TitleLevel | null;
        series: string | null;
        specialty: string | null;
      },
      by: string,
    ): DeclarationRow {
      const next = db
        .select({ seq: sql<number>`coalesce(max(${declarations.seq}), 0) + 1` })
        .from(declarations)
        .where(eq(declarations.batchId, fields.batchId))
        .get()!.seq;
      const row = db
        .insert(declarations)
        .values({ ...fields, seq: next })
        .returning()
        .get();
      db.insert(declarationStatusHistory)
        .values({
          declarationId: row.id,
          fromStatus: null,
          toStatus: '准备中',
          reason: null,
          changedBy: by,
          changedAt: new Date().toISOString(),
        })
        .run();
      return row;
    },
    updateDeclaration(
      id: number,
      fields: Partial<Pick<DeclarationRow, 'targetLevel' | 'series' | 'specialty' | 'summary'>>,
    ): void {
      db.update(declarations)
        .set({ ...fields, updatedAt: new Date().toISOString() })
        .where(eq(declarations.id, id))
        .run();
    },
    setStatus(id: number, from: DeclarationStatus, to: DeclarationStatus, reason: string | null, by: string): void {
      const at = new Date().toISOString();
      db.update(declarations)
        .set({ status: to, returnReason: to === '退回修改' ? reason : null, updatedAt: at })
        .where(eq(declarations.id, id))
        .run();
      db.insert(declarationStatusHistory)
        .values({ declarationId: id, fromStatus: from, toStatus: to, reason, changedBy: by, changedAt: at })
        .run();
    },
    history(declarationId: number) {
      return db
        .select()
        .from(declarationStatusHistory)
        .where(eq(declarationStatusHistory.declarationId, declarationId))
        .orderBy(asc(declarationStatusHistory.id))
        .all();
    },
    removeDeclaration(id: number): void {
      db.delete(declarations).where(eq(declarations.id, id)).run();
    },
  };
}
export type BatchesRepo = ReturnType<typeof createBatchesRepo>;
