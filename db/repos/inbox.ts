/**
 * The scan-folder pipeline's tables: watched folders, the per-file journal and its append-only
 * event log. Every state change goes through `transition`, which writes the row and its event in
 * one transaction; callers that must commit more at once (a document and the state that says it
 * exists) run both inside `repos.transaction` — SQLite nests it as a savepoint.
 */
import { and, asc, desc, eq, inArray, isNull, lte, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { documents, employees, inboxEvents, inboxFiles, watchedFolders } from '../schema';

export type WatchedFolderRow = typeof watchedFolders.$inferSelect;
export type WatchedFolderFields = Omit<typeof watchedFolders.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type InboxFileRow = typeof inboxFiles.$inferSelect;
export type NewInboxFile = Omit<typeof inboxFiles.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;
export type InboxFilePatch = Partial<Omit<InboxFileRow, 'id' | 'createdAt' | 'updatedAt' | 'jobId'>>;
export type InboxEventRow = typeof inboxEvents.$inferSelect;
export type DocumentStatus = (typeof documents.$inferSelect)['status'];

/** States after which the pipeline has nothing more to do with a row on its own. */
export const INBOX_FINAL_STATES = [
  'released',
  'duplicate',
  'quarantined',
  'needs_review',
  'gone',
  'discarded',
] as const;

export interface PersonKey {
  id: number;
  name: string;
  idNumber: string;
  employeeNo: string | null;
}

const now = () => new Date().toISOString();

export function createInboxRepo(db: Db) {
  const event = (fileId: number, state: string, detail: string | null) =>
    db.insert(inboxEvents).values({ fileId, at: now(), state, detail }).run();

  return {
    // ── folders ──
    folders(): WatchedFolderRow[] {
      return db.select().from(watchedFolders).orderBy(asc(watchedFolders.id)).all();
    },
    folder(id: number): WatchedFolderRow | null {
      return db.select().from(watchedFolders).where(eq(watchedFolders.id, id)).get() ?? null;
    },
    folderByPath(path: string): WatchedFolderRow | null {
      return db.select().from(watchedFolders).where(eq(watchedFolders.path, path)).get() ?? null;
    },
    insertFolder(fields: WatchedFolderFields): WatchedFolderRow {
      return db.insert(watchedFolders).values(fields).returning().get();
    },
    updateFolder(id: number, fields: Partial<WatchedFolderFields>): WatchedFolderRow | null {
      return (
        db
          .update(watchedFolders)
          .set({ ...fields, updatedAt: now() })
          .where(eq(watchedFolders.id, id))
          .returning()
          .get() ?? null
      );
    },
    deleteFolder(id: number): boolean {
      return db.delete(watchedFolders).where(eq(watchedFolders.id, id)).run().changes > 0;
    },

    // ── the journal ──
    file(id: number): InboxFileRow | null {
      return db.select().from(inboxFiles).where(eq(inboxFiles.id, id)).get() ?? null;
    },
    insertFile(row: NewInboxFile, detail: string | null = null): InboxFileRow {
      const inserted = db.insert(inboxFiles).values(row).returning().get();
      event(inserted.id, inserted.state, detail);
      return inserted;
    },
    /** Updates a row without a new state (observations, notes). */
    patch(id: number, fields: InboxFilePatch): void {
      db.update(inboxFiles)
        .set({ ...fields, updatedAt: now() })
        .where(eq(inboxFiles.id, id))
        .run();
    },
    /** A new state, its fields and its event, all or nothing. */
    transition(id: number, state: string, fields: InboxFilePatch = {}, detail: string | null = null): InboxFileRow {
      return db.$client.transaction(() => {
        const row = db
          .update(inboxFiles)
          .set({ ...fields, state, updatedAt: now() })
          .where(eq(inboxFiles.id, id))
          .returning()
          .get();
        event(id, state, detail);
        return row;
      })();
    },
    /** Records an error or note in the log without changing the state. */
    note(id: number, detail: string): void {
      const row = db.select({ state: inboxFiles.state }).from(inboxFiles).where(eq(inboxFiles.id, id)).get();
      if (row) event(id, row.state, detail);
    },
    events(fileId: number): InboxEventRow[] {
      return db.select().from(inboxEvents).where(eq(inboxEvents.fileId, fileId)).orderBy(asc(inboxEvents.id)).all();
    },
    /** The row that owns a path in a folder now: the newest one still at its place in the folder. */
    byPath(folderId: number, relPath: string): InboxFileRow[] {
      return db
        .select()
        .from(inboxFiles)
        .where(and(eq(inboxFiles.folderId, folderId), eq(inboxFiles.relPath, relPath), isNull(inboxFiles.parentId)))
        .orderBy(desc(inboxFiles.id))
        .all();
    },
    byClaimedPath(claimedPath: string): InboxFileRow | null {
      return db.select().from(inboxFiles).where(eq(inboxFiles.claimedPath, claimedPath)).get() ?? null;
    },
    /** Rows the pipeline still has to move on, ready now or waiting for a retry. */
    unfinished(): InboxFileRow[] {
      return db
        .select()
        .from(inboxFiles)
        .where(notInArray(inboxFiles.state, [...INBOX_FINAL_STATES]))
        .orderBy(asc(inboxFiles.id))
        .all();
    },
    /** Rows ready to move on now (no retry pending, or its time has come). */
    ready(at: number): InboxFileRow[] {
      return db
        .select()
        .from(inboxFiles)
        .where(
          and(
            notInArray(inboxFiles.state, [...INBOX_FINAL_STATES]),
            or(isNull(inboxFiles.nextAt), lte(inboxFiles.nextAt, at)),
          ),
        )
        .orderBy(asc(inboxFiles.id))
        .all();
    },
    inState(states: readonly string[], folderId?: number): InboxFileRow[] {
      return db
        .select()
        .from(inboxFiles)
        .where(
          and(
            inArray(inboxFiles.state, [...states]),
            folderId === undefined ? undefined : eq(inboxFiles.folderId, folderId),
          ),
        )
        .orderBy(asc(inboxFiles.id))
        .all();
    },
    children(parentId: number): InboxFileRow[] {
      return db.select().from(inboxFiles).where(eq(inboxFiles.parentId, parentId)).orderBy(asc(inboxFiles.id)).all();
    },
    /** Another intake of the same bytes that is still on its way (not a duplicate itself, not given up). */
    liveWithSha(sha256: string, exceptId: number): InboxFileRow | null {
      return (
        db
          .select()
          .from(inboxFiles)
          .where(
            and(
              eq(inboxFiles.sha256, sha256),
              ne(inboxFiles.id, exceptId),
              isNull(inboxFiles.parentId),
              notInArray(inboxFiles.state, ['duplicate', 'quarantined', 'discarded', 'gone']),
              sql`${inboxFiles.id} < ${exceptId}`,
            ),
          )
          .orderBy(asc(inboxFiles.id))
          .get() ?? null
      );
    },
    /** Released sources in the hidden done folder whose time to be deleted has come. */
    purgeable(at: number): InboxFileRow[] {
      return db
        .select()
        .from(inboxFiles)
        .where(and(eq(inboxFiles.state, 'released'), eq(inboxFiles.purged, false), lte(inboxFiles.purgeAt, at)))
        .all();
    },
    counts(): Record<string, number> {
      const rows = db
        .select({ state: inboxFiles.state, n: sql<number>`count(*)` })
        .from(inboxFiles)
        .groupBy(inboxFiles.state)
        .all();
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    },
    recent(limit: number): InboxFileRow[] {
      return db.select().from(inboxFiles).orderBy(desc(inboxFiles.id)).limit(limit).all();
    },

    // ── what matching and filing need from the other tables ──
    people(): PersonKey[] {
      return db
        .select({
          id: employees.id,
          name: employees.name,
          idNumber: employees.idNumber,
          employeeNo: employees.employeeNo,
        })
        .from(employees)
        .all();
    },
    person(id: number): PersonKey | null {
      return (
        db
          .select({
            id: employees.id,
            name: employees.name,
            idNumber: employees.idNumber,
            employeeNo: employees.employeeNo,
          })
          .from(employees)
          .where(eq(employees.id, id))
          .get() ?? null
      );
    },
    /** Documents with these bytes that are in use, or whose derived document is. */
    documentsWithSha(sha256: string): Array<typeof documents.$inferSelect> {
      return db.select().from(documents).where(eq(documents.sha256, sha256)).all();
    },
    /** Active documents made from this original. */
    derivedFrom(originalId: number): Array<typeof documents.$inferSelect> {
      return db
        .select()
        .from(documents)
        .where(and(eq(documents.originalId, originalId), eq(documents.status, 'active')))
        .all();
    },
    /** A person's documents in the given states, newest first. */
    documentsOf(employeeId: number, statuses: readonly DocumentStatus[]): Array<typeof documents.$inferSelect> {
      return db
        .select()
        .from(documents)
        .where(and(eq(documents.employeeId, employeeId), inArray(documents.status, [...statuses])))
        .orderBy(desc(documents.id))
        .all();
    },
    /** File names a person's documents already use (trashed ones too: they can be restored). */
    fileNamesOf(employeeId: number): Set<string> {
      const rows = db
        .select({ fileName: documents.fileName })
        .from(documents)
        .where(and(eq(documents.employeeId, employeeId), ne(documents.status, 'superseded')))
        .all();
      return new Set(rows.map((r) => r.fileName.normalize('NFC').toLowerCase()));
    },
    updateDocument(
      id: number,
      fields: Partial<
        Pick<typeof documents.$inferSelect, 'employeeId' | 'materialType' | 'year' | 'title' | 'status' | 'fileName'>
      >,
    ): void {
      db.update(documents)
        .set({ ...fields, updatedAt: now() })
        .where(eq(documents.id, id))
        .run();
    },
  };
}
export type InboxRepo = ReturnType<typeof createInboxRepo>;
