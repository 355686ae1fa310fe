import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../open';
import { auditLog } from '../schema';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: number | null;
  /** Chinese, for people reading the log; never an ID or phone number. */
  detail?: string;
}

export function createAuditRepo(db: Db, actor: string) {
  return {
    record(entry: AuditEntry): void {
      db.insert(auditLog)
        .values({ at: new Date().toISOString(), actor, entityId: null, detail: null, ...entry })
        .run();
    },
    /** Which of these entities have had this action recorded. */
    entitiesWith(entity: string, action: string, ids: readonly number[]): Set<number> {
      if (ids.length === 0) return new Set();
      const rows = db
        .selectDistinct({ id: auditLog.entityId })
        .from(auditLog)
        .where(and(eq(auditLog.entity, entity), eq(auditLog.action, action), inArray(auditLog.entityId, [...ids])))
        .all();
      return new Set(rows.map((r) => r.id!));
    },
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
