/**
 * What the fault tests share: the app run as a child process (child.ts) under a fault, and the
 * workspace checked afterwards the way a suspicious user would: the database intact, every
 * document's file present with its sha256, no temp file or half-built kit anywhere.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));

export interface ChildRun {
  killed: boolean;
  code: number | null;
  /** The child's answer: the last JSON line it printed. */
  answer: {
    ok: boolean;
    opened?: boolean;
    value?: unknown;
    message?: string;
    error?: { code: string; message: string };
  } | null;
  stdout: string;
  stderr: string;
}

export interface ChildOptions {
  /** RLIMIT_FSIZE in bytes (prlimit): a write past it fails with EFBIG, as on a full disk. */
  fileSizeLimit?: number;
  /** Run as this user (setpriv), for a read-only workspace when the tests run as root. */
  user?: { uid: number; gid: number };
}

export function runChild(
  work: string,
  dataDir: string,
  args: object = {},
  options: ChildOptions = {},
): Promise<ChildRun> {
  let command = process.execPath;
  let argv = ['--import', 'tsx', CHILD, work, dataDir, JSON.stringify(args)];
  if (options.user) {
    argv = [`--reuid=${options.user.uid}`, `--regid=${options.user.gid}`, '--clear-groups', command, ...argv];
    command = 'setpriv';
  }
  if (options.fileSizeLimit !== undefined) {
    argv = [`--fsize=${options.fileSizeLimit}`, command, ...argv];
    command = 'prlimit';
  }
  return new Promise((resolve) => {
    execFile(command, argv, { cwd: ROOT, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const lines = stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'));
      const signal = (error as { signal?: string } | null)?.signal;
      resolve({
        killed: signal === 'SIGKILL',
        code: (error as { code?: number } | null)?.code ?? (error ? null : 0),
        answer: lines.length ? JSON.parse(lines[lines.length - 1]!) : null,
        stdout,
        stderr,
      });
    });
  });
}

/** Every file under `dir` (relative, '/'-separated), hidden ones included. */
export function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split('\\').join('/'));
}

/** Names that only a write in progress leaves: our temp files and folders. */
export const isTemp = (path: string) => path.split('/').some((part) => part.endsWith('.tmp'));

export interface WorkspaceState {
  integrity: string;
  people: number;
  documents: Array<{ id: number; employeeId: number | null; storedPath: string; sha256: string; fileOk: boolean }>;
  libraryFiles: string[];
  orphans: string[];
  temps: string[];
}

/** Reads the workspace as it lies on disk, with a connection of its own (the app is gone). */
export function inspectWorkspace(dataDir: string): WorkspaceState {
  const sqlite = new Database(join(dataDir, 'zhicheng.sqlite'), { readonly: true });
  try {
    const integrity = (sqlite.pragma('integrity_check', { simple: true }) as string) ?? '';
    const people = (sqlite.prepare('SELECT count(*) AS n FROM employees').get() as { n: number }).n;
    const rows = sqlite
      .prepare('SELECT id, employee_id AS employeeId, stored_path AS storedPath, sha256 FROM documents')
      .all() as Array<{ id: number; employeeId: number | null; storedPath: string; sha256: string }>;
    const libraryDir = join(dataDir, 'library');
    const documents = rows.map((row) => {
      const file = join(libraryDir, row.storedPath);
      const fileOk = existsSync(file) && createHash('sha256').update(readFileSync(file)).digest('hex') === row.sha256;
      return { ...row, fileOk };
    });
    const libraryFiles = allFiles(libraryDir);
    const stored = new Set(rows.map((r) => r.storedPath.split('\\').join('/')));
    const inboxStored = sqlite
      .prepare('SELECT stored_path AS p FROM inbox_files WHERE stored_path IS NOT NULL')
      .all() as Array<{ p: string }>;
    for (const { p } of inboxStored) stored.add(p);
    return {
      integrity,
      people,
      documents,
      libraryFiles,
      orphans: libraryFiles.filter((f) => !isTemp(f) && !stored.has(f)),
      temps: [...libraryFiles, ...allFiles(join(dataDir, 'exports'))]
        .filter(isTemp)
        .concat(allDirs(join(dataDir, 'exports')).filter(isTemp)),
    };
  } finally {
    sqlite.close();
  }
}

function allDirs(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .map((name) => relative(dir, join(dir, name)).split('\\').join('/'));
}

export const HAN = /[\u4e00-\u9fff]/;

/** Starts the child and resolves once it has printed its first line (e.g. that it holds the workspace). */
export function startChild(work: string, dataDir: string, args: object = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, work, dataDir, JSON.stringify(args)], { cwd: ROOT });
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const firstLine = new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    child.once('exit', () => reject(new Error(`child ended before printing: ${text}`)));
  });
  return { child, firstLine, exited };
}

const INBOX_CHILD = fileURLToPath(new URL('./inboxChild.ts', import.meta.url));

/**
 * The inbox pipeline in a child that SIGKILLs itself at the first of the comma-separated points
 * `killAt` it reaches (see inboxChild.ts), after the review-queue `action` if given: whether it
 * was killed and where, and what it printed when it was not.
 */
export async function runInboxChild(
  dataDir: string,
  killAt: string,
  action?: object,
  options: { concurrency?: number } = {},
): Promise<{ killed: boolean; killedAt: string | null; stdout: string }> {
  const args = ['--import', 'tsx', INBOX_CHILD, dataDir, killAt, ...(action ? [JSON.stringify(action)] : [])];
  const marker = join(dataDir, 'killed-at');
  rmSync(marker, { force: true });
  try {
    const env = { ...process.env, INBOX_CONCURRENCY: String(options.concurrency ?? 2) };
    const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: ROOT, timeout: 60_000, env });
    return { killed: false, killedAt: null, stdout };
  } catch (error) {
    const e = error as { signal?: string; stderr?: string };
    if (e.signal === 'SIGKILL') return { killed: true, killedAt: readFileSync(marker, 'utf8'), stdout: '' };
    throw new Error(`child failed: ${e.stderr ?? String(error)}`);
  }
}
