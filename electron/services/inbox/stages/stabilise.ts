import type { InboxFileRow, WatchedFolderRow } from '../../../../db/repos/inbox';
import { cleared, type InboxContext } from '../context';
import { stableWindowMs } from '../folderRules';
import type { Stage } from '../stage';
import { fsCode } from '../states';
import { folderReachable, inFolder } from './folders';

/** DETECTED → STABLE: size and time unchanged for the folder's window, not empty. */
export const stabiliseStage: Stage = {
  from: 'detected',
  doing: '检查文件',
  commits: ['stable', 'gone'],
  ableToRun: inFolder,
  run: (ctx, row) => stabilise(ctx, row, ctx.folderOf(row)!),
};

async function stabilise(ctx: InboxContext, row: InboxFileRow, folder: WatchedFolderRow): Promise<InboxFileRow> {
  const { fs, journal, now } = ctx;
  let info;
  try {
    info = await fs.stat(ctx.sourcePath(folder, row));
  } catch (error) {
    if (fsCode(error) === 'ENOENT') {
      await folderReachable(ctx, folder);
      return ctx.move(row, 'gone', {}, '文件在处理前已被移走');
    }
    throw error;
  }
  const t = now();
  if (info.size !== row.size || info.mtimeMs !== row.mtimeMs) {
    journal.patch(row.id, { size: info.size, mtimeMs: info.mtimeMs, sameSince: t, nextAt: t + ctx.recheckMs });
    return journal.file(row.id)!;
  }
  const window = stableWindowMs(folder);
  const quiet = t - row.sameSince;
  const stable = info.size > 0 && (quiet >= window || (t - info.mtimeMs >= window && quiet >= ctx.recheckMs));
  if (!stable) {
    // The earliest moment it can count as stable: the window from the first look, or a second
    // look at a file whose time is already older than the window.
    const wake =
      info.size === 0
        ? t + window
        : Math.min(row.sameSince + window, Math.max(row.sameSince + ctx.recheckMs, info.mtimeMs + window));
    journal.patch(row.id, { nextAt: Math.max(wake, t + 10) });
    return journal.file(row.id)!;
  }
  return ctx.move(row, 'stable', cleared);
}
