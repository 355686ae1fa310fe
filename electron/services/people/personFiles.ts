/**
 * A deleted person's files in the content-addressed library: a file goes only when no remaining
 * document and no intake still under way uses the same bytes (another person may have filed an
 * identical scan, and a letter's seal is shared by every letter).
 */
import { rmSync } from 'node:fs';
import type { DocumentRow, Repos } from '../../../db';
import type { InboxRepo } from '../../../db/repos/inbox';
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

export function removePersonFiles(library: Library, storedPaths: readonly string[]): void {
  for (const storedPath of storedPaths) rmSync(library.absolute(storedPath), { force: true });
}
