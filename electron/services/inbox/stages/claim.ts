import { extname, join } from 'node:path';
import type { InboxFileRow, WatchedFolderRow } from '../../../../db/repos/inbox';
import { cleared, type InboxContext } from '../context';
import { withLockRetry } from '../fsOps';
import { APP_FOLDER } from '../folderRules';
import type { Stage } from '../stage';
import { fsCode } from '../states';
import { folderReachable, inFolder, writable } from './folders';

/** STABLE → CLAIMED: renamed into <folder>/.zhicheng/claimed/ (atomic on the same volume). */
export const claimStage: Stage = {
  from: 'stable',
  doing: '领取文件',
  commits: ['claimed', 'detected', 'gone'],
  ableToRun: inFolder,
  run: (ctx, row) => claim(ctx, row, ctx.folderOf(row)!),
};

/** Names the claimed file by its job, never by the scanner's name alone (scanners reuse names). */
function claimedName(row: InboxFileRow): string {
  const ext = extname(row.sourceName);
  const stem = [...row.sourceName.slice(0, row.sourceName.length - ext.length)].slice(0, 60).join('');
  return `${row.jobId}__${stem}${ext}`;
}

async function claim(ctx: InboxContext, row: InboxFileRow, folder: WatchedFolderRow): Promise<InboxFileRow> {
  const { fs, move } = ctx;
  const from = ctx.sourcePath(folder, row);
  const claimedDir = join(folder.path, APP_FOLDER, 'claimed');
  const to = join(claimedDir, claimedName(row));
  // A rename done before a crash: the file is already where this row puts it.
  if (await fs.exists(to)) return move(row, 'claimed', { claimedPath: to, ...cleared });
  let info;
  try {
    info = await fs.stat(from);
  } catch (error) {
    if (fsCode(error) === 'ENOENT') {
      await folderReachable(ctx, folder);
      return move(row, 'gone', {}, '文件在领取前已被移走（可能已被另一台电脑处理）');
    }
    throw error;
  }
  if (info.size !== row.size || info.mtimeMs !== row.mtimeMs) {
    return move(row, 'detected', { size: info.size, mtimeMs: info.mtimeMs, sameSince: ctx.now() }, '文件仍在变化');
  }
  try {
    await fs.mkdir(claimedDir);
    await withLockRetry(() => fs.rename(from, to), ctx.lockRetryMs);
  } catch (error) {
    const code = fsCode(error);
    const sourceThere = await fs.exists(from);
    if (code === 'ENOENT' && !sourceThere) {
      return move(row, 'gone', {}, '文件在领取时被另一台电脑或程序取走');
    }
    // On a read-only mount, making .zhicheng/ can fail with ENOENT as well as EROFS.
    const refused = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT';
    if (refused && sourceThere && !(await writable(ctx, folder.path))) {
      // A read-only folder: copy it where it lies and remember it by name, size, time and hash.
      return move(row, 'claimed', { claimedPath: from, copyOnly: true, ...cleared }, '文件夹只读：只复制，不移动');
    }
    throw error;
  }
  ctx.probe('claim:renamed', row);
  return move(row, 'claimed', { claimedPath: to, ...cleared });
}
