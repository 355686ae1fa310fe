import type { InboxFileRow } from '../../../db/repos/inbox';
import { safeFileName } from '../../../shared/validation/fileNames';
import type { FileKind } from '../pdf/sniff';
import type { InboxContext } from './context';

/** Material type of an original that is not yet (or not only) one person's. */
export const ORIGINAL_TYPE = '扫描原件';

const KIND_MIME: Partial<Record<FileKind, string>> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  heic: 'image/heic',
};

/** The secured original's document row: kept, never used in a kit (the document made from it is). */
export function insertOriginal(ctx: InboxContext, row: InboxFileRow): number {
  const { repos } = ctx;
  const doc = repos.documents.insert({
    employeeId: null,
    declarationId: null,
    materialType: ORIGINAL_TYPE,
    year: null,
    title: `原件：${row.sourceName}`,
    fileName: safeFileName(row.sourceName),
    storedPath: row.storedPath!,
    sha256: row.sha256!,
    bytes: row.bytes!,
    mime: KIND_MIME[row.kind as FileKind] ?? 'application/octet-stream',
    pages: row.pages,
    source: '扫描',
    originalId: null,
    validUntil: null,
  });
  repos.documents.setStatus(doc.id, 'superseded');
  return doc.id;
}
