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
  };
}
export type AuditRepo = ReturnType<typeof createAuditRepo>;
