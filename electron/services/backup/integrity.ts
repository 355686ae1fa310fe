/**
 * The workspace's integrity: the database's own check, every document row's file present with
 * its sha256, and files in the library no row points at. Repair adopts what can be adopted (a
 * file whose content some row is missing) and sets aside what cannot be trusted, never deleting.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { documentFiles, integrityProblems, type SqliteConnection } from '../../../db';
import type { IntegrityReport } from '../../../shared/workspace/schemas';
import { isStoredPath } from '../library/storedPath';

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const full = join(at, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export interface IntegrityDeps {
  sqlite: SqliteConnection;
  libraryDir: string;
  /** Stops a background check when the app closes. */
  cancelled?: () => boolean;
}

const libraryName = /^[0-9a-f]{2}\/([0-9a-f]{64})(\.[a-z0-9]+)?$/;

export async function checkIntegrity(deps: IntegrityDeps, now = new Date()): Promise<IntegrityReport> {
  const { sqlite, libraryDir } = deps;
  const database = integrityProblems(sqlite);
  const foreignKeys = (sqlite.pragma('foreign_key_check') as unknown[]).length;
  if (foreignKeys > 0) database.push(`有 ${foreignKeys} 处数据引用不完整（外键检查）`);
  const rows = documentFiles(sqlite);
  const expected = new Set(rows.map((r) => r.storedPath));

  const missing: IntegrityReport['missing'] = [];
  const altered: IntegrityReport['missing'] = [];
  const hashes = new Map<string, string>(); // storedPath → actual sha256, each file hashed once
  for (const row of rows) {
    if (deps.cancelled?.()) break;
    const file = join(libraryDir, row.storedPath);
    const problem = { id: row.id, fileName: row.fileName, person: row.person, materialType: row.materialType };
    // A path not of the library's form names no library file: missing, and never touched.
    if (!isStoredPath(row.storedPath) || !existsSync(file)) {
      missing.push({ ...problem, storedPath: row.storedPath });
      continue;
    }
    let actual = hashes.get(row.storedPath);
    if (actual === undefined) {
      try {
        actual = await sha256File(file);
      } catch (error) {
        // Removed while the check ran (a person deleted meanwhile): the next check sees where it is.
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      hashes.set(row.storedPath, actual);
    }
    if (actual !== row.sha256) altered.push({ ...problem, storedPath: row.storedPath });
  }

  const orphans: IntegrityReport['orphans'] = [];
  for (const path of listFiles(libraryDir)) {
    if (expected.has(path)) continue;
    const file = join(libraryDir, path);
    const match = libraryName.exec(path);
    // A file named for its content with that content is a library file whose row never committed.
    const sound = match !== null && (await sha256File(file)) === match[1];
    orphans.push({ path, bytes: statSync(file).size, sound });
  }

  const ok = database.length === 0 && missing.length === 0 && altered.length === 0;
  return { checkedAt: now.toISOString(), ok, database, documents: rows.length, missing, altered, orphans };
}

export interface RepairResult {
  adopted: number;
  setAside: string[];
}

/**
 * Puts right what the library itself can: a missing or altered file whose content lies in the
 * library under another name is moved into place; altered files and stray pieces (not named for
 * their content) go to `library-set-aside/`, so the report shows what only the user can replace.
 */
export async function repairLibrary(report: IntegrityReport, libraryDir: string, setAsideDir: string) {
  const result: RepairResult = { adopted: 0, setAside: [] };
  const setAside = (path: string) => {
    const target = join(setAsideDir, `${new Date().toISOString().replace(/[:.]/g, '-')}_${basename(path)}`);
    mkdirSync(setAsideDir, { recursive: true });
    renameSync(join(libraryDir, path), target);
    result.setAside.push(path);
  };
  for (const problem of report.altered) if (isStoredPath(problem.storedPath)) setAside(problem.storedPath);

  const needed = new Map<string, string>(); // sha256 → storedPath wanting it
  for (const problem of [...report.missing, ...report.altered]) {
    const match = /([0-9a-f]{64})/.exec(problem.storedPath);
    if (match && isStoredPath(problem.storedPath)) needed.set(match[1]!, problem.storedPath);
  }
  for (const orphan of report.orphans) {
    const file = join(libraryDir, orphan.path);
    if (!existsSync(file)) continue;
    const sha = await sha256File(file);
    const wanted = needed.get(sha);
    if (wanted && !existsSync(join(libraryDir, wanted))) {
      mkdirSync(dirname(join(libraryDir, wanted)), { recursive: true });
      renameSync(file, join(libraryDir, wanted));
      result.adopted++;
    } else if (!orphan.sound) {
      setAside(orphan.path);
    }
  }
  return result;
}
