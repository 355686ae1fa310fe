/**
 * A deleted person's files in the content-addressed library: a file goes only when no remaining
 * document and no intake still under way uses the same bytes (another person may have filed an
 * identical scan, and a letter's seal is shared by every letter).
 */
import type { DocumentRow, Repos } from '../../../db';
import type { InboxRepo } from '../../../db/repos/inbox';
import { holdFiles } from '../backup/heldFiles';
import type { Library } from '../library/library';

/** Called inside the deleting transaction, after the person's rows are gone. */
export function unsharedFiles(
  repos: Repos,
  inbox: InboxRepo,
  deleted: readonly Pick<DocumentRow, 'storedPath' | 'sha256'>[],
): string[] {
  const inUseByIntake = new Set(
    inbox.unfinished().flatMap((row) => [row.storedPath, row.workPath].filter((p): p is string => !!p)),
  );
  const paths = new Map(deleted.map((doc) => [doc.storedPath, doc.sha256]));
  return [...paths]
    .filter(
      ([storedPath, sha256]) =>
        !inUseByIntake.has(storedPath) &&
        !repos.documents.bySha256(sha256).some((doc) => doc.storedPath === storedPath),
    )
    .map(([storedPath]) => storedPath);
}

/** Out of the library, held with the backups that may still need them (see heldFiles.ts). */
export function removePersonFiles(library: Library, heldDir: string, storedPaths: readonly string[]): void {
  holdFiles(library.dir, heldDir, storedPaths);
}
