/**
 * Filing a run of letters without waiting on the disk letter by letter. Each file is written the
 * way the library writes (a temporary name, flushed, renamed into place) but asynchronously, a few
 * at a time, while the next letters are being made; its row is recorded through `library.store`
 * once the file is in place (store finds it there and only adds the row). One fsync per letter,
 * waited for in line, cost 5–25 ms on a shared disk: more than making the letter.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

const madeDirs = new Set<string>();

/** writeFileDurably of library.ts, asynchronous. */
export async function writeFileDurablyAsync(file: string, bytes: Uint8Array): Promise<void> {
  const dir = dirname(file);
  if (!madeDirs.has(dir)) {
    await mkdir(dir, { recursive: true });
    madeDirs.add(dir);
  }
  const temp = `${file}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Runs file writes a few at a time; `then` work runs in the order the writes finish. */
export class FilingQueue {
  private readonly pending = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(private readonly limit = 6) {}

  /** Writes `bytes` to `file` unless it is there already (the library is content-addressed), then runs `then`. */
  async add(file: string, bytes: Uint8Array, then: () => void | Promise<void>): Promise<void> {
    if (this.failure) throw this.failure;
    const task = (existsSync(file) ? Promise.resolve() : writeFileDurablyAsync(file, bytes))
      .then(then)
      .catch((error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.pending.delete(task));
    this.pending.add(task);
    while (this.pending.size >= this.limit) await Promise.race(this.pending);
  }

  /** Waits for every write and its row; throws the first failure. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.race(this.pending);
    if (this.failure) throw this.failure;
  }
}
