/** What a piece of engine work needs from whoever runs it: a name for messages, a cancel check, a core count. */
import { fail } from './errors';

export interface JobContext {
  /** The file's name as the user knows it, for messages. */
  name: string;
  /** Throws CANCELLED once the job has been cancelled; called between steps. */
  check(): void;
  /** How many images to work on at once (the cores this job may use). */
  parallel: number;
  /** Raw pixels kept between search passes, at most (beyond it they are decoded again). */
  cacheBytes: number;
  /** Optional trace of the search's steps (the benchmark prints it). */
  trace?: (step: string) => void;
}

export function plainContext(name: string, signal?: AbortSignal): JobContext {
  return {
    name,
    check: () => {
      if (signal?.aborted) throw fail.cancelled();
    },
    parallel: 2,
    cacheBytes: 192 * 1024 * 1024,
  };
}

/** Runs `work` over `items`, `limit` at a time, in order of the items; the results keep that order. */
export async function mapLimit<T, R>(
  items: T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}
