import { join } from 'node:path';
import type { InboxFileRow } from '../../../../db/repos/inbox';
import { writeFileDurably } from '../../library/library';
import { cleared, type InboxContext } from '../context';
import { engineFor } from '../engineRuns';
import { always, type Stage } from '../stage';
import { readingOf } from './read';

const range = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

/** MATCHED → CONVERTED: a PDF of the right pages (images to PDF, cover pages left out), each upright. */
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
  // Pages reading found lying on their side or upside down, by their page in the result.
  const turned = new Map(
    (readingOf(ctx, row)?.pages ?? [])
      .filter((p) => p.rotated !== 0)
      .map(({ page, rotated: turn }) => [pages ? pages.indexOf(page) + 1 : page, turn]),
  );
  if (row.kind === 'pdf') {
    if (pages || turned.size > 0)
      built = (await engine.extractPages({ path: absolute, name }, pages ?? range(row.pages ?? 1))).bytes;
  } else {
    built = (await engine.imagesToPdf([{ path: absolute, name }])).bytes;
  }
  if (built && turned.size > 0) {
    // pdf-lib only when a page needs turning: a CLI command that opens a workspace never loads it.
    const { rotatePdfPages } = await import('../../reading/rotatePages');
    built = await rotatePdfPages(built, turned);
  }
  if (!built) return ctx.move(row, 'converted', { workPath: null, ...cleared });
  const workPath = join(ctx.workOf(row), 'converted.pdf');
  writeFileDurably(workPath, built);
  return ctx.move(row, 'converted', { workPath, ...cleared });
}
