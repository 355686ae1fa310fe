import { join } from 'node:path';
import type { InboxFileRow } from '../../../../db/repos/inbox';
import { writeFileDurably } from '../../library/library';
import { cleared, type InboxContext } from '../context';
import { engineFor } from '../engineRuns';
import { always, type Stage } from '../stage';

/** MATCHED → CONVERTED: a PDF of the right pages (images to PDF, cover pages left out). */
export const convertStage: Stage = {
  from: 'matched',
  doing: '转换为 PDF',
  commits: ['converted'],
  ableToRun: always,
  run: convert,
};

async function convert(ctx: InboxContext, row: InboxFileRow): Promise<InboxFileRow> {
  const engine = engineFor(ctx, row);
  const absolute = ctx.library.absolute(row.storedPath!);
  const name = row.sourceName;
  const pages = row.partPages ? (JSON.parse(row.partPages) as number[]) : null;
  let built: Uint8Array | null = null;
  if (row.kind === 'pdf') {
    if (pages) built = (await engine.extractPages({ path: absolute, name }, pages)).bytes;
  } else {
    built = (await engine.imagesToPdf([{ path: absolute, name }])).bytes;
  }
  if (!built) return ctx.move(row, 'converted', { workPath: null, ...cleared });
  const workPath = join(ctx.workOf(row), 'converted.pdf');
  writeFileDurably(workPath, built);
  return ctx.move(row, 'converted', { workPath, ...cleared });
}
