/**
 * A stage of the inbox pipeline, the way paperless-ngx's consumer plugins are: it takes rows in
 * one state, says whether it can run on a row, runs, and commits one of the states it names.
 * Each stage checks what an earlier attempt left (a renamed file, a library file, a document
 * row) before acting, so a process killed at any point resumes where the row says it is.
 */
import type { InboxFileRow } from '../../../db/repos/inbox';
import type { InboxContext } from './context';
import type { InboxState } from './states';

/** Where a row goes instead when a stage cannot run on it. */
export interface Skip {
  state: InboxState;
  detail: string;
}

export interface Stage {
  /** The state of the rows it takes. */
  readonly from: InboxState;
  /** What it does, as an error message says it (「压缩时出错」). */
  readonly doing: string;
  /** The states it may commit (the row's own state, unchanged, means "not yet"). */
  readonly commits: readonly InboxState[];
  /** True when it can run on this row; otherwise where the row goes. */
  ableToRun(ctx: InboxContext, row: InboxFileRow): true | Skip;
  run(ctx: InboxContext, row: InboxFileRow): Promise<InboxFileRow>;
}

export const always = (): true => true;
