/**
 * Long work (import, export, generation) is a job: it reports progress as events and can be
 * cancelled by its id. The caller picks the id, so it can cancel before the first progress event.
 * A job given a label is written down while it runs, so one cut short by a crash or a power cut
 * is told to the user when the workspace next opens (see interruptedJobs.ts).
 */
import type { AbortSignalLike } from '../../../shared/api/dispatch';
import { AppError } from '../../../shared/api/errors';
import type { EmitEvent } from '../events';
import type { JobJournal } from './interruptedJobs';

export interface Job {
  signal: AbortSignal;
  progress(phase: string, done: number, total: number): void;
  /**
   * Lets pending requests (a cancel among them) run, then throws CANCELLED if the job was
   * cancelled. Call it between steps, never inside a transaction.
   */
  checkpoint(): Promise<void>;
}

/** How long a cancel for a job that has not started yet is remembered. */
const EARLY_CANCEL_MS = 60_000;

export function createJobs(emit: EmitEvent, journal?: JobJournal) {
  const running = new Map<string, AbortController>();
  const cancelledEarly = new Map<string, number>();
  return {
    async run<T>(
      jobId: string | undefined,
      outer: AbortSignalLike | undefined,
      work: (job: Job) => Promise<T>,
      /** What the user calls this work (导入人员名单…), for the notice if it is cut short. */
      label?: string,
    ): Promise<T> {
      const controller = new AbortController();
      const id = jobId ?? `job-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
      if (cancelledEarly.delete(id)) controller.abort();
      running.set(id, controller);
      const onOuterAbort = () => controller.abort();
      outer?.addEventListener('abort', onOuterAbort);
      const job: Job = {
        signal: controller.signal,
        progress: (phase, done, total) => emit('job.progress', { jobId: id, phase, done, total }),
        checkpoint: async () => {
          await new Promise((resolve) => setImmediate(resolve));
          if (controller.signal.aborted) throw new AppError('CANCELLED', '操作已取消，未做任何更改');
        },
      };
      if (label) journal?.started(id, label);
      try {
        return await work(job);
      } finally {
        if (label) journal?.finished(id);
        running.delete(id);
        outer?.removeEventListener('abort', onOuterAbort);
      }
    },
    /** Cancels a running job, or one that has not started yet (its request may still be on its way). */
    cancel(jobId: string): boolean {
      const controller = running.get(jobId);
      if (controller) {
        controller.abort();
        return true;
      }
      const now = Date.now();
      for (const [id, at] of cancelledEarly) if (now - at > EARLY_CANCEL_MS) cancelledEarly.delete(id);
      cancelledEarly.set(jobId, now);
      return true;
    },
  };
}
export type Jobs = ReturnType<typeof createJobs>;
