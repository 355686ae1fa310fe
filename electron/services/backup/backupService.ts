/**
 * Backups of the open workspace: one automatically on the first start of each day (and before
 * every migration, in db/open.ts), 立即备份 on demand, rotation to 7 daily and 4 weekly, and
 * restore of a chosen backup after backing up the current state. They go where backupLocation.ts
 * says; the automatic ones fall back to the workspace's own folder while a chosen one is out of reach.
 */
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  deleteBackup,
  inspectDatabaseFile,
  knownMigrations,
  openDatabase,
  readBackup,
  restoreInto,
  writeBackup,
  type BackupInfo,
  type BackupKind,
  type SqliteConnection,
} from '../../../db';
import { AppError } from '../../../shared/api/errors';
import { distrustDatabase, heldBackNotice } from './distrust';
import { bringBack, heldFilesDir, purgeHeld } from './heldFiles';
import { backupsToKeep, isSameDay } from './rotation';
import { backupLocation, reachable, unreachableMessage, type BackupLocation } from './backupLocation';

export interface BackupServiceDeps {
  sqlite: SqliteConnection;
  /** The workspace's own backups folder: restore scratch and deleted people's held files live here. */
  backupsDir: string;
  libraryDir: string;
  /** Where backups go and are looked for, read at each use (default: `backupsDir` alone). */
  location?: () => BackupLocation;
  migrationsFolder: string;
  /** The clock, injected so rotation can be tested across weeks. */
  now?: () => Date;
}

export interface RestoreResult {
  from: BackupInfo;
  safety: BackupInfo;
  missingFiles: number;
  /** Watched folders the backup had on that are not on now: turned off until the user turns them on. */
  notice: string | null;
}

export const newerSchemaMessage = (theirs: number, ours: number) =>
  `该备份来自更新版本的程序（数据库版本 ${theirs}，本程序为 ${ours}），不能恢复；请先升级本程序`;

/** The backups in these folders, newest first; a name found twice is listed once (the first folder's). */
export function listBackups(dirs: readonly string[]): BackupInfo[] {
  const found = new Map<string, BackupInfo>();
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.sqlite') && !found.has(n))) {
      const backup = readBackup(join(dir, name));
      if (backup) found.set(name, backup);
    }
  }
  return [...found.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** A backup being written (db/backupFile.ts) and a restore's working copy: each a whole database. */
const BACKUP_SCRATCH = /^\.([0-9a-f]{8}\.partial|restore-[0-9a-f]{8}\.sqlite(-journal)?)$/;

/**
 * At start-up, with the workspace held by this process: removes what a killed backup or restore
 * left in the backup folders (copies of every 身份证号, on a network drive perhaps).
 */
export function sweepBackupScratch(dirs: readonly string[]): void {
  for (const dir of dirs) {
    try {
      for (const name of readdirSync(dir).filter((n) => BACKUP_SCRATCH.test(n)))
        rmSync(join(dir, name), { force: true });
    } catch {
      // A folder not there (yet, or a disconnected drive): nothing to sweep now.
    }
  }
}

/** Every backup of the workspace at `root`, found without opening its database. */
export const workspaceBackups = (root: string) => listBackups(backupLocation(root).dirs);

export function createBackupService(deps: BackupServiceDeps) {
  const now = deps.now ?? (() => new Date());
  const schemaVersion = knownMigrations(deps.migrationsFolder);
  let lastRestore: { at: string; from: BackupInfo; safety: BackupInfo } | null = null;

  const location =
    deps.location ?? (() => ({ folder: null, dir: deps.backupsDir, dirs: [deps.backupsDir], home: deps.backupsDir }));
  const list = () => listBackups(location().dirs);

  function rotate(): string[] {
    const where = location();
    const backups = list();
    const keep = backupsToKeep(backups, now());
    const dropped = backups.filter((b) => !keep.has(b.name));
    for (const backup of dropped) deleteBackup(backup.file);
    // list() is newest first: the last one kept is the oldest. With the chosen folder out of
    // reach its backups are unseen, and one of them may still need a held file: purge nothing.
    const oldest = backups.filter((b) => keep.has(b.name)).at(-1);
    if (reachable(where)) purgeHeld(heldFilesDir(deps.backupsDir), oldest ? new Date(oldest.createdAt) : null);
    return dropped.map((b) => b.name);
  }

  /**
   * 立即备份 goes where the user chose or nowhere; a backup the app makes by itself (daily,
   * before a restore) is better in the workspace's own folder than not made at all.
   */
  function write(kind: BackupKind): Promise<BackupInfo> {
    const where = location();
    const ok = reachable(where);
    if (!ok && kind === 'manual') throw new AppError('REFUSED', `${unreachableMessage(where.folder!)}；未备份`);
    return writeBackup(deps.sqlite, ok ? where.dir : where.home, kind, now());
  }

  async function create(kind: BackupKind): Promise<BackupInfo> {
    const info = await write(kind);
    rotate();
    return info;
  }

  function find(name: string): BackupInfo {
    const backup = list().find((b) => b.name === name);
    if (!backup) throw new AppError('NOT_FOUND', `找不到备份「${name}」`);
    return backup;
  }

  /** Copies the backup aside and brings it to this program's schema, so its rows fit the live tables. */
  async function preparedCopy(backup: BackupInfo, version: number): Promise<string> {
    const copy = join(deps.backupsDir, `.restore-${randomBytes(4).toString('hex')}.sqlite`);
    copyFileSync(backup.file, copy);
    if (version < schemaVersion) {
      const opened = await openDatabase({
        file: copy,
        backupDir: deps.backupsDir,
        migrationsFolder: deps.migrationsFolder,
        backupBeforeMigrating: false,
      });
      opened.sqlite.pragma('journal_mode = DELETE');
      opened.close();
    }
    return copy;
  }

  const enabledFolders = () =>
    new Set(
      (deps.sqlite.prepare('SELECT path FROM watched_folders WHERE enabled = 1').all() as Array<{ path: string }>).map(
        (row) => row.path,
      ),
    );

  const storedPaths = () =>
    (deps.sqlite.prepare('SELECT stored_path AS p FROM documents').all() as Array<{ p: string }>).map((row) => row.p);

  return {
    list,
    rotate,
    /** 立即备份. */
    create: () => create('manual'),
    /** The start-up backup: once a day, whatever made the day's first backup. */
    async dailyIfDue(): Promise<BackupInfo | null> {
      if (list().some((b) => isSameDay(new Date(b.createdAt), now()))) return null;
      return create('daily');
    },
    get lastRestore() {
      return lastRestore;
    },
    schemaVersion,

    async restore(name: string): Promise<RestoreResult> {
      const backup = find(name);
      // Verified again now: the file may have changed since the backup was made.
      const inspection = inspectDatabaseFile(backup.file);
      if (inspection.problems.length > 0)
        throw new AppError('REFUSED', `该备份未通过完整性检查，不能恢复：${inspection.problems[0]}`);
      if (inspection.schemaVersion > schemaVersion)
        throw new AppError('REFUSED', newerSchemaMessage(inspection.schemaVersion, schemaVersion));
      const safety = await write('pre-restore');
      const copy = await preparedCopy(backup, inspection.schemaVersion);
      let notice: string | null;
      try {
        notice = heldBackNotice(distrustDatabase(copy, '备份', enabledFolders()));
        restoreInto(deps.sqlite, copy);
      } finally {
        rmSync(copy, { force: true });
        rmSync(`${copy}-journal`, { force: true });
      }
      lastRestore = { at: now().toISOString(), from: backup, safety };
      // A deleted person's files come back with the rows that point at them.
      const paths = storedPaths();
      bringBack(deps.libraryDir, heldFilesDir(deps.backupsDir), paths);
      rotate();
      const missingFiles = paths.filter((p) => !existsSync(join(deps.libraryDir, p))).length;
      return { from: backup, safety, missingFiles, notice };
    },
  };
}
export type BackupService = ReturnType<typeof createBackupService>;
