import type { InboxFileRow } from '../../../db/repos/inbox';
import type { InboxContext } from './context';
import { matchFile, type MatchOutcome } from './matcher';

/**
 * What a file's name and its folders say of whose and what it is. A name a scanner or phone made
 * up says nothing (its date is the day of scanning): its folders still may.
 */
export function matchByName(ctx: InboxContext, row: InboxFileRow): MatchOutcome {
  const folder = ctx.folderOf(row);
  return matchFile({
    relPath: ctx.reader?.isGeneratedName(row.sourceName) ? row.relPath.split('/').slice(0, -1).join('/') : row.relPath,
    folder: { employeeId: folder?.employeeId ?? null, materialType: folder?.materialType ?? null },
    people: ctx.people(),
  });
}

/** Does the file's name (or its folder) say whose and what it is, with nothing to ask? */
export function nameIdentifies(ctx: InboxContext, row: InboxFileRow): boolean {
  const found = matchByName(ctx, row);
  return !found.problem && found.employeeId !== null && found.materialType !== null;
}
