/**
 * The engine process's bound on its whole memory. V8's heap limit does not count buffers (decoded
 * pixels, inflated streams), and Node has no portable way to cap a process's memory, so a thread
 * of its own reads the resident size every few milliseconds and ends the process past the bound.
 * A thread, because the main one may be deep in a synchronous inflate when the bound is crossed.
 * The engine then fails the job with ENGINE_CRASHED and starts a fresh process.
 */
import { Worker } from 'node:worker_threads';

const WATCH = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  if (process.memoryUsage.rss() > workerData.limitBytes) process.kill(process.pid, 'SIGKILL');
}, workerData.everyMs);
`;

export function watchMemory(limitMb: number, everyMs = 25): void {
  const watcher = new Worker(WATCH, {
    eval: true,
    workerData: { limitBytes: limitMb * 1024 * 1024, everyMs },
    resourceLimits: { maxOldGenerationSizeMb: 16 },
  });
  watcher.unref();
}

/** `--memory-limit-mb=N` from the worker's arguments, or null. */
export function memoryLimitArg(argv: string[]): number | null {
  const arg = argv.find((a) => a.startsWith('--memory-limit-mb='));
  const value = arg ? Number(arg.slice('--memory-limit-mb='.length)) : NaN;
  return Number.isFinite(value) && value > 0 ? value : null;
}
