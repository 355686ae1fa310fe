/**
 * Keeps the pipeline fed while the app runs: one chokidar watcher per folder (polling for shares)
 * only cuts latency; the full rescan at start, every few minutes and after any watcher error is
 * what guarantees nothing is missed. A folder that goes away is marked offline, its watcher
 * closed, and re-armed with a rescan when it is back. Work waiting for a retry or for a file to
 * settle wakes a single timer at the earliest due time.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { watch, type FSWatcher } from 'chokidar';
import type { WatchedFolderRow } from '../../../db/repos/inbox';
import { APP_FOLDER, DONE_FOLDER, isNetworkPath, type Inbox } from './pipeline';

export interface WatchOptions {
  /** Full rescan period (default 90 s; shares 300 s). */
  rescanMs?: number;
  /** Folder health check period (default 15 s). */
  healthMs?: number;
  /** Polling interval for shares (default 3 s). */
  pollMs?: number;
  onError?: (error: unknown) => void;
}

export function startInboxWatcher(inbox: Inbox, options: WatchOptions = {}) {
  const rescanMs = options.rescanMs ?? 90_000;
  const healthMs = options.healthMs ?? 15_000;
  const pollMs = options.pollMs ?? 3_000;
  const watchers = new Map<number, { watcher: FSWatcher; path: string; polling: boolean }>();
  const offline = new Set<number>();
  let wakeTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  let busy: Promise<void> = Promise.resolve();

  const report = (error: unknown) => options.onError?.(error);

  /** Serialises the work: a scan and a processing pass never overlap. */
  const queue = (work: () => Promise<unknown>) => {
    busy = busy.then(async () => {
      if (stopped) return;
      try {
        await work();
      } catch (error) {
        report(error);
      }
      scheduleWake();
    });
    return busy;
  };

  function scheduleWake() {
    if (stopped) return;
    if (wakeTimer) clearTimeout(wakeTimer);
    const due = inbox.journal
      .unfinished()
      .filter((r) => r.state !== 'split')
      .map((r) => r.nextAt ?? Date.now());
    if (due.length === 0) return;
    const delay = Math.max(50, Math.min(...due) - Date.now());
    wakeTimer = setTimeout(() => void queue(() => inbox.processReady()), Math.min(delay, 2_147_000_000));
    wakeTimer.unref?.();
  }

  let kickTimer: NodeJS.Timeout | null = null;
  /** A watcher event: rescan that folder soon (events come in bursts). */
  const kick = (folder: WatchedFolderRow) => {
    if (kickTimer) return;
    kickTimer = setTimeout(() => {
      kickTimer = null;
      void queue(async () => {
        await inbox.scanFolder(folder);
        await inbox.processReady();
      });
    }, 300);
    kickTimer.unref?.();
  };

  async function arm(folder: WatchedFolderRow) {
    const polling = folder.polling ?? isNetworkPath(folder.path);
    const current = watchers.get(folder.id);
    if (current && current.path === folder.path && current.polling === polling) return;
    if (current) await current.watcher.close();
    const watcher = watch(folder.path, {
      ignoreInitial: true,
      depth: 2,
      usePolling: polling,
      interval: pollMs,
      binaryInterval: pollMs,
      awaitWriteFinish: false,
      ignored: (path: string) => path.includes(APP_FOLDER) || path.includes(DONE_FOLDER),
    });
    watcher.on('add', () => kick(folder));
    watcher.on('change', () => kick(folder));
    watcher.on('error', (error) => {
      report(error);
      void queue(() => inbox.scanFolder(folder));
    });
    watchers.set(folder.id, { watcher, path: folder.path, polling });
  }

  async function disarm(id: number) {
    const current = watchers.get(id);
    watchers.delete(id);
    if (current) await current.watcher.close();
  }

  async function health() {
    const folders = inbox.journal.folders().filter((f) => f.enabled);
    for (const id of watchers.keys()) if (!folders.some((f) => f.id === id)) await disarm(id);
    for (const folder of folders) {
      let ok = true;
      try {
        if (!(await stat(folder.path)).isDirectory()) ok = false;
        else await access(folder.path, constants.R_OK);
      } catch {
        ok = false;
      }
      if (!ok) {
        if (!offline.has(folder.id)) {
          offline.add(folder.id);
          await disarm(folder.id);
          await inbox.scanFolder(folder); // reports it offline
        }
        continue;
      }
      if (offline.delete(folder.id) || !watchers.has(folder.id)) {
        await arm(folder);
        await inbox.scanFolder(folder);
        await inbox.processReady();
      }
    }
  }

  const rescan = () =>
    queue(async () => {
      await inbox.scanAll();
      await inbox.processReady();
    });

  const healthTimer = setInterval(() => void queue(health), healthMs);
  const rescanTimer = setInterval(() => void rescan(), rescanMs);
  healthTimer.unref?.();
  rescanTimer.unref?.();
  void queue(health);
  void rescan();

  return {
    /** After resume from sleep, a settings change, or when the user asks. */
    rescan,
    /** Re-reads the folder list (added, removed or changed folders). */
    refresh: () => queue(health),
    async stop() {
      stopped = true;
      inbox.stop();
      clearInterval(healthTimer);
      clearInterval(rescanTimer);
      if (wakeTimer) clearTimeout(wakeTimer);
      if (kickTimer) clearTimeout(kickTimer);
      await busy.catch(() => {});
      for (const id of [...watchers.keys()]) await disarm(id);
    },
  };
}
export type InboxWatcher = ReturnType<typeof startInboxWatcher>;
