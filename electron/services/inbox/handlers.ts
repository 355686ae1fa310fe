/** The handlers answering the inbox's routes (shared/inbox/schemas.ts): spread into createHandlers. */
import type { z } from 'zod';
import type { CallContext } from '../../../shared/api/dispatch';
import type { inboxRoutes } from '../../../shared/inbox/schemas';
import type { Jobs } from '../jobs/jobs';
import type { InboxService } from './index';

const fromBase64 = (file: { fileName: string; base64: string }) => ({
  name: file.fileName,
  bytes: new Uint8Array(Buffer.from(file.base64, 'base64')),
});

type In<K extends keyof typeof inboxRoutes> = z.output<(typeof inboxRoutes)[K]['input']>;

const toDocument = (d: {
  id: number;
  employeeId: number | null;
  materialType: string;
  year: number | null;
  title: string | null;
  fileName: string;
  bytes: number;
  pages: number | null;
  source: string;
  originalId: number | null;
  status: 'active' | 'superseded' | 'trashed';
  validUntil: string | null;
  createdAt: string;
}) => ({
  id: d.id,
  employeeId: d.employeeId,
  materialType: d.materialType,
  year: d.year,
  title: d.title,
  fileName: d.fileName,
  bytes: d.bytes,
  pages: d.pages,
  source: d.source,
  originalId: d.originalId,
  status: d.status,
  validUntil: d.validUntil,
  createdAt: d.createdAt,
});

const payload = (fileName: string, bytes: Uint8Array, mime: string) => ({
  fileName,
  base64: Buffer.from(bytes).toString('base64'),
  mime,
});

/**
 * The handlers for `inboxRoutes`: spread into createHandlers' object. With `jobs`, adding and
 * replacing documents report progress and can be cancelled by their jobId; without, only by the
 * caller going away.
 */
export function createInboxHandlers(inbox: InboxService, jobs?: Jobs) {
  const asJob = <T>(
    jobId: string | undefined,
    ctx: CallContext | undefined,
    work: (signal: AbortSignal | undefined, progress: (done: number, total: number) => void) => Promise<T>,
  ): Promise<T> =>
    jobs
      ? jobs.run(jobId, ctx?.signal, (job) => work(job.signal, (done, total) => job.progress('处理材料', done, total)))
      : work(ctx?.signal as AbortSignal | undefined, () => {});
  const folderOut = (f: ReturnType<InboxService['folders']['add']>) => ({
    id: f.id,
    path: f.path,
    label: f.label,
    materialType: f.materialType,
    employeeId: f.employeeId,
    polling: f.polling,
    stableSeconds: f.stableSeconds,
    afterFiling: f.afterFiling,
    deleteAfterDays: f.deleteAfterDays,
    enabled: f.enabled,
  });
  return {
    'inbox.folders.list': () => inbox.folders.list().map(folderOut),
    'inbox.folders.add': (input: In<'inbox.folders.add'>) => folderOut(inbox.folders.add(input)),
    'inbox.folders.update': ({ id: folderId, ...input }: In<'inbox.folders.update'>) =>
      folderOut(inbox.folders.update(folderId, input)),
    'inbox.folders.remove': ({ id: folderId }: In<'inbox.folders.remove'>) => (inbox.folders.remove(folderId), {}),
    'inbox.settings.get': () => inbox.settings.get(),
    'inbox.settings.save': (input: In<'inbox.settings.save'>) =>
      inbox.settings.save({ ...inbox.settings.get(), ...input }),
    'inbox.files': ({ kind, limit }: In<'inbox.files'>) => inbox.pipeline.list(kind, limit),
    'inbox.file': ({ id: fileId }: In<'inbox.file'>) => inbox.pipeline.detail(fileId),
    'inbox.preview': async ({ id: fileId, page }: In<'inbox.preview'>) => {
      const { png, pages } = await inbox.pipeline.preview(fileId, page);
      return { base64: png ? png.toString('base64') : null, pages };
    },
    'inbox.original': async ({ id: fileId }: In<'inbox.original'>) => {
      const original = await inbox.pipeline.original(fileId);
      return payload(original.name, original.bytes, original.mime);
    },
    'inbox.assign': ({ id: fileId, ...input }: In<'inbox.assign'>) => inbox.pipeline.assign(fileId, input),
    'inbox.split': ({ id: fileId, parts }: In<'inbox.split'>) => inbox.pipeline.split(fileId, parts),
    'inbox.retry': ({ id: fileId }: In<'inbox.retry'>) => inbox.pipeline.retry(fileId),
    'inbox.discard': ({ id: fileId }: In<'inbox.discard'>) => inbox.pipeline.discard(fileId),
    'inbox.rescan': async () => {
      await inbox.pipeline.scanAll();
      void inbox.pipeline.processReady();
      return {};
    },
    'inbox.coverSheets': async ({ items }: In<'inbox.coverSheets'>) => ({
      fileName: `扫描封面_${items.length}份.pdf`,
      base64: Buffer.from(await inbox.coverSheets(items)).toString('base64'),
    }),
    'documents.list': ({ employeeId, trashed }: In<'documents.list'>) =>
      inbox.documents.list(employeeId, { trashed }).map(toDocument),
    'documents.add': ({ employeeId, materialType, year, files, jobId }: In<'documents.add'>, ctx?: CallContext) =>
      asJob(jobId, ctx, (signal, onProgress) =>
        inbox.documents.add({ employeeId, materialType, year, files: files.map(fromBase64), signal, onProgress }),
      ),
    'documents.replace': ({ id: documentId, file, jobId }: In<'documents.replace'>, ctx?: CallContext) =>
      asJob(jobId, ctx, (signal, onProgress) =>
        inbox.documents.replace(documentId, fromBase64(file), { signal, onProgress }),
      ),
    'documents.file': ({ id: documentId }: In<'documents.file'>) => {
      const file = inbox.documents.file(documentId);
      return payload(file.fileName, file.bytes, file.mime);
    },
    'documents.update': ({ id: documentId, year, validUntil }: In<'documents.update'>) =>
      toDocument(inbox.documents.update(documentId, { year, validUntil })),
    'documents.trash': ({ id: documentId }: In<'documents.trash'>) => toDocument(inbox.documents.trash(documentId)),
    'documents.restore': ({ id: documentId }: In<'documents.restore'>) =>
      toDocument(inbox.documents.restore(documentId)),
  };
}
