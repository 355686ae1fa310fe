/**
 * Records read from filed documents, waiting for HR (「从材料识别，待确认」). One row per document
 * and kind: reading a document again updates its pending suggestion; a decided one is never
 * touched again.
 */
import type { SuggestionKind } from '../../shared/reading/types';
import type { Db } from '../open';

export type SuggestionStatus = 'pending' | 'accepted' | 'rejected';

export interface SuggestionRow {
  id: number;
  employeeId: number;
  personName: string;
  documentId: number;
  documentName: string;
  materialType: string;
  documentStatus: 'active' | 'superseded' | 'trashed';
  kind: SuggestionKind;
  fields: Record<string, unknown>;
  status: SuggestionStatus;
  recordId: number | null;
  decidedAt: string | null;
  createdAt: string;
}

export interface SuggestionFilter {
  employeeId?: number;
  documentId?: number;
  status?: SuggestionStatus;
}

const SELECT = `
SELECT s.id, s.employee_id AS employeeId, e.name AS personName, s.document_id AS documentId,
       d.file_name AS documentName, d.material_type AS materialType, d.status AS documentStatus,
       s.kind, s.fields, s.status, s.record_id AS recordId, s.decided_at AS decidedAt, s.created_at AS createdAt
FROM record_suggestions s
JOIN employees e ON e.id = s.employee_id
JOIN documents d ON d.id = s.document_id`;

const parse = (row: Omit<SuggestionRow, 'fields'> & { fields: string }): SuggestionRow => ({
  ...row,
  fields: JSON.parse(row.fields) as Record<string, unknown>,
});

export function createSuggestionsRepo(db: Db) {
  const sqlite = db.$client;
  const byId = sqlite.prepare(`${SELECT} WHERE s.id = ?`);
  const byDocumentKind = sqlite.prepare('SELECT id, status FROM record_suggestions WHERE document_id = ? AND kind = ?');
  const insert = sqlite.prepare(
    'INSERT INTO record_suggestions (employee_id, document_id, kind, fields) VALUES (?, ?, ?, ?)',
  );
  const refresh = sqlite.prepare(
    `UPDATE record_suggestions SET employee_id = ?, fields = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')
     WHERE id = ? AND status = 'pending'`,
  );
  const decide = sqlite.prepare(
    `UPDATE record_suggestions SET status = ?, record_id = ?, decided_at = ?,
       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now') WHERE id = ? AND status = 'pending'`,
  );

  return {
    /**
     * The suggestion of this document and kind: made, or its fields replaced while it is pending.
     * Returns its id and what happened; a decided one is left as it was.
     */
    upsert(
      employeeId: number,
      documentId: number,
      kind: SuggestionKind,
      fields: Record<string, unknown>,
    ): { id: number; outcome: 'created' | 'updated' | 'decided' } {
      const json = JSON.stringify(fields);
      const found = byDocumentKind.get(documentId, kind) as { id: number; status: SuggestionStatus } | undefined;
      if (!found)
        return { id: Number(insert.run(employeeId, documentId, kind, json).lastInsertRowid), outcome: 'created' };
      if (found.status !== 'pending') return { id: found.id, outcome: 'decided' };
      refresh.run(employeeId, json, found.id);
      return { id: found.id, outcome: 'updated' };
    },
    get(id: number): SuggestionRow | null {
      const row = byId.get(id) as Parameters<typeof parse>[0] | undefined;
      return row ? parse(row) : null;
    },
    /**
     * Newest first. Pending ones only while their document is in use: a document moved to the
     * trash (filed to the wrong person, say) takes its suggestions out of sight until restored.
     */
    list(filter: SuggestionFilter = {}): SuggestionRow[] {
      const where = ["(s.status <> 'pending' OR d.status = 'active')"];
      const params: unknown[] = [];
      if (filter.employeeId !== undefined) {
        where.push('s.employee_id = ?');
        params.push(filter.employeeId);
      }
      if (filter.documentId !== undefined) {
        where.push('s.document_id = ?');
        params.push(filter.documentId);
      }
      if (filter.status !== undefined) {
        where.push('s.status = ?');
        params.push(filter.status);
      }
      const rows = sqlite.prepare(`${SELECT} WHERE ${where.join(' AND ')} ORDER BY s.id DESC`).all(...params) as Array<
        Parameters<typeof parse>[0]
      >;
      return rows.map(parse);
    },
    /** Marks a pending suggestion decided; false when it was not pending (decided meanwhile). */
    decide(id: number, status: Exclude<SuggestionStatus, 'pending'>, recordId: number | null): boolean {
      return decide.run(status, recordId, new Date().toISOString(), id).changes > 0;
    },
  };
}
export type SuggestionsRepo = ReturnType<typeof createSuggestionsRepo>;
