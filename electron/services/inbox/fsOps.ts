/**
 * The file operations the pipeline does on scan folders, behind one small interface so a test
 * can make the disk misbehave (a locked file, a full disk) without touching the pipeline. Renames
 * and deletes retry briefly in place on the errors antivirus and indexers cause on Windows
 * (graceful-fs style); what still fails goes back to the pipeline's persisted backoff.
 */
import { constants, promises as fs } from 'node:fs';

export interface InboxFs {
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readFile(path: string): Promise<Buffer>;
  stat(path: string): Promise<{ size: number; mtimeMs: number; isFile(): boolean; isDirectory(): boolean }>;
  lstat(path: string): Promise<{ isSymbolicLink(): boolean; isFile(): boolean; isDirectory(): boolean }>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string): Promise<void>;
  access(path: string, mode: number): Promise<void>;
  exists(path: string): Promise<boolean>;
}

export const nodeFs: InboxFs = {
  rename: (from, to) => fs.rename(from, to),
  unlink: (path) => fs.unlink(path),
  readFile: (path) => fs.readFile(path),
  stat: (path) => fs.stat(path),
  lstat: (path) => fs.lstat(path),
  readdir: (path) => fs.readdir(path),
  mkdir: async (path) => {
    await fs.mkdir(path, { recursive: true });
  },
  access: (path, mode) => fs.access(path, mode),
  exists: async (path) => {
    try {
      await fs.access(path, constants.F_OK);
      return true;
    } catch {
      return false;
    }
  },
};

const LOCKED = new Set(['EBUSY', 'EPERM', 'EACCES']);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Retries `work` on lock errors for up to `budgetMs` (Windows: antivirus holds new files briefly). */
export async function withLockRetry<T>(work: () => Promise<T>, budgetMs: number): Promise<T> {
  const started = Date.now();
  for (let wait = 50; ; wait = Math.min(wait * 2, 1000)) {
    try {
      return await work();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (!LOCKED.has(code) || Date.now() - started + wait > budgetMs) throw error;
      await sleep(wait);
    }
  }
}
