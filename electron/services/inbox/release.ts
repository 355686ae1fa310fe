/**
 * The end of a file's way: its source leaves the scan folder (to 已处理/, or to .zhicheng/done/
 * until purged) only after the document made from it is committed; a stack is released when
 * every part is through.
 */
import { rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { InboxFileRow } from '../../../db/repos/inbox';
import { isInside } from '../library/storedPath';
import { cleared, type InboxContext } from './context';
import { withLockRetry } from './fsOps';
import { APP_FOLDER, DONE_FOLDER } from './folderRules';
import { permanent } from './states';

/** Moves a claimed source out of the scan folder; the target is committed before it moves. */
export async function release(ctx: InboxContext, row: InboxFileRow): Promise<void> {
  const { fs, journal, now } = ctx;
  if (row.releasedAt !== null || row.parentId !== null) return;
  const folder = ctx.folderOf(row);
  if (!row.claimedPath || row.copyOnly || !folder) {
    journal.patch(row.id, { releasedAt: now() });
    return;
  }
  // Only a file in the watched folder is ever moved, and only within it (a planted journal names anything).
  if (!isInside(folder.path, row.claimedPath) || (row.releaseTarget && !isInside(folder.path, row.releaseTarget)))
    throw permanent('记录中的源文件位置不在监视文件夹内，未移动它', 'OUTSIDE_FOLDER');
  let target = row.releaseTarget;
  if (!target) {
    target =
      folder.afterFiling === 'move'
        ? await freePath(ctx, join(folder.path, DONE_FOLDER, ...row.relPath.split('/')))
        : join(folder.path, APP_FOLDER, 'done', basename(row.claimedPath));
    journal.patch(row.id, { releaseTarget: target });
  }
  if (await fs.exists(row.claimedPath)) {
    await fs.mkdir(dirname(target));
    if (await fs.exists(target)) target = await freePath(ctx, target);
    journal.patch(row.id, { releaseTarget: target });
    const to = target;
    await withLockRetry(() => fs.rename(row.claimedPath!, to), ctx.lockRetryMs);
    ctx.probe('release:moved', row);
  }
  const purgeAt = folder.afterFiling === 'delete' ? now() + folder.deleteAfterDays * 86_400_000 : null;
  journal.patch(row.id, { releasedAt: now(), purgeAt });
}

async function freePath(ctx: InboxContext, path: string): Promise<string> {
  const ext = extname(path);
  const stem = path.slice(0, path.length - ext.length);
  let candidate = path;
  for (let i = 1; await ctx.fs.exists(candidate); i++) candidate = `${stem}_${String(i).padStart(2, '0')}${ext}`;
  return candidate;
}

/** SPLIT → RELEASED once every part is released, a duplicate or discarded. */
export function finishStack(ctx: InboxContext, parent: InboxFileRow): Promise<InboxFileRow> {
  return ctx.serially(`stack:${parent.id}`, async () => {
    const current = ctx.journal.file(parent.id);
    if (current?.state !== 'split') return current ?? parent;
    const children = ctx.journal.children(parent.id);
    if (!children.every((c) => ['released', 'duplicate', 'discarded'].includes(c.state))) return current;
    await release(ctx, current);
    return ctx.move(current, 'released', cleared);
  });
}

/** A part's stack finishes with its last part. */
export async function finishParentOf(ctx: InboxContext, row: InboxFileRow): Promise<void> {
  const parent = row.parentId === null ? null : ctx.journal.file(row.parentId);
  if (parent?.state === 'split') await finishStack(ctx, parent);
}

/** FILED → RELEASED. */
export async function finish(ctx: InboxContext, row: InboxFileRow): Promise<InboxFileRow> {
  rmSync(ctx.workOf(row), { recursive: true, force: true }); // left by a crash right after filing
  if (row.parentId !== null) {
    const done = ctx.move(row, 'released', { ...cleared, releasedAt: ctx.now() });
    await finishParentOf(ctx, row);
    return done;
  }
  await release(ctx, row);
  return ctx.move(row, 'released', cleared);
}
