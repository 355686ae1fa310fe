/**
 * Labelled jobs are written down while they run; what is still written down when a workspace
 * opens was cut short (kill, crash, power cut). Each such job becomes a notice the user sees and
 * dismisses. What the job had written is whole either way: imports are one transaction, kits and
 * letters are renamed into place, and the temps they leave are swept at start-up.
 */
import type { Repos } from '../../../db';

export interface JobJournal {
  started(id: string, label: string): void;
  finished(id: string): void;
}

export interface InterruptedJob {
  key: string;
  label: string;
  startedAt: string;
}

const RUNNING_KEY = 'jobs.running';
const INTERRUPTED_KEY = 'jobs.interrupted';

type Running = Record<string, { label: string; startedAt: string }>;

export function createJobJournal(repos: Repos) {
  const running = () => (repos.settings.get(RUNNING_KEY) as Running | undefined) ?? {};
  const interrupted = () => (repos.settings.get(INTERRUPTED_KEY) as InterruptedJob[] | undefined) ?? [];
  return {
    started(id: string, label: string): void {
      repos.settings.set(RUNNING_KEY, { ...running(), [id]: { label, startedAt: new Date().toISOString() } });
    },
    finished(id: string): void {
      const { [id]: _done, ...rest } = running();
      repos.settings.set(RUNNING_KEY, rest);
    },
    /** At opening (one process holds the workspace): what is still running was cut short. */
    collectInterrupted(): void {
      const left = Object.entries(running());
      if (left.length === 0) return;
      repos.transaction(() => {
        repos.settings.set(INTERRUPTED_KEY, [
          ...interrupted(),
          ...left.map(([id, job]) => ({ key: id, label: job.label, startedAt: job.startedAt })),
        ]);
        repos.settings.set(RUNNING_KEY, {});
      });
    },
    interrupted,
    dismiss(key: string): void {
      repos.settings.set(
        INTERRUPTED_KEY,
        interrupted().filter((job) => job.key !== key),
      );
    },
  };
}
export type JobJournalService = ReturnType<typeof createJobJournal>;
