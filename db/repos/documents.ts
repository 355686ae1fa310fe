/** Document rows: the metadata of files kept in the workspace library. */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../open';
import { documents } from '../schema';

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocument = Omit<typeof documents.$inferInsert, 'id' | 'createdAt' | 'updatedAt' | 'status'>;

export function createDocumentsRepo(db: Db) {
  return {
    insert(row: NewDocument): DocumentRow {
      return db.insert(documents).values(row).returning().get();
    },
    get(id: number): DocumentRow | null {
      return db.select().from(documents).where(eq(documents.id, id)).get() ?? null;
    },
    /** A person's documents in use, newest first. */
    forPerson(employeeId: number): DocumentRow[] {
      return db
        .select()
        .from(documents)
        .where(and(eq(documents.employeeId, employeeId), eq(documents.status, 'active')))
        .orderBy(desc(documents.id))
        .all();
    },
    bySha256(sha256: string): DocumentRow[] {
      return db.select().from(documents).where(eq(documents.sha256, sha256)).all();
    },
    update(id: number, fields: Partial<Pick<DocumentRow, 'year' | 'validUntil'>>): void {
      db.update(documents)
        .set({ ...fields, updatedAt: new Date().toISOString() })
        .where(eq(documents.id, id))
        .run();
    },
    setStatus(id: number, status: DocumentRow['status']): void {
      db.update(documents).set({ status, updatedAt: new Date().toISOString() }).where(eq(documents.id, id)).run();
    },
    /** Every path the library should hold: what an integrity check compares the folder with. */
    storedPaths(): Array<{ id: number; storedPath: string; sha256: string }> {
      return db
        .select({ id: documents.id, storedPath: documents.storedPath, sha256: documents.sha256 })
        .from(documents)
        .all();
    },
  };
}
export type DocumentsRepo = ReturnType<typeof createDocumentsRepo>;
