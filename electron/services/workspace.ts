/** A workspace folder: the SQLite file plus the document library, and where backups go. */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface WorkspacePaths {
  root: string;
  dbFile: string;
  libraryDir: string;
  backupsDir: string;
}

export function workspacePaths(dataDir: string): WorkspacePaths {
  const root = resolve(dataDir);
  return {
    root,
    dbFile: join(root, 'zhicheng.sqlite'),
    libraryDir: join(root, 'library'),
    backupsDir: join(root, 'backups'),
  };
}

export function ensureWorkspace(dataDir: string): WorkspacePaths {
  const paths = workspacePaths(dataDir);
  for (const dir of [paths.root, paths.libraryDir, paths.backupsDir]) mkdirSync(dir, { recursive: true });
  return paths;
}
