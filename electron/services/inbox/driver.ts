/**
 * Drives rows through the stages: one driver per row (the watcher's pass, an assignment, a
 * retry), each row moved as far as it can go now. A pass takes the ready rows in two phases:
 * first one at a time, in the order they arrived, up to validation, so which of two identical
 * files is the duplicate never depends on timing; then up to `concurrency` rows at once, so
 * the engine's cores are all busy converting and compressing.
 */
import type { InboxFileRow } from '../../../db/repos/inbox';
import type { InboxContext } from './context';
import { failed } from './failures';
import { stageFor } from './stages';
import { FINAL_STATES, type InboxState } from './states';

/** Before validation: these stages run one file at a time, in arrival order. */
const ARRIVING: ReadonlySet<string> = new Set<InboxState>(['detected', 'stable', 'claimed', 'secured']);

export function createDriver(ctx: InboxContext, concurrency: number) {
  const { journal, now } = ctx;
  const driving = new Map<number, Promise<InboxFileRow>>();

  async function step(row: InboxFileRow): Promise<InboxFileRow> {
    const stage = stageFor(row.state);
    if (!stage) return row;
    const able = stage.ableToRun(ctx, row);
    if (able !== true) return ctx.move(row, able.state, {}, able.detail);
    return stage.run(ctx, row);
  }

  async function drive(start: InboxFileRow, arrivingOnly: boolean): Promise<InboxFileRow> {
    let row = start;
    for (let guard = 0; guard < 40 && !ctx.stopping; guard++) {
      if (FINAL_STATES.has(row.state as InboxState)) return row;
      if (arrivingOnly && !ARRIVING.has(row.state)) return row;
      if (row.nextAt !== null && row.nextAt > now()) return row;
      const before = row.state;
      try {
        row = await step(row);
      } catch (error) {
        return failed(ctx, row, error, stageFor(row.state)?.doing ?? '处理');
      }
      if (row.state === before) return row; // waiting (stability) or a stack waiting for its parts
    }
    return row;
  }

  /**
   * Moves one row as far as it can go now (or, `arrivingOnly`, up to validation); a row already
   * being moved is waited for, not moved twice.
   */
  async function advance(start: InboxFileRow, arrivingOnly = false): Promise<InboxFileRow> {
    const busy = driving.get(start.id);
    if (busy) {
      await busy.catch(() => null);
      return journal.file(start.id) ?? start;
    }
    const run = drive(start, arrivingOnly);
    driving.set(start.id, run);
    try {
      return await run;
    } finally {
      driving.delete(start.id);
    }
  }

  let running: Promise<number[]> | null = null;
  let again = false;

  /** Every row that is ready, each moved as far as it can go; one pass at a time. */
  async function processReady(): Promise<number[]> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      const touched: number[] = [];
      let moved = true;
      // Passes until one moves nothing: a stack split in one pass has its parts taken in the next.
      while ((moved || again) && !ctx.stopping) {
        moved = false;
        again = false;
        const note = (before: InboxFileRow, after: InboxFileRow) => {
          if (after.state !== before.state || after.attempt !== before.attempt) {
            touched.push(before.id);
            moved = true;
          }
        };
        // Their drivers take on the rows being moved already.
        for (const row of journal.ready(now()).filter((r) => ARRIVING.has(r.state) && !driving.has(r.id))) {
          if (ctx.stopping) break;
          note(row, await advance(row, true));
        }
        const queue = journal.ready(now()).filter((row) => !ARRIVING.has(row.state) && !driving.has(row.id));
        const worker = async () => {
          for (let row = queue.shift(); row && !ctx.stopping; row = queue.shift()) note(row, await advance(row));
        };
        await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
      }
      return touched;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  return { advance, processReady };
}
