/**
 * Opens a workspace database: WAL, foreign keys and a busy timeout, then the committed
 * migrations, after an online backup of the file whenever there is something to migrate.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
}

export interface OpenedDatabase {
  db: Db;
  sqlite: Database.Database;
  /** The backup made before migrating, if any. */
  backupFile: string | null;
  close(): void;
}

export const DEFAULT_MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

function pendingMigrations(sqlite: Database.Database, migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  const tracked = sqlite
    .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get() as { n: number };
  if (tracked.n === 0) return journal.entries.length;
  const applied = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
  return journal.entries.length - applied.n;
}

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

export async function openDatabase(options: OpenDatabaseOptions): Promise<OpenedDatabase> {
  const migrationsFolder = options.migrationsFolder ?? DEFAULT_MIGRATIONS;
  const sqlite = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    takeExclusiveLock(sqlite);
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');

    let backupFile: string | null = null;
    const pending = pendingMigrations(sqlite, migrationsFolder);
    if (pending < 0) {
      throw new Error('该工作区的数据库来自更新版本的程序，请升级本程序后再打开');
    }
    if (pending > 0 && hasUserTables(sqlite)) {
      mkdirSync(options.backupDir, { recursive: true });
      backupFile = join(options.backupDir, `pre-migration-${new Date().toISOString().replace(/[:.]/g, '-')}.sqlite`);
      await sqlite.backup(backupFile);
    }
    const db = drizzle(sqlite, { schema });
    if (pending > 0) migrate(db, { migrationsFolder });
    return { db, sqlite, backupFile, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}
