/**
 * Bytes put in a file for the length of one decode, because libvips takes some loader options
 * only with a file name (sharp passes none from a buffer). The files hold scanned pages, that is
 * personal data: each is removed as soon as its decode ends, inside a folder private to this
 * process (mkdtemp makes it 0700) that goes when the process exits. An engine process is killed
 * rather than left to exit (engine.close()), so it leaves its folder behind, empty unless it was
 * killed mid-decode; the next process to make a folder removes those of processes gone.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PREFIX = 'zhicheng-scratch-';

let folder: string | undefined;
let made = 0;

/** Runs `use` with the path of a new file holding `bytes`, and removes the file once it is done. */
export async function withScratchFile<T>(bytes: Uint8Array, use: (path: string) => Promise<T>): Promise<T> {
  const path = join(scratchFolder(), String(++made));
  try {
    await writeFile(path, bytes, { flag: 'wx', mode: 0o600 });
    return await use(path);
  } finally {
    await rm(path, { force: true });
  }
}

/** This process's folder, made on first use. */
export function scratchFolder(): string {
  if (folder) return folder;
  removeOrphans();
  folder = mkdtempSync(join(tmpdir(), `${PREFIX}${process.pid}-`));
  const own = folder;
  process.once('exit', () => rmSync(own, { recursive: true, force: true }));
  return folder;
}

/** Removes the folders of processes that no longer run (killed before their exit handler). */
function removeOrphans(): void {
  let names: string[];
  try {
    names = readdirSync(tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(PREFIX) ? Number.parseInt(name.slice(PREFIX.length), 10) : NaN;
    if (!(pid > 0) || pid === process.pid || isRunning(pid)) continue;
    try {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // Another process may be removing it at the same moment.
    }
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
