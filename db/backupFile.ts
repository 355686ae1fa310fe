/**
 * Database backups as files: SQLite's online backup of the live connection (never a raw copy of
 * a WAL database), made self-contained (rollback journal) and verified by opening the copy and
 * running `PRAGMA integrity_check`. A JSON file beside each backup keeps what was found, so a
 * list of backups does not reopen every file.
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const BACKUP_KINDS = ['daily', 'manual', 'pre-migration', 'pre-restore'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export interface DatabaseCounts {
  people: number;
  documents: number;
  batches: number;
}

export interface DatabaseInspection {
  /** How many migrations the file has applied: what "newer schema" is measured by. */
  schemaVersion: number;
  counts: DatabaseCounts;
  /** `integrity_check`'s findings; empty when the file is sound. */
  problems: string[];
}

export interface BackupInfo extends DatabaseInspection {
  name: string;
  file: string;
  kind: BackupKind;
  createdAt: string;
  bytes: number;
  verified: boolean;
}

const NAME = /^zhicheng-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z)-([a-z-]+)\.sqlite$/;

export function backupName(kind: BackupKind, at: Date): string {
  return `zhicheng-${at.toISOString().replace(/[:.]/g, '-')}-${kind}.sqlite`;
}

export function parseBackupName(name: string): { kind: BackupKind; createdAt: string } | null {
  const match = NAME.exec(name);
  if (!match || !(BACKUP_KINDS as readonly string[]).includes(match[2]!)) return null;
  const [date, time] = match[1]!.split('T') as [string, string];
  const [h, m, s, ms] = time.split('-');
  return { kind: match[2] as BackupKind, createdAt: `${date}T${h}:${m}:${s}.${ms}` };
}

export function appliedMigrations(sqlite: Database.Database): number {
  const tracked = sqlite
    .prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get() as { n: number };
  if (tracked.n === 0) return 0;
  return (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
}

export function knownMigrations(migrationsFolder: string): number {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export function countRecords(sqlite: Database.Database): DatabaseCounts {
  const count = (sql: string) => {
    try {
      return (sqlite.prepare(sql).get() as { n: number }).n;
    } catch {
      return 0; // a database from before the table existed
    }
  };
  return {
    people: count('SELECT count(*) AS n FROM employees'),
    documents: count("SELECT count(*) AS n FROM documents WHERE status <> 'trashed'"),
    batches: count('SELECT count(*) AS n FROM batches'),
  };
}

export function integrityProblems(sqlite: Database.Database, quick = false): string[] {
  const rows = sqlite.pragma(quick ? 'quick_check(20)' : 'integrity_check(20)') as Array<Record<string, string>>;
  const found = rows.map((row) => Object.values(row)[0] ?? '').filter((text) => text !== 'ok');
  return found;
}

/** Opens a database file on its own and reports its version, counts and integrity. */
export function inspectDatabaseFile(file: string): DatabaseInspection {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    const problems = integrityProblems(sqlite);
    return { schemaVersion: appliedMigrations(sqlite), counts: countRecords(sqlite), problems };
  } catch (error) {
    return {
      schemaVersion: 0,
      counts: { people: 0, documents: 0, batches: 0 },
      problems: [(error as Error).message],
    };
  } finally {
    sqlite.close();
  }
}

const sidecar = (file: string) => `${file}.json`;

/**
 * Copies the live database into `dir` with SQLite's online backup, switches the copy to a
 * rollback journal (one file, no -wal beside it), verifies it and records what it holds.
 */
export async function writeBackup(
  sqlite: Database.Database,
  dir: string,
  kind: BackupKind,
  at = new Date(),
): Promise<BackupInfo> {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, backupName(kind, at));
  const temp = join(dir, `.${randomBytes(4).toString('hex')}.partial`);
  try {
    await sqlite.backup(temp);
    const copy = new Database(temp);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return recordBackup(file, inspectDatabaseFile(file));
}

function recordBackup(file: string, inspection: DatabaseInspection): BackupInfo {
  const parsed = parseBackupName(basename(file))!;
  const info: BackupInfo = {
    ...inspection,
    ...parsed,
    name: basename(file),
    file,
    bytes: statSync(file).size,
    verified: inspection.problems.length === 0,
  };
  writeFileSync(sidecar(file), JSON.stringify({ ...info, file: undefined }, null, 2));
  return info;
}

/** A backup's record, from its sidecar, or by inspecting the file when there is none. */
export function readBackup(file: string): BackupInfo | null {
  if (!parseBackupName(basename(file)) || !existsSync(file)) return null;
  try {
    const stored = JSON.parse(readFileSync(sidecar(file), 'utf8')) as Omit<BackupInfo, 'file'>;
    return { ...stored, file };
  } catch {
    return recordBackup(file, inspectDatabaseFile(file));
  }
}

export function deleteBackup(file: string): void {
  rmSync(file, { force: true });
  rmSync(sidecar(file), { force: true });
}

export interface DocumentFileRow {
  id: number;
  storedPath: string;
  sha256: string;
  fileName: string;
  person: string | null;
  materialType: string;
}

/** Every document row with the file it needs and whose it is: what the integrity check walks. */
export const documentFiles = (sqlite: Database.Database) =>
  sqlite
    .prepare(
      `SELECT d.id, d.stored_path AS storedPath, d.sha256, d.file_name AS fileName, d.material_type AS materialType,
              e.name AS person
         FROM documents d LEFT JOIN employees e ON e.id = d.employee_id ORDER BY d.id`,
    )
    .all() as DocumentFileRow[];

/** Opens a database file that is not the live workspace (a staged import, a backup's copy) for `use`, then closes it. */
export function withDatabaseFile<T>(file: string, use: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    return use(sqlite);
  } finally {
    sqlite.close();
  }
}
