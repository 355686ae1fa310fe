/**
 * Drives rows through the stages: one driver per row (the watcher's pass, an assignment, a
 * retry), each row moved as far as it can go now. A pass takes the ready rows in two phases:
 * one at a time, in the order they arrived, up to validation, so which of two identical files
 * is the duplicate never depends on timing; and from there up to `concurrency` rows at once, so
 * the engine's cores are all busy converting and compressing. With more than one at once, the
 * second phase starts on each row as soon as it is validated, while the first goes on with the next.
 */
import type { InboxFileRow } from '../../../db/repos/inbox';
import type { InboxContext } from './context';
import { failed } from './failures';
import { nameIdentifies } from './nameMatch';
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
        // Rows being moved already are their drivers' to move.
        const ready = journal.ready(now()).filter((row) => !driving.has(row.id));
        const queue = ready.filter((row) => !ARRIVING.has(row.state));
        const arrivals = new Arrivals();
        // Arriving rows one at a time, each handed on as soon as it is validated: the workers
        // convert and compress the first while the next is still being secured. A file its name
        // does not identify waits for the phase's end: an identical file still to come whose
        // name does would make it the duplicate (validate.ts), whatever the timing.
        const held: InboxFileRow[] = [];
        const arrive = (async () => {
          try {
            for (const row of ready.filter((r) => ARRIVING.has(r.state))) {
              if (ctx.stopping) break;
              const after = await advance(row, true);
              note(row, after);
              if (ARRIVING.has(after.state) || !isDue(after, now())) continue;
              if (after.state !== 'validated' || nameIdentifies(ctx, after)) {
                queue.push(after);
                arrivals.wake();
              } else held.push(after);
            }
          } finally {
            queue.push(...held);
            arrivals.end();
          }
        })();
        const worker = async () => {
          while (!ctx.stopping) {
            const row = queue.shift();
            if (row) note(row, await advance(row));
            else if (!(await arrivals.next())) return;
          }
        };
        // One at a time means one at a time: the only worker waits for the arriving phase, which
        // runs the engine too (validation). With more, the engine's own slots bound its work and
        // the arriving files' copying and hashing overlap it.
        const workers = Array.from({ length: Math.max(1, concurrency) }, () =>
          concurrency <= 1 ? arrive.then(worker) : worker(),
        );
        await Promise.all([arrive, ...workers]);
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

/** What `journal.ready` would pick up: neither final nor waiting for a later time. */
const isDue = (row: InboxFileRow, at: number) =>
  !FINAL_STATES.has(row.state as InboxState) && (row.nextAt === null || row.nextAt <= at);

/** The arriving phase's hand-over: workers wait here for the next validated row, or the phase's end. */
class Arrivals {
  private waiting: Array<(more: boolean) => void> = [];
  private ended = false;

  /** Resolves true when another row may have been handed on, false once no more will be. */
  next(): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve(true);
  }

  end(): void {
    this.ended = true;
    for (const resolve of this.waiting.splice(0)) resolve(false);
  }
}
