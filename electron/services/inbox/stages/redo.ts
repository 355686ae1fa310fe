import type { InboxFileRow } from '../../../../db/repos/inbox';
import type { InboxContext } from '../context';
import type { InboxState } from '../states';

/** How many times a file may go back a step to remake lost work before it is quarantined. */
const MAX_REDOS = 2;
const REDO_MARK = '重新处理：';

/**
 * Goes back a step to make a lost intermediate again, at most MAX_REDOS times: a file that keeps
 * losing its work is quarantined with the reason, never reprocessed in a loop.
 */
export function redo(ctx: InboxContext, row: InboxFileRow, state: InboxState, reason: string): InboxFileRow {
  const redos = ctx.journal.events(row.id).filter((e) => e.detail?.startsWith(REDO_MARK)).length;
  if (redos >= MAX_REDOS)
    return ctx.move(
      row,
      'quarantined',
      { lastError: `${reason}，已重新处理 ${redos} 次仍未完成，已停止。请重试或丢弃`, failedState: 'matched' },
      'REDO_LIMIT',
    );
  return ctx.move(row, state, {}, `${REDO_MARK}${reason}`);
}
