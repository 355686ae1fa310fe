/**
 * Library files of a deleted person, held beside the backups: the library is content-addressed
 * and backups hold only the database, so a backup made before the deletion still points at these
 * bytes. They leave the library at once, come back when such a backup is restored, and are
 * purged once no remaining backup predates their deletion.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, copyFileSync, utimesSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isStoredPath } from '../library/storedPath';

export const heldFilesDir = (backupsDir: string) => join(backupsDir, 'deleted-files');

function moveFile(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch {
    // Another volume: copy, then remove.
    copyFileSync(from, to);
    rmSync(from, { force: true });
  }
}

/** Moves library files out to the held folder; each file's time becomes its deletion time. */
export function holdFiles(libraryDir: string, heldDir: string, storedPaths: readonly string[]): void {
  const now = new Date();
  // Only the library's own paths: a row from an imported or restored database may point anywhere.
  for (const storedPath of storedPaths.filter(isStoredPath)) {
    const from = join(libraryDir, storedPath);
    if (!existsSync(from)) continue;
    const to = join(heldDir, storedPath);
    moveFile(from, to);
    utimesSync(to, now, now);
  }
}

/** Puts back the held files that restored documents point at. */
export function bringBack(libraryDir: string, heldDir: string, storedPaths: readonly string[]): void {
  for (const storedPath of storedPaths.filter(isStoredPath)) {
    const held = join(heldDir, storedPath);
    const target = join(libraryDir, storedPath);
    if (!existsSync(target) && existsSync(held)) moveFile(held, target);
  }
}

/** Purges held files deleted before `oldestBackup` (no backup left refers to them); all when there is none. */
export function purgeHeld(heldDir: string, oldestBackup: Date | null): void {
  if (!existsSync(heldDir)) return;
  for (const entry of readdirSync(heldDir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (oldestBackup === null || statSync(path).mtime < oldestBackup) rmSync(path, { force: true });
  }
}
