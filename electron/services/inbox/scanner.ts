/**
 * Looking at the watched folders: new files journaled (DETECTED), known ones observed, claimed
 * files no row knows adopted, released sources purged when their time comes, and the sources of
 * duplicates and discarded files left behind by a crash released.
 */
import { randomBytes } from 'node:crypto';
import { basename, extname, join, posix } from 'node:path';
import type { WatchedFolderRow } from '../../../db/repos/inbox';
import { isInside } from '../library/storedPath';
import type { InboxContext } from './context';
import { withLockRetry } from './fsOps';
import { ALLOWED_EXTENSIONS, APP_FOLDER, DONE_FOLDER, IGNORED_NAMES } from './folderRules';
import { release } from './release';
import { describeFsError, FINAL_STATES, fsCode, type InboxState } from './states';

const IGNORED_DIRS = new Set([APP_FOLDER, DONE_FOLDER, '@eadir', '$recycle.bin', 'system volume information']);
/** Files in subfolders count (a folder may name the person and the material), this deep. */
const MAX_DEPTH = 2;

export function createScanner(ctx: InboxContext) {
  const { fs, journal, emit, now, probe, announce, lockRetryMs } = ctx;

  async function listFiles(root: string): Promise<Array<{ relPath: string; size: number; mtimeMs: number }>> {
    const found: Array<{ relPath: string; size: number; mtimeMs: number }> = [];
    const walk = async (dir: string, rel: string, depth: number) => {
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch (error) {
        if (depth === 0) throw error;
        return;
      }
      for (const name of names.sort()) {
        if (IGNORED_NAMES.test(name)) continue;
        const path = join(dir, name);
        let link;
        try {
          link = await fs.lstat(path);
        } catch {
          continue; // gone meanwhile
        }
        if (link.isSymbolicLink()) continue;
        const relPath = rel ? posix.join(rel, name) : name;
        if (link.isDirectory()) {
          if (
            depth < MAX_DEPTH &&
            !IGNORED_DIRS.has(name.toLowerCase()) &&
            !name.startsWith('.') &&
            !name.startsWith('@')
          )
            await walk(path, relPath, depth + 1);
          continue;
        }
        if (!link.isFile() || !ALLOWED_EXTENSIONS.has(extname(name).toLowerCase())) continue;
        try {
          const info = await fs.stat(path);
          found.push({ relPath: relPath.normalize('NFC'), size: info.size, mtimeMs: info.mtimeMs });
        } catch {
          // gone meanwhile
        }
      }
    };
    await walk(root, '', 0);
    return found;
  }

  const online = new Map<number, boolean>();

  function setOnline(folder: WatchedFolderRow, isOnline: boolean, message: string | null) {
    if (online.get(folder.id) === isOnline) return;
    online.set(folder.id, isOnline);
    emit('inbox.folder', { folderId: folder.id, path: folder.path, status: isOnline ? 'online' : 'offline', message });
    if (!isOnline)
      emit('inbox.alert', { kind: 'folder-offline', message: message ?? `文件夹「${folder.path}」无法访问` });
  }

  /** A full look at one folder: new files journaled, known ones observed, orphans adopted. */
  async function scanFolder(folder: WatchedFolderRow): Promise<number[]> {
    let files;
    try {
      const info = await fs.stat(folder.path);
      if (!info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      files = await listFiles(folder.path);
    } catch (error) {
      setOnline(folder, false, describeFsError(error, `访问文件夹「${folder.path}」`));
      return [];
    }
    setOnline(folder, true, null);
    const t = now();
    const added: number[] = [];
    for (const found of files) {
      const rows = journal.byPath(folder.id, found.relPath);
      const live = rows.find((r) => (r.state === 'detected' || r.state === 'stable') && !r.copyOnly);
      if (live) {
        if (live.size !== found.size || live.mtimeMs !== found.mtimeMs) {
          journal.patch(live.id, { size: found.size, mtimeMs: found.mtimeMs, sameSince: t, nextAt: null });
        }
        continue;
      }
      // A read-only folder's file stays where it is: known by name, size and time, never taken twice.
      if (rows.some((r) => r.copyOnly && r.size === found.size && r.mtimeMs === found.mtimeMs && r.state !== 'gone'))
        continue;
      // A claimed copy-only file still on its way.
      if (rows.some((r) => r.copyOnly && !FINAL_STATES.has(r.state as InboxState))) continue;
      const row = journal.insertFile({
        folderId: folder.id,
        jobId: randomBytes(6).toString('hex'),
        relPath: found.relPath,
        sourceName: basename(found.relPath),
        size: found.size,
        mtimeMs: found.mtimeMs,
        sameSince: t,
        state: 'detected',
      });
      added.push(row.id);
      probe('state:detected', row);
      announce(row);
    }
    await adoptOrphans(folder);
    await purge(folder);
    return added;
  }

  /** Claimed files no row knows (a journal restored from a backup): taken in again, never lost. */
  async function adoptOrphans(folder: WatchedFolderRow): Promise<void> {
    const dir = join(folder.path, APP_FOLDER, 'claimed');
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (journal.byClaimedPath(path)) continue;
      const cut = name.indexOf('__');
      const jobId = cut > 0 ? name.slice(0, cut) : null;
      const owner = jobId ? journal.inState(['stable', 'detected'], folder.id).find((r) => r.jobId === jobId) : null;
      if (owner) continue; // renamed just before a crash: its row finishes the claim
      let info;
      try {
        info = await fs.stat(path);
      } catch {
        continue;
      }
      if (!info.isFile()) continue;
      const sourceName = cut > 0 ? name.slice(cut + 2) : name;
      const row = journal.insertFile(
        {
          folderId: folder.id,
          jobId: randomBytes(6).toString('hex'),
          relPath: sourceName,
          sourceName,
          claimedPath: path,
          size: info.size,
          mtimeMs: info.mtimeMs,
          sameSince: now(),
          state: 'claimed',
        },
        '收回无记录的已领取文件',
      );
      announce(row);
    }
  }

  async function purge(folder: WatchedFolderRow): Promise<void> {
    for (const row of journal.purgeable(now())) {
      if (row.folderId !== folder.id || !row.releaseTarget) continue;
      // Only what the inbox itself moved aside is ever deleted (a planted journal names anything).
      if (!isInside(folder.path, row.releaseTarget)) {
        journal.patch(row.id, { purged: true });
        journal.note(row.id, '待删除的文件不在监视文件夹内，未删除');
        continue;
      }
      try {
        await withLockRetry(() => fs.unlink(row.releaseTarget!), lockRetryMs);
      } catch (error) {
        if (fsCode(error) !== 'ENOENT') continue; // tried again at the next scan
      }
      journal.patch(row.id, { purged: true });
    }
  }

  /** Releases sources of duplicates and discarded files left behind by a crash. */
  async function releaseLeftovers(): Promise<void> {
    for (const row of journal.inState(['duplicate', 'discarded'])) {
      if (row.releasedAt !== null || row.parentId !== null) continue;
      try {
        await release(ctx, row);
      } catch (error) {
        journal.note(row.id, describeFsError(error, '清理源文件'));
      }
    }
  }

  async function scanAll(): Promise<number[]> {
    const added: number[] = [];
    for (const folder of journal.folders()) if (folder.enabled) added.push(...(await scanFolder(folder)));
    await releaseLeftovers();
    return added;
  }

  return { scanFolder, scanAll };
}
