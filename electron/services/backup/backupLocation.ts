/**
 * Where backups go: the workspace's own `backups/` unless the user chose another folder (another
 * disk, a network drive), so that losing the disk does not lose the backups too. The choice is
 * kept in a small file in the workspace root, not in the database: a backup is needed most when
 * the database cannot be opened. An imported workspace starts without it (an archive holds only
 * the database and the library), and a restored backup cannot change it.
 *
 * Backups go into a folder of this workspace's own inside the chosen one, so two workspaces backing
 * up to one share never rotate away each other's. Backups made before a change stay where they
 * were; the workspace's own folder is always listed too.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { writeFileDurably } from '../library/library';

export const LOCATION_FILE = 'backup-location.json';

export interface BackupLocation {
  /** The folder the user chose, or null for the workspace's own backups folder. */
  folder: string | null;
  /** Where new backups are written. */
  dir: string;
  /** Where backups are looked for: the chosen location's, then the workspace's own. */
  dirs: string[];
  /** The workspace's own folder: the fallback, and where deleted people's files are held. */
  home: string;
}

interface Stored {
  folder: string | null;
  /** Names this workspace's folder inside the chosen one; kept when the folder changes. */
  id: string;
}

const isFullPath = (path: string) => isAbsolute(path) || /^(\\\\|\/\/)/.test(path);

/** The stored choice; a missing, damaged or odd file counts as no choice. */
function readStored(root: string): Stored | null {
  try {
    const value = JSON.parse(readFileSync(join(root, LOCATION_FILE), 'utf8')) as Partial<Stored> | null;
    if (typeof value?.id !== 'string' || !/^[0-9a-f]{8}$/.test(value.id)) return null;
    const folder = typeof value.folder === 'string' && isFullPath(value.folder) ? value.folder : null;
    return { folder, id: value.id };
  } catch {
    return null;
  }
}

export const backupFolderName = (id: string) => `职称申报备份_${id}`;

export function backupLocation(root: string): BackupLocation {
  const home = join(root, 'backups');
  const stored = readStored(root);
  if (!stored?.folder) return { folder: null, dir: home, dirs: [home], home };
  const dir = join(stored.folder, backupFolderName(stored.id));
  return { folder: stored.folder, dir, dirs: [dir, home], home };
}

/** Keeps the user's choice (already checked), or goes back to the workspace's own folder with null. */
export function chooseBackupFolder(root: string, folder: string | null): BackupLocation {
  const id = readStored(root)?.id ?? randomBytes(4).toString('hex');
  const stored: Stored = { folder, id };
  writeFileDurably(join(root, LOCATION_FILE), new TextEncoder().encode(`${JSON.stringify(stored, null, 2)}\n`));
  return backupLocation(root);
}

/** Whether the chosen folder is there now (a network drive may be disconnected). */
export function reachable(location: BackupLocation): boolean {
  if (location.folder === null) return true;
  try {
    return statSync(location.folder).isDirectory();
  } catch {
    return false;
  }
}

export const unreachableMessage = (folder: string) =>
  `备份位置「${folder}」现在无法访问（网络驱动器未连接或文件夹已移走）。请连接后重试，或在「设置 › 数据与备份」中更换备份位置`;
