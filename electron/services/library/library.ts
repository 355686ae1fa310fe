/**
 * The document library: files kept by content (library/ab/<sha256>.<ext>), written to a
 * temporary name, flushed and renamed into place before their row is committed. A crash leaves
 * at worst an orphan file (adopted by the integrity check), never a row without its file.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { DocumentRow, NewDocument, Repos } from '../../../db';
import { materialType } from '../../../shared/domain/materials';

export type StoreRequest = Omit<NewDocument, 'storedPath' | 'sha256' | 'bytes'>;

export const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Writes `bytes` to `file` durably: a temp file in the same folder, fsync, then an atomic rename. */
export function writeFileDurably(file: string, bytes: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

export function createLibrary(libraryDir: string, repos: Repos) {
  const pathFor = (sha256: string, ext: string) => join(sha256.slice(0, 2), `${sha256}${ext.toLowerCase()}`);

  return {
    /** The file's place in the library, relative to it. */
    pathFor,
    absolute: (storedPath: string) => join(libraryDir, storedPath),

    /** Puts the bytes in the library (once per content) and records the document. */
    store(bytes: Uint8Array, request: StoreRequest): DocumentRow {
      const sha256 = sha256Of(bytes);
      const storedPath = pathFor(sha256, extname(request.fileName) || '.bin');
      const file = join(libraryDir, storedPath);
      if (!existsSync(file)) writeFileDurably(file, bytes);
      const validDays = materialType(request.materialType)?.validDays;
      const validUntil =
        request.validUntil ??
        (validDays ? new Date(Date.now() + validDays * 86_400_000).toISOString().slice(0, 10) : null);
      return repos.documents.insert({ ...request, validUntil, storedPath, sha256, bytes: bytes.length });
    },

    read(document: Pick<DocumentRow, 'storedPath'>): Buffer {
      return readFileSync(join(libraryDir, document.storedPath));
    },
  };
}
export type Library = ReturnType<typeof createLibrary>;
