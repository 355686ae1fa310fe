/**
 * The inbox's part of the API: watched folders, the live file list, the review queue, cover
 * sheets and a person's documents. Spread into shared/api/contract.ts.
 */
import { z } from 'zod';
import { optionalDate } from '../domain/fields';

const id = z.number().int().positive();
const route = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const none = z.object({});

/** A material's year: from 1950 to next year (a certificate dated ahead is a typing slip past that). */
const documentYear = z
  .number()
  .int('年份应为整数')
  .min(1950, '年份不能早于1950年')
  .refine((year) => year <= new Date().getFullYear() + 1, '年份不能晚于明年');

export const INBOX_STATE_NAMES = [
  'detected',
  'stable',
  'claimed',
  'secured',
  'validated',
  'read',
  'matched',
  'split',
  'converted',
  'compressed',
  'filed',
  'released',
  'needs_review',
  'duplicate',
  'quarantined',
  'gone',
  'discarded',
] as const;

export const WatchedFolder = z.object({
  id: z.number(),
  path: z.string(),
  label: z.string().nullable(),
  materialType: z.string().nullable(),
  employeeId: z.number().nullable(),
  polling: z.boolean().nullable(),
  stableSeconds: z.number().nullable(),
  afterFiling: z.enum(['move', 'delete']),
  deleteAfterDays: z.number(),
  enabled: z.boolean(),
});

export const FolderInput = z.object({
  path: z.string().trim().min(1, '请选择要监视的文件夹'),
  label: z.string().trim().max(50).nullish(),
  materialType: z.string().nullish(),
  employeeId: id.nullish(),
  polling: z.boolean().nullish(),
  stableSeconds: z.number().int().min(0).max(600).nullish(),
  afterFiling: z.enum(['move', 'delete']).optional(),
  deleteAfterDays: z.number().int().min(0).max(3650).optional(),
  enabled: z.boolean().optional(),
});

export const InboxFile = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  path: z.string(),
  state: z.enum(INBOX_STATE_NAMES),
  label: z.string(),
  personId: z.number().nullable(),
  personIdNumber: z.string().nullable(),
  personName: z.string().nullable(),
  materialType: z.string().nullable(),
  year: z.number().nullable(),
  documentId: z.number().nullable(),
  outputName: z.string().nullable(),
  outputBytes: z.number().nullable(),
  pages: z.number().nullable(),
  message: z.string().nullable(),
});

export const InboxFileDetail = InboxFile.extend({
  reviewReason: z.string().nullable(),
  lastError: z.string().nullable(),
  attempt: z.number(),
  nextAt: z.number().nullable(),
  candidates: z.array(z.object({ employeeId: z.number(), name: z.string(), by: z.string() })),
  partPages: z.array(z.number()).nullable(),
  events: z.array(z.object({ at: z.string(), state: z.string(), detail: z.string().nullable() })),
});

export const InboxSettingsSchema = z.object({
  nameTemplate: z.string().trim().min(1).max(120),
  defaultLimitKb: z.number().int().min(10).max(200_000),
  achievementsLimitKb: z.number().int().min(10).max(200_000),
  limitsKb: z.record(z.string(), z.number().int().min(10).max(200_000)),
});

export const PersonDocument = z.object({
  id: z.number(),
  employeeId: z.number().nullable(),
  materialType: z.string(),
  year: z.number().nullable(),
  title: z.string().nullable(),
  fileName: z.string(),
  bytes: z.number(),
  pages: z.number().nullable(),
  source: z.string(),
  originalId: z.number().nullable(),
  status: z.enum(['active', 'superseded', 'trashed']),
  /** For a 学信网备案表: the last day it is valid. */
  validUntil: z.string().nullable(),
  createdAt: z.string(),
});

const FilePayload = z.object({ fileName: z.string().min(1, '缺少文件名'), base64: z.string() });
const AddedDocument = z.object({
  name: z.string(),
  documentId: z.number(),
  originalDocumentId: z.number(),
  fileName: z.string(),
  bytes: z.number(),
  pages: z.number().nullable(),
  changed: z.boolean(),
  /** Identical to a document this person already has: linked to it, not filed again. */
  duplicate: z.boolean(),
});

export const inboxRoutes = {
  'inbox.folders.list': route(none, z.array(WatchedFolder)),
  'inbox.folders.add': route(FolderInput, WatchedFolder),
  'inbox.folders.update': route(FolderInput.partial().extend({ id }), WatchedFolder),
  'inbox.folders.remove': route(z.object({ id }), none),
  'inbox.settings.get': route(none, InboxSettingsSchema),
  'inbox.settings.save': route(InboxSettingsSchema.partial(), InboxSettingsSchema),
  /** The live list: files on their way, or the latest ones. */
  'inbox.files': route(
    z.object({
      kind: z.enum(['active', 'recent', 'review', 'quarantine', 'duplicate']),
      limit: z.number().int().max(1000).optional(),
    }),
    z.array(InboxFile),
  ),
  'inbox.file': route(z.object({ id }), InboxFileDetail),
  /** Page 1 (or `page`) of the original as a PNG; null when the page is not a scan (vector text). */
  'inbox.preview': route(
    z.object({ id, page: z.number().int().positive().optional() }),
    z.object({ base64: z.string().nullable(), pages: z.number().nullable() }),
  ),
  /** The secured original (a PDF or an image), for pages the PNG preview cannot draw (vector text). */
  'inbox.original': route(z.object({ id }), FilePayload.extend({ mime: z.string() })),
  'inbox.assign': route(
    z.object({
      id,
      employeeId: id,
      materialType: z.string().min(1),
      year: documentYear.nullish(),
    }),
    InboxFile,
  ),
  /** Splits a multi-page scan in review by page ranges (the file's own page numbers) among people and types. */
  'inbox.split': route(
    z.object({
      id,
      parts: z
        .array(
          z.object({
            from: z.number().int().positive(),
            to: z.number().int().positive(),
            employeeId: id,
            materialType: z.string().min(1),
            year: documentYear.nullish(),
          }),
        )
        .min(1, '请至少指定一段页码')
        .max(100),
    }),
    z.array(InboxFile),
  ),
  'inbox.retry': route(z.object({ id }), InboxFile),
  'inbox.discard': route(z.object({ id }), InboxFile),
  'inbox.rescan': route(none, none),
  'inbox.coverSheets': route(
    z.object({
      items: z
        .array(z.object({ employeeId: id, materialType: z.string().min(1), year: documentYear.nullish() }))
        .min(1, '请至少选择一人一种材料')
        .max(500),
    }),
    FilePayload,
  ),
  'documents.list': route(z.object({ employeeId: id, trashed: z.boolean().optional() }), z.array(PersonDocument)),
  'documents.add': route(
    z.object({
      employeeId: id,
      materialType: z.string().min(1),
      year: documentYear.nullish(),
      files: z.array(FilePayload).min(1, '请选择文件'),
      jobId: z.string().max(64).optional(),
    }),
    z.array(AddedDocument),
  ),
  'documents.replace': route(z.object({ id, file: FilePayload, jobId: z.string().max(64).optional() }), AddedDocument),
  /** A document's stored bytes (the filed PDF, or an original by its own id), for preview and download. */
  'documents.file': route(z.object({ id }), FilePayload.extend({ mime: z.string() })),
  /** Only the fields given change: a missing one is kept, a null one cleared. */
  'documents.update': route(
    z.object({
      id,
      year: documentYear.nullish(),
      validUntil: optionalDate('有效期至', true).optional(),
    }),
    PersonDocument,
  ),
  'documents.trash': route(z.object({ id }), PersonDocument),
  'documents.restore': route(z.object({ id }), PersonDocument),
} as const;

const FileEvent = z.object({
  fileId: z.number(),
  folderId: z.number().nullable(),
  parentId: z.number().nullable(),
  name: z.string(),
  state: z.enum(INBOX_STATE_NAMES),
  label: z.string(),
  personId: z.number().nullable(),
  personName: z.string().nullable(),
  materialType: z.string().nullable(),
  year: z.number().nullable(),
  documentId: z.number().nullable(),
  message: z.string().nullable(),
});

export const inboxEvents = {
  /** A file moved on: the live list updates its row. */
  'inbox.file': FileEvent,
  /** A watched folder went offline or came back. */
  'inbox.folder': z.object({
    folderId: z.number(),
    path: z.string(),
    status: z.enum(['online', 'offline']),
    message: z.string().nullable(),
  }),
  /** Needs the user: a full disk, an unreachable folder. */
  'inbox.alert': z.object({ kind: z.enum(['disk-full', 'folder-offline', 'stuck']), message: z.string() }),
  /** A person's documents changed: their page refreshes. */
  'inbox.documents': z.object({ personId: z.number() }),
} as const;
