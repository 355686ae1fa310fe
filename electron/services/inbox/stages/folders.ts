import { constants } from 'node:fs';
import type { InboxFileRow, WatchedFolderRow } from '../../../../db/repos/inbox';
import type { InboxContext } from '../context';
import type { Skip } from '../stage';
import { transient } from '../states';

/** The first stages work in the row's watched folder: a folder deleted meanwhile ends the row. */
export const inFolder = (ctx: InboxContext, row: InboxFileRow): true | Skip =>
  ctx.folderOf(row) ? true : { state: 'gone', detail: '所在的监视文件夹已被删除' };

/** A missing file in a missing folder is an offline share, not a file gone: retry later. */
export async function folderReachable(ctx: InboxContext, folder: WatchedFolderRow): Promise<void> {
  if (!(await ctx.fs.exists(folder.path))) throw transient(`文件夹「${folder.path}」暂时无法访问`, 'EHOSTDOWN');
}

export async function writable(ctx: InboxContext, dir: string): Promise<boolean> {
  try {
    await ctx.fs.access(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
