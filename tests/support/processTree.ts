/**
 * Resident memory of this process and every process it started (Linux /proc): the PDF engine
 * works in child processes, so what a job costs is measured across the tree.
 */
import { readdirSync, readFileSync } from 'node:fs';

const PAGE = 4096;

function children(pid: number): number[] {
  const found: number[] = [];
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return found;
  }
  for (const task of tasks) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ')) {
        if (child.trim()) found.push(Number(child));
      }
    } catch {
      // The thread ended meanwhile.
    }
  }
  return found;
}

function rssOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
  } catch {
    return 0; // ended meanwhile
  }
}

/** Bytes resident in `pid` and its descendants now. */
export function treeRss(pid = process.pid): number {
  let total = 0;
  const pending = [pid];
  while (pending.length) {
    const next = pending.pop()!;
    total += rssOf(next);
    pending.push(...children(next));
  }
  return total;
}

/** The peak of treeRss() over `work`, above what the tree held before it, in MB. */
export async function peakTreeRss<T>(work: () => Promise<T>, everyMs = 20): Promise<{ value: T; peakMb: number }> {
  const start = treeRss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, treeRss())), everyMs);
  try {
    const value = await work();
    peak = Math.max(peak, treeRss());
    return { value, peakMb: (peak - start) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}
