/**
 * Records read from documents become records only when HR says so: suggest() keeps what a filed
 * document says (one pending suggestion per document and kind), accept() makes the ordinary record
 * from it — HR's edits validated as any record is — linked to its document, reject() sets it aside.
 */
import type { Repos, SuggestionFilter, SuggestionRow } from '../../../db';
import { describeZodError } from '../../../shared/api/dispatch';
import { AppError, notFound } from '../../../shared/api/errors';
import { RECORD_LABELS } from '../../../shared/domain/enums';
import {
  AssessmentFields,
  CeFields,
  EducationFields,
  RecordInput,
  TitleFields,
  type PersonDetail,
} from '../../../shared/domain/schemas';
import type { SuggestedFields, SuggestionKind } from '../../../shared/reading/types';
import type { Suggestion } from '../../../shared/reading/suggestions';
import { describeRecord, naturalKey } from '../../../shared/records/plan';
import type { EmitEvent } from '../events';

/** The fields each kind's record has (what a reading may fill), from the record schemas. */
const ownFields = (schema: { shape: object }) =>
  Object.keys(schema.shape).filter((key) => key !== 'id' && key !== 'employeeId');
const FIELDS: Record<SuggestionKind, readonly string[]> = {
  education: ownFields(EducationFields),
  title: ownFields(TitleFields),
  assessment: ownFields(AssessmentFields),
  ce: ownFields(CeFields),
};

const KINDS = Object.keys(FIELDS) as SuggestionKind[];

const isBlank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && !value.trim());

/** Only the record's own fields, and only those with a value. */
function cleanFields(kind: SuggestionKind, fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    FIELDS[kind].filter((key) => !isBlank(fields[key])).map((key) => [key, fields[key]] as const),
  );
}

const RECORDS_OF: Record<SuggestionKind, (detail: PersonDetail) => Array<{ id: number } & object>> = {
  education: (d) => d.educations,
  title: (d) => d.titles,
  assessment: (d) => d.assessments,
  ce: (d) => d.ce,
};

type Parsed = { ok: true; fields: Record<string, unknown> } | { ok: false; message: string };

/** The record as RecordInput makes it (normalised dates, numbers), without kind and owner. */
function parseRecord(kind: SuggestionKind, employeeId: number, fields: Record<string, unknown>): Parsed {
  const parsed = RecordInput.safeParse({ ...fields, kind, employeeId });
  if (!parsed.success) return { ok: false, message: describeZodError(parsed.error) };
  const { kind: _kind, employeeId: _owner, id: _id, ...rest } = parsed.data as Record<string, unknown>;
  return { ok: true, fields: rest };
}

export function createSuggestions(repos: Repos, emit: EmitEvent) {
  /** The person's record with the same natural key as these fields, if any. */
  function duplicateOf(row: Pick<SuggestionRow, 'kind' | 'employeeId'>, fields: Record<string, unknown>) {
    const detail = repos.people.detail(row.employeeId);
    if (!detail) return null;
    const key = naturalKey(row.kind, fields);
    const found = RECORDS_OF[row.kind](detail).find(
      (record) => naturalKey(row.kind, record as Record<string, unknown>) === key,
    );
    return found
      ? { recordId: found.id, description: describeRecord(row.kind, found as Record<string, unknown>) }
      : null;
  }

  function present(row: SuggestionRow): Suggestion {
    const parsed = parseRecord(row.kind, row.employeeId, row.fields);
    const fields = parsed.ok ? parsed.fields : row.fields;
    return {
      id: row.id,
      employeeId: row.employeeId,
      personName: row.personName,
      documentId: row.documentId,
      documentName: row.documentName,
      materialType: row.materialType,
      kind: row.kind,
      fields: row.fields as Suggestion['fields'],
      status: row.status,
      recordId: row.recordId,
      decidedAt: row.decidedAt,
      createdAt: row.createdAt,
      description: describeRecord(row.kind, row.fields),
      duplicate: row.status === 'pending' ? duplicateOf(row, fields) : null,
    };
  }

  function pendingOrThrow(id: number): SuggestionRow {
    const row = repos.suggestions.get(id);
    if (!row) throw notFound('该识别结果');
    if (row.status !== 'pending')
      throw new AppError('CONFLICT', `该识别结果已${row.status === 'accepted' ? '采用' : '忽略'}，不能再处理`);
    if (row.documentStatus !== 'active')
      throw new AppError('CONFLICT', `材料「${row.documentName}」已不在使用中（已删除或被替换），不能采用其识别结果`);
    return row;
  }

  function changed(personId: number): void {
    emit('suggestions.changed', { personId });
    // The people list's counts, the person page's records and eligibility all follow people.changed.
    emit('people.changed', {});
  }

  return {
    /**
     * What a filed document says about its person's records: one pending suggestion per kind
     * present. Reading the same document again updates its pending suggestions and never duplicates
     * them; one HR has accepted or rejected stays as decided.
     */
    suggest(documentId: number, employeeId: number, fields: SuggestedFields) {
      const made = repos.transaction(() =>
        KINDS.flatMap((kind) => {
          const read = cleanFields(kind, (fields[kind] ?? {}) as Record<string, unknown>);
          if (Object.keys(read).length === 0) return [];
          return [{ kind, ...repos.suggestions.upsert(employeeId, documentId, kind, read) }];
        }),
      );
      if (made.some((m) => m.outcome !== 'decided')) changed(employeeId);
      return made;
    },

    list(filter: SuggestionFilter = {}): Suggestion[] {
      return repos.suggestions.list(filter).map(present);
    },

    /**
     * Makes the record from what was read with HR's `edits` over it, linked to its document, in one
     * transaction with the suggestion's decision and the audit entry. A record the person already
     * has (same natural key) is refused unless `update`: then only the fields read or edited are
     * written over it.
     */
    accept(id: number, edits: Record<string, unknown> = {}, options: { update?: boolean } = {}) {
      const result = repos.transaction(() => {
        const row = pendingOrThrow(id);
        const merged = { ...row.fields, ...edits };
        const parsed = parseRecord(row.kind, row.employeeId, merged);
        if (!parsed.ok) throw new AppError('BAD_INPUT', parsed.message);
        const duplicate = duplicateOf(row, parsed.fields);
        if (duplicate && !options.update)
          throw new AppError(
            'CONFLICT',
            `${row.personName}已有这条${RECORD_LABELS[row.kind]}记录（${duplicate.description}），可更新原记录或忽略此识别结果`,
            { recordId: duplicate.recordId },
          );
        let recordId: number;
        if (duplicate) {
          const given = Object.keys(merged).filter((key) => key in parsed.fields && !isBlank(merged[key]));
          const update = Object.fromEntries(given.map((key) => [key, parsed.fields[key]]));
          repos.records.update(row.kind, duplicate.recordId, { ...update, documentId: row.documentId });
          recordId = duplicate.recordId;
        } else {
          recordId = repos.records.save(row.kind, row.employeeId, undefined, {
            ...parsed.fields,
            documentId: row.documentId,
          })!;
        }
        if (!repos.suggestions.decide(id, 'accepted', recordId)) throw new AppError('CONFLICT', '该识别结果已被处理');
        repos.audit.record({
          action: duplicate ? '采用识别结果（更新原记录）' : '采用识别结果',
          entity: 'record_suggestions',
          entityId: id,
          detail: `${row.personName} ${describeRecord(row.kind, parsed.fields)}（来自材料「${row.documentName}」）`,
        });
        return { row, recordId, updated: duplicate !== null };
      });
      changed(result.row.employeeId);
      return {
        suggestion: present(repos.suggestions.get(id)!),
        recordId: result.recordId,
        updated: result.updated,
      };
    },

    reject(id: number): Suggestion {
      const row = repos.transaction(() => {
        const found = repos.suggestions.get(id);
        if (!found) throw notFound('该识别结果');
        if (found.status !== 'pending' || !repos.suggestions.decide(id, 'rejected', null))
          throw new AppError('CONFLICT', `该识别结果已${found.status === 'accepted' ? '采用' : '处理'}，不能再忽略`);
        repos.audit.record({
          action: '忽略识别结果',
          entity: 'record_suggestions',
          entityId: id,
          detail: `${found.personName} ${describeRecord(found.kind, found.fields)}（来自材料「${found.documentName}」）`,
        });
        return found;
      });
      changed(row.employeeId);
      return present(repos.suggestions.get(id)!);
    },
  };
}
export type SuggestionsService = ReturnType<typeof createSuggestions>;
