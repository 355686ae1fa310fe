/**
 * Moving a workspace: the database (a consistent online-backup snapshot) and every library file
 * in one zip with a manifest of each file's sha256. Both directions stream through fixed-size
 * chunks, so a library of several GB never sits in memory. Import unpacks into a staging folder
 * inside the target, checks every hash and the database, and only then moves it all into place.
 */
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { inspectDatabaseFile, knownMigrations, type DatabaseCounts, type SqliteConnection } from '../../../db';
import { AppError } from '../../../shared/api/errors';
import { diskFailure } from '../library/diskErrors';
import { distrustDatabase, heldBackNotice } from './distrust';
import { listFiles } from './integrity';
import { openArchive, readEntries, readEntry, ZipFormatError, type ZipEntry } from './zipReader';

export const ARCHIVE_FORMAT = 'zhicheng-workspace';
const DB_ENTRY = 'zhicheng.sqlite';
const MANIFEST = 'manifest.json';
const LIBRARY_ENTRY = /^library\/[0-9a-f]{2}\/[0-9a-f]{64}(\.[a-z0-9]{1,10})?$/;
const CHUNK = 1 << 20;

export interface Manifest {
  format: typeof ARCHIVE_FORMAT;
  version: 1;
  createdAt: string;
  appVersion: string;
  schemaVersion: number;
  counts: DatabaseCounts;
  files: Array<{ path: string; bytes: number; sha256: string }>;
}

export interface ExportOptions {
  sqlite: SqliteConnection;
  libraryDir: string;
  out: string;
  appVersion: string;
  migrationsFolder: string;
}

/**
 * Both hold every 身份证号: the database snapshot stays inside the workspace (never in the
 * user's folder), and a marker there names the archive being written, so a start after a crash
 * finds and removes both (sweepInterruptedExports).
 */
const EXPORT_SCRATCH = /^\.export-[0-9a-f]{8}\./;
const PARTIAL = /\.[0-9a-f]{8}\.partial$/;

/** At start-up, with the workspace held by this process: removes what a killed export left. */
export function sweepInterruptedExports(root: string): void {
  if (!existsSync(root)) return;
  for (const name of readdirSync(root).filter((n) => EXPORT_SCRATCH.test(n))) {
    const file = join(root, name);
    if (name.endsWith('.json')) {
      try {
        const { partial } = JSON.parse(readFileSync(file, 'utf8')) as { partial?: unknown };
        if (typeof partial === 'string' && PARTIAL.test(partial)) rmSync(partial, { force: true });
      } catch {
        // An unreadable marker names nothing we could safely remove.
      }
    }
    rmSync(file, { force: true });
  }
}

/** Writes the archive to `out` (through a temporary name: a failed export leaves nothing). */
export async function exportWorkspace(options: ExportOptions): Promise<{ file: string; bytes: number; files: number }> {
  try {
    return await writeArchive(options);
  } catch (error) {
    throw diskFailure(error, '导出工作区', '没有留下未写完的文件，工作区数据没有改动') ?? error;
  }
}

async function writeArchive(options: ExportOptions): Promise<{ file: string; bytes: number; files: number }> {
  const { out } = options;
  mkdirSync(dirname(out), { recursive: true });
  const suffix = randomBytes(4).toString('hex');
  const scratch = dirname(options.libraryDir);
  const snapshot = join(scratch, `.export-${suffix}.sqlite`);
  const marker = join(scratch, `.export-${suffix}.json`);
  const partial = `${out}.${suffix}.partial`;
  writeFileSync(marker, JSON.stringify({ partial }));
  const fd = openSync(partial, 'w');
  let zipError: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) zipError = error;
    else writeSync(fd, chunk);
  });
  const files: Manifest['files'] = [];
  const buffer = Buffer.alloc(CHUNK); // one buffer for every file: 20,000 small files, not 20 GB of zeroing

  async function add(path: string, file: string, compress: boolean): Promise<void> {
    const entry = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    zip.add(entry);
    const hash = createHash('sha256');
    const handle = await open(file, 'r');
    let bytes = 0;
    try {
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
        const chunk = buffer.subarray(0, bytesRead);
        hash.update(chunk);
        bytes += bytesRead;
        entry.push(new Uint8Array(chunk), bytesRead === 0);
        if (zipError) throw zipError;
        if (bytesRead === 0) break;
      }
    } finally {
      await handle.close();
    }
    files.push({ path, bytes, sha256: hash.digest('hex') });
  }

  try {
    await options.sqlite.backup(snapshot);
    const inspection = inspectSnapshot(snapshot);
    await add(DB_ENTRY, snapshot, true);
    // Library files are PDFs and images, already compressed: stored as they are.
    for (const path of listFiles(options.libraryDir).filter((p) => LIBRARY_ENTRY.test(`library/${p}`)))
      await add(`library/${path}`, join(options.libraryDir, path), false);
    const manifest: Manifest = {
      format: ARCHIVE_FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      appVersion: options.appVersion,
      schemaVersion: inspection.schemaVersion,
      counts: inspection.counts,
      files,
    };
    const manifestEntry = new ZipDeflate(MANIFEST, { level: 6 });
    zip.add(manifestEntry);
    manifestEntry.push(new TextEncoder().encode(JSON.stringify(manifest, null, 1)), true);
    zip.end();
    if (zipError) throw zipError;
    fsyncSync(fd);
    closeSync(fd);
    renameSync(partial, out);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    rmSync(partial, { force: true });
    throw error;
  } finally {
    for (const file of [snapshot, `${snapshot}-journal`, marker]) rmSync(file, { force: true });
  }
  return { file: out, bytes: statSync(out).size, files: files.length };
}

function inspectSnapshot(file: string) {
  const inspection = inspectDatabaseFile(file);
  if (inspection.problems.length > 0)
    throw new AppError('REFUSED', `数据库未通过完整性检查，未导出：${inspection.problems[0]}`);
  return inspection;
}

const refuse = (message: string) => new AppError('REFUSED', message);

const STAGING = /^\.import-[0-9a-f]{8}$/;

/**
 * A target the import may fill: missing, or an empty folder. What an import killed half-way left
 * (its staging folder, and the library it had moved in before the database, which goes last) is
 * removed first, so the retry works.
 */
function assertEmptyTarget(target: string): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw refuse(`「${target}」不是文件夹`);
  const names = readdirSync(target);
  if (names.some((n) => STAGING.test(n)) && names.every((n) => STAGING.test(n) || n === 'library'))
    for (const name of names) rmSync(join(target, name), { recursive: true, force: true });
  if (readdirSync(target).length > 0)
    throw refuse(`目标文件夹「${target}」不是空的：导入只写入空文件夹，不会覆盖已有的工作区`);
}

export interface ImportResult {
  target: string;
  files: number;
  counts: DatabaseCounts;
  /** What was held back until the user turns it on (watched folders), or null. */
  notice: string | null;
}

export async function importWorkspace(archive: string, target: string, migrationsFolder: string) {
  try {
    return await importInto(archive, target, migrationsFolder);
  } catch (error) {
    throw diskFailure(error, '导入工作区', '目标文件夹中没有留下导入了一半的文件') ?? error;
  }
}

async function importInto(archive: string, target: string, migrationsFolder: string): Promise<ImportResult> {
  if (!existsSync(archive)) throw new AppError('NOT_FOUND', `找不到归档文件「${archive}」`);
  assertEmptyTarget(target);
  mkdirSync(target, { recursive: true });
  const staging = join(target, `.import-${randomBytes(4).toString('hex')}`);
  mkdirSync(staging);
  const moved: string[] = [];
  try {
    const manifest = await unpackVerified(archive, staging);
    const db = inspectDatabaseFile(join(staging, DB_ENTRY));
    if (db.problems.length > 0) throw refuse(`归档中的数据库未通过完整性检查：${db.problems[0]}`);
    if (db.schemaVersion > knownMigrations(migrationsFolder))
      throw refuse('该归档来自更新版本的程序，请先升级本程序再导入');
    // Its paths are checked and what would act unasked is turned off, before anything is in place.
    const notice = heldBackNotice(distrustDatabase(join(staging, DB_ENTRY), '归档'));
    // Everything is verified: move it into place (library first, the database last).
    for (const name of ['library', DB_ENTRY]) {
      if (!existsSync(join(staging, name))) mkdirSync(join(staging, name));
      renameSync(join(staging, name), join(target, name));
      moved.push(join(target, name));
    }
    mkdirSync(join(target, 'backups'), { recursive: true });
    return { target, files: manifest.files.length, counts: db.counts, notice } satisfies ImportResult;
  } catch (error) {
    for (const path of moved) rmSync(path, { recursive: true, force: true });
    if (error instanceof ZipFormatError) throw refuse(`归档文件「${archive}」已损坏：${error.message}`);
    throw error;
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** The manifest lists every file in a line or so: 16 MB holds some 90,000 of them. */
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

const isListed = (f: unknown): f is Manifest['files'][number] => {
  const file = f as Manifest['files'][number] | null;
  return (
    typeof file?.path === 'string' &&
    Number.isSafeInteger(file.bytes) &&
    file.bytes >= 0 &&
    typeof file.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(file.sha256)
  );
};

async function readManifest(handle: FileHandle, entry: ZipEntry, archive: string): Promise<Manifest> {
  const notOurs = refuse(`「${archive}」不是职称申报工作台导出的工作区归档`);
  const parts: Uint8Array[] = [];
  try {
    await readEntry(handle, entry, (chunk) => parts.push(chunk), MAX_MANIFEST_BYTES);
  } catch (error) {
    if (error instanceof ZipFormatError) throw refuse(`「${archive}」的清单过大或已损坏，未导入`);
    throw error;
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(Buffer.concat(parts).toString('utf8')) as Manifest;
  } catch {
    throw notOurs;
  }
  if (manifest?.format !== ARCHIVE_FORMAT || !Array.isArray(manifest.files) || !manifest.files.every(isListed))
    throw notOurs;
  return manifest;
}

async function unpackVerified(archive: string, staging: string): Promise<Manifest> {
  const handle = await openArchive(archive);
  try {
    const entries = await readEntries(handle);
    const manifestEntry = entries.find((e) => e.name === MANIFEST);
    if (!manifestEntry) throw refuse(`「${archive}」不是职称申报工作台导出的工作区归档（缺少清单）`);
    const manifest = await readManifest(handle, manifestEntry, archive);

    const expected = new Map(manifest.files.map((f) => [f.path, f]));
    const seen = new Set<string>();
    for (const entry of entries) {
      if (entry.name === MANIFEST) continue;
      const listed = expected.get(entry.name);
      if (!listed || seen.has(entry.name) || !(entry.name === DB_ENTRY || LIBRARY_ENTRY.test(entry.name)))
        throw refuse(`归档中有清单以外的文件「${entry.name}」，未导入`);
      // The zip's directory holds sizes modulo 4 GB (no Zip64): they must agree with the manifest.
      if (entry.size !== listed.bytes % 2 ** 32)
        throw refuse(`归档中的「${entry.name}」与清单中的大小不符（文件已损坏或被改动），未导入`);
      seen.add(entry.name);
      const file = join(staging, entry.name);
      mkdirSync(dirname(file), { recursive: true });
      const hash = createHash('sha256');
      let bytes = 0;
      const fd = openSync(file, 'w');
      try {
        // No more than the manifest says: a bomb stops at its declared size, not at a full disk.
        await readEntry(
          handle,
          entry,
          (chunk) => {
            hash.update(chunk);
            bytes += chunk.length;
            writeSync(fd, chunk);
          },
          listed.bytes,
        );
        // Flushing each of thousands of small files costs more than the import; the database must be.
        if (entry.name === DB_ENTRY) fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      const sha256 = hash.digest('hex');
      const named = /([0-9a-f]{64})/.exec(entry.name)?.[1];
      if (sha256 !== listed.sha256 || bytes !== listed.bytes || (named && named !== sha256))
        throw refuse(`归档中的「${entry.name}」与清单中的校验值不符（文件已损坏或被改动），未导入`);
    }
    const absent = manifest.files.filter((f) => !seen.has(f.path));
    if (absent.length > 0) throw refuse(`归档缺少清单中的 ${absent.length} 个文件（如「${absent[0]!.path}」），未导入`);
    return manifest;
  } finally {
    await handle.close();
  }
}
