import type { InboxFileRow } from '../../../../db/repos/inbox';
import type { InboxContext } from '../context';
import { finish, finishStack } from '../release';
import { always, type Stage } from '../stage';
import { storedReading } from './read';

/**
 * FILED → RELEASED: what the document says becomes suggestions on its person (「从材料识别，待确认」,
 * made again harmlessly after a crash: one per document and kind), then the source leaves the
 * scan folder; a part tells its stack.
 */
export const finishStage: Stage = {
  from: 'filed',
  doing: '清理源文件',
  commits: ['released'],
  ableToRun: always,
  run: async (ctx, row) => {
    suggest(ctx, row);
    return finish(ctx, row);
  },
};

function suggest(ctx: InboxContext, row: InboxFileRow): void {
  const fields = storedReading(row)?.reading.fields;
  if (!ctx.suggest || !fields || Object.keys(fields).length === 0 || row.documentId === null || !row.employeeId) return;
  ctx.suggest(row.documentId, row.employeeId, fields);
}

/** SPLIT → RELEASED once every part is through. */
export const stackStage: Stage = {
  from: 'split',
  doing: '清理源文件',
  commits: ['released'],
  ableToRun: always,
  run: finishStack,
};
