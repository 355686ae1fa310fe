/**
 * Opens a workspace database: WAL, foreign keys and a busy timeout, then the committed
 * migrations, after an online backup of the file whenever there is something to migrate.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import { appliedMigrations, integrityProblems, knownMigrations, writeBackup } from './backupFile';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenDatabaseOptions {
  file: string;
  /** Where pre-migration backups go. */
  backupDir: string;
  /** The committed drizzle migrations; the packaged app ships them as a resource. */
  migrationsFolder?: string;
  /** better-sqlite3's addon built for Electron's ABI (the app), when node_modules holds Node's. */
  nativeBinding?: string;
  /** Off for scratch copies (a backup being restored is migrated without backing it up again). */
  backupBeforeMigrating?: boolean;
}

export interface OpenedDatabase {
  db: Db;
  sqlite: Database.Database;
  /** The backup made before migrating, if any. */
  backupFile: string | null;
  /** The file had no tables before this open: a new workspace. */
  created: boolean;
  migrationsFolder: string;
  close(): void;
}

export const DEFAULT_MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

const pendingMigrations = (sqlite: Database.Database, migrationsFolder: string): number =>
  knownMigrations(migrationsFolder) - appliedMigrations(sqlite);

const hasUserTables = (sqlite: Database.Database) =>
  (
    sqlite
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .get() as { n: number }
  ).n > 0;

export const WORKSPACE_IN_USE = '该工作区正被另一个职称申报工作台（或命令行）使用，请先关闭它再打开';

/**
 * One process per workspace: the connection holds SQLite's exclusive lock for its whole life
 * (set before WAL is first used, so no shared-memory index lets another process in). The OS
 * drops the lock when the process ends, even by kill -9, so it can never go stale.
 */
function takeExclusiveLock(sqlite: Database.Database): void {
  sqlite.pragma('busy_timeout = 1500');
  sqlite.pragma('locking_mode = EXCLUSIVE');
  try {
    sqlite.pragma('journal_mode = WAL');
    sqlite.exec('BEGIN IMMEDIATE; COMMIT');
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new WorkspaceInUseError();
    throw error;
  }
}

export class WorkspaceInUseError extends Error {
  constructor() {
    super(WORKSPACE_IN_USE);
    this.name = 'WorkspaceInUseError';
  }
}

export const NEWER_SCHEMA = '该工作区的数据库来自更新版本的程序，请升级本程序后再打开';

/** The file is not a sound SQLite database: truncated, a page overwritten, or not a database at all. */
export class DatabaseCorruptError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`数据库文件已损坏，无法打开（${detail}）`);
    this.name = 'DatabaseCorruptError';
  }
}

const CORRUPT_CODES = /^SQLITE_(CORRUPT|NOTADB|IOERR_SHORT_READ)/;
const isCorruption = (error: unknown) => CORRUPT_CODES.test((error as { code?: string }).code ?? '');

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const migrationsFolder = options.migrationsFolder ?? DEFAULT_MIGRATIONS;
  let sqlite: Database.Database;
  try {
    sqlite = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    if (isCorruption(error)) throw new DatabaseCorruptError(options.file, (error as Error).message);
    throw error;
  }
  try {
    takeExclusiveLock(sqlite);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    // A damaged page may sit anywhere: look at every page now rather than fail mid-task later.
    const problems = integrityProblems(sqlite, true);
    if (problems.length > 0) throw new DatabaseCorruptError(options.file, problems[0]!);

    let backupFile: string | null = null;
    const created = !hasUserTables(sqlite);
    const pending = pendingMigrations(sqlite, migrationsFolder);
    if (pending < 0) throw new Error(NEWER_SCHEMA);
    if (pending > 0 && !created && options.backupBeforeMigrating !== false) {
      backupFile = (await writeBackup(sqlite, options.backupDir, 'pre-migration')).file;
    }
    const db = drizzle(sqlite, { schema });
    if (pending > 0) migrate(db, { migrationsFolder });
    return { db, sqlite, backupFile, created, migrationsFolder, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    if (isCorruption(error)) throw new DatabaseCorruptError(options.file, (error as Error).message);
    throw error;
  }
}
