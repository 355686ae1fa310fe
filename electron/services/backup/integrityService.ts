/**
 * The integrity check as the app runs it: in the background after start-up, on demand from
 * 设置 and the CLI, one run at a time; the last report is kept for the page to show.
 */
import { join } from 'node:path';
import type { SqliteConnection } from '../../../db';
import type { IntegrityReport } from '../../../shared/workspace/schemas';
import { checkIntegrity, repairLibrary } from './integrity';

export interface IntegrityServiceDeps {
  sqlite: SqliteConnection;
  root: string;
  libraryDir: string;
  onError?: (error: unknown) => void;
}

export function createIntegrityService(deps: IntegrityServiceDeps) {
  let report: IntegrityReport | null = null;
  let running: Promise<IntegrityReport> | null = null;
  let closed = false;

  /** Joins a check under way, if any. */
  function joinOrStart(): Promise<IntegrityReport> {
    running ??= checkIntegrity({ sqlite: deps.sqlite, libraryDir: deps.libraryDir, cancelled: () => closed })
      .then((found) => {
        if (!closed) report = found;
        return found;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  /** A check of the state as it is now: one already under way may have read the rows before a change. */
  async function check(): Promise<IntegrityReport> {
    if (running) await running.catch(() => undefined);
    return joinOrStart();
  }

  return {
    check,
    status: () => ({ running: running !== null, report }),
    /** Start-up: runs without holding up the app; a failure is logged, never thrown at the host. */
    checkInBackground(): void {
      joinOrStart().catch((error: unknown) => {
        if (!closed) deps.onError?.(error);
      });
    },
    async repair() {
      const before = await check();
      const result = await repairLibrary(before, deps.libraryDir, join(deps.root, 'library-set-aside'));
      return { ...result, report: await check() };
    },
    stop(): void {
      closed = true;
    },
  };
}
export type IntegrityService = ReturnType<typeof createIntegrityService>;
