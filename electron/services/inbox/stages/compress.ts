import { join } from 'node:path';
import type { InboxFileRow } from '../../../../db/repos/inbox';
import { sha256Of, writeFileDurably } from '../../library/library';
import { cleared, type InboxContext } from '../context';
import { engineFor } from '../engineRuns';
import { limitBytes, readSettings } from '../settings';
import { always, type Stage } from '../stage';
import { redo } from './redo';

/** CONVERTED → COMPRESSED: at or under the material's limit, or to review when it cannot fit. */
export const compressStage: Stage = {
  from: 'converted',
  doing: '压缩',
  commits: ['compressed', 'matched', 'quarantined'],
  ableToRun: always,
  run: compress,
};

async function compress(ctx: InboxContext, row: InboxFileRow): Promise<InboxFileRow> {
  const input = row.workPath ?? ctx.library.absolute(row.storedPath!);
  if (row.workPath && !(await ctx.fs.exists(row.workPath))) return redo(ctx, row, 'matched', '中间文件丢失');
  const limit = limitBytes(readSettings(ctx.repos), row.materialType!);
  const result = await engineFor(ctx, row).compress({ path: input, name: row.sourceName }, limit);
  const out = join(ctx.workOf(row), 'compressed.pdf');
  writeFileDurably(out, result.bytes);
  return ctx.move(row, 'compressed', {
    outputSha256: sha256Of(result.bytes),
    outputBytes: result.outputBytes,
    pages: result.pages,
    ...cleared,
  });
}
