/**
 * The document library: files kept by content (library/ab/<sha256>.<ext>), written to a
 * temporary name, flushed and renamed into place before their row is committed. A crash leaves
 * at worst an orphan file (adopted by the integrity check), never a row without its file.
 */
import { defaultValidUntil } from '../inbox/validity';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  readdirSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { DocumentRow, NewDocument, Repos } from '../../../db';
import { libraryExtension, libraryFile } from './storedPath';

export type StoreRequest = Omit<NewDocument, 'storedPath' | 'sha256' | 'bytes'>;

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Writes `bytes` to `file` durably: a temp file in the same folder, fsync, then an atomic rename. */
export function writeFileDurably(file: string, bytes: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    try {
      // writeSync may write less than asked (a disk filling up, a file-size limit): write the
      // rest, and the call that cannot write at all throws. Unchecked, a short write kept a cut-off file.
      for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (error) {
    // A failed write leaves nothing behind: no temp file, no file under its final name.
    rmSync(temp, { force: true });
    throw error;
  }
}

/** The names writeFileDurably (and its async twin in letters/filing.ts) give a write in flight. */
export const TEMP_NAME = /\.[0-9a-f]{8}\.tmp$/;

/**
 * Removes what writes cut short by a crash left behind: temp files in the library's folders.
 * Only ever called while this process holds the workspace (the database's exclusive lock), before
 * any write starts, so every temp file found is stale.
 */
export function sweepStaleTemps(libraryDir: string): string[] {
  const removed: string[] = [];
  if (!existsSync(libraryDir)) return removed;
  for (const entry of readdirSync(libraryDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    for (const name of readdirSync(join(libraryDir, entry.name))) {
      if (!TEMP_NAME.test(name)) continue;
      rmSync(join(libraryDir, entry.name, name), { force: true });
      removed.push(join(entry.name, name));
    }
  }
  return removed;
}

export function createLibrary(libraryDir: string, repos: Repos) {
  sweepStaleTemps(libraryDir);
  const pathFor = (sha256: string, ext: string) => join(sha256.slice(0, 2), `${sha256}${libraryExtension(ext)}`);

  return {
    /** The library folder itself. */
    dir: libraryDir,
    /** The file's place in the library, relative to it. */
    pathFor,
    /** Refuses a path that is not the library's own form (a database may have come from elsewhere). */
    absolute: (storedPath: string) => libraryFile(libraryDir, storedPath),

    /** Puts the bytes in the library (once per content) and records the document. */
    store(bytes: Uint8Array, request: StoreRequest): DocumentRow {
      const sha256 = sha256Of(bytes);
      const storedPath = pathFor(sha256, extname(request.fileName) || '.bin');
      const file = join(libraryDir, storedPath);
      if (!existsSync(file)) writeFileDurably(file, bytes);
      const validUntil = request.validUntil ?? defaultValidUntil(request.materialType, new Date(), repos);
      return repos.documents.insert({ ...request, validUntil, storedPath, sha256, bytes: bytes.length });
    },

    read(document: Pick<DocumentRow, 'storedPath'>): Buffer {
      return readFileSync(libraryFile(libraryDir, document.storedPath));
    },
  };
}
export type Library = ReturnType<typeof createLibrary>;
