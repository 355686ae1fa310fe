import type { InboxFileRow } from '../../../db/repos/inbox';

/**
 * The row of one part of a scan split into several (by cover sheets, or by hand in review): the
 * scan's secured original, some of its pages. `tag` keeps the part's job id apart from its siblings'.
 */
export function partRow(scan: InboxFileRow, tag: string, pages: number[], originalDocId: number | null) {
  return {
    folderId: scan.folderId,
    parentId: scan.id,
    jobId: `${scan.jobId}-${tag}`,
    relPath: scan.relPath,
    sourceName: `${scan.sourceName}（第 ${pages[0]}–${pages.at(-1)} 页）`,
    claimedPath: null,
    size: scan.size,
    mtimeMs: scan.mtimeMs,
    sameSince: scan.sameSince,
    sha256: scan.sha256,
    bytes: scan.bytes,
    storedPath: scan.storedPath,
    kind: scan.kind,
    pages: pages.length,
    originalDocId,
    partPages: JSON.stringify(pages),
  };
}
