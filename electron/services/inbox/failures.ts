/**
 * What an error in a step means for its file: a review question, a quarantine with the reason,
 * or a retry later with backoff (the attempt and the next time are committed, so retries survive
 * a restart). A file gives up after the policy's attempts or time, except on a full disk, which
 * waits for space, and a filed document, whose source cleanup just keeps retrying.
 */
import type { InboxFileRow } from '../../../db/repos/inbox';
import { PdfError } from '../pdf/errors';
import type { InboxContext } from './context';
import { describeFsError, fsCode, InboxError, isTransientFs, permanent, retryDelay, review, transient } from './states';

export function classify(error: unknown, doing: string): InboxError {
  if (error instanceof InboxError) return error;
  if (error instanceof PdfError) {
    if (error.pdfCode === 'CANNOT_FIT') return review(error.message, 'CANNOT_FIT');
    // A crash may be the machine's memory, not the file: tried again until engineRuns says enough.
    if (['INTERNAL', 'TIMEOUT', 'ENGINE_CRASHED'].includes(error.pdfCode))
      return transient(error.message, error.pdfCode);
    if (error.pdfCode === 'CANCELLED') return transient('处理已取消，稍后继续', 'CANCELLED');
    return permanent(error.message, error.pdfCode);
  }
  const code = fsCode(error);
  if (code)
    return isTransientFs(error)
      ? transient(describeFsError(error, doing), code)
      : permanent(describeFsError(error, doing), code);
  return transient(`${doing}时出错：${error instanceof Error ? error.message : String(error)}`, 'INTERNAL');
}

export function failed(ctx: InboxContext, row: InboxFileRow, error: unknown, doing: string): InboxFileRow {
  const { journal, policy, now, move } = ctx;
  const problem = classify(error, doing);
  if (problem.code === 'CANCELLED' && ctx.stopping) return row;
  if (problem.kind === 'review') {
    return move(row, 'needs_review', { reviewReason: problem.message, failedState: row.state, lastError: null });
  }
  if (problem.kind === 'permanent') {
    return move(row, 'quarantined', { lastError: problem.message, failedState: row.state }, problem.code);
  }
  const attempt = row.attempt + 1;
  const firstErrorAt = row.firstErrorAt ?? now();
  const diskFull = problem.code === 'ENOSPC';
  if (diskFull)
    ctx.emit('inbox.alert', { kind: 'disk-full', message: `磁盘空间已满，「${row.sourceName}」等待空间后自动继续` });
  const mayGiveUp = !diskFull && row.state !== 'filed';
  if (mayGiveUp && (attempt >= policy.maxAttempts || now() - firstErrorAt >= policy.giveUpAfterMs)) {
    return move(
      row,
      'quarantined',
      { lastError: `${problem.message}（已重试 ${attempt} 次）`, failedState: row.state, attempt },
      problem.code,
    );
  }
  const nextAt = now() + retryDelay(policy, attempt);
  journal.patch(row.id, { attempt, nextAt, firstErrorAt, lastError: problem.message });
  journal.note(row.id, `${problem.code}: ${problem.message}; retry ${attempt} at ${new Date(nextAt).toISOString()}`);
  const next = journal.file(row.id)!;
  ctx.announce(next);
  return next;
}
