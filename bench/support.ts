/** Timing helpers: each figure is the median of a few runs, printed beside its anchor. */
import { performance } from 'node:perf_hooks';

export async function median(runs: number, work: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function report(name: string, ms: number, anchorName: string, anchorMs: number): void {
  console.log(
    `${name.padEnd(44)} ${ms.toFixed(1).padStart(9)} ms   ${anchorName.padEnd(34)} ${anchorMs.toFixed(1).padStart(9)} ms   ratio ${(ms / anchorMs).toFixed(2)}`,
  );
}
