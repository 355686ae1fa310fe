/** Suggestions and search by content as the API carries them (routes suggestions.* and documents.search). */
import { z } from 'zod';
import { id } from '../domain/fields';

export const SUGGESTION_KINDS = ['education', 'title', 'assessment', 'ce'] as const;
export const SUGGESTION_STATUSES = ['pending', 'accepted', 'rejected'] as const;

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const Suggestion = z.object({
  id,
  employeeId: id,
  personName: z.string(),
  documentId: id,
  /** The filed document's name, to open it beside the fields. */
  documentName: z.string(),
  materialType: z.string(),
  kind: z.enum(SUGGESTION_KINDS),
  /** The record's fields as read, named as in RecordInput. */
  fields: z.record(z.string(), value),
  status: z.enum(SUGGESTION_STATUSES),
  recordId: z.number().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  /** How the record is named: 「年度考核 2023」. */
  description: z.string(),
  /** A pending one whose record the person already has (same natural key): accepting it updates that record. */
  duplicate: z.object({ recordId: id, description: z.string() }).nullable(),
});
export type Suggestion = z.infer<typeof Suggestion>;

export const DocumentHit = z.object({
  documentId: id,
  personId: id,
  personName: z.string(),
  materialType: z.string(),
  year: z.number().nullable(),
  fileName: z.string(),
  /** The passage around the first match, in parts: `hit` ones are the words searched for. */
  snippet: z.array(z.object({ text: z.string(), hit: z.boolean() })),
});
export type DocumentHit = z.infer<typeof DocumentHit>;

const route = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const suggestionsRoutes = {
  'suggestions.list': route(
    z.object({ employeeId: id.optional(), status: z.enum(SUGGESTION_STATUSES).optional() }),
    z.array(Suggestion),
  ),
  /**
   * Makes the record (with HR's edits over what was read), linked to its document. A record the
   * person already has is refused (CONFLICT, details.recordId) unless `update` says to update it.
   */
  'suggestions.accept': route(
    z.object({
      id,
      fields: z.record(z.string().max(50), z.unknown()).optional(),
      update: z.boolean().default(false),
    }),
    z.object({ suggestion: Suggestion, recordId: id, updated: z.boolean() }),
  ),
  'suggestions.reject': route(z.object({ id }), Suggestion),
  /**
   * Reads a filed document's every page (OCR where there is no text layer), keeps its text for
   * search and offers what it says as suggestions: for a scan the inbox filed by its name unread.
   */
  'documents.read': route(
    z.object({ id, jobId: z.string().max(64).optional() }),
    z.object({ pages: z.number(), ocrPages: z.number(), suggestions: z.number() }),
  ),
  /** Filed documents in use whose text holds every word of the query (「2023年度 基本合格」). */
  'documents.search': route(
    z.object({
      query: z.string().trim().min(1, '请输入要搜索的内容').max(100, '搜索内容不能超过100个字'),
      personId: id.optional(),
    }),
    z.array(DocumentHit),
  ),
} as const;

export const suggestionsEvents = {
  /** A person's suggestions changed (made, accepted, rejected): their page and the counts reload. */
  'suggestions.changed': z.object({ personId: z.number() }),
} as const;
