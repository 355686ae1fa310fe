import type { InboxFileRow } from '../../../../db/repos/inbox';
import type { DocumentReading } from '../../../../shared/reading/types';
import { cleared, type InboxContext } from '../context';
import type { ContentEvidence } from '../contentMatch';
import { engineCrashed } from '../engineRuns';
import { matchByName } from '../nameMatch';
import type { Stage } from '../stage';

/** What the read stage commits to the journal (inbox_files.reading). */
export interface StoredReading {
  reading: DocumentReading;
  evidence: ContentEvidence;
}

/**
 * VALIDATED → READ: the pages' text and what it says of the person, the type and the year.
 * OCR (seconds a page) only for a file whose name and folders leave a doubt, and only as far as
 * knowing whose and what it is needs; a file its name settles keeps its text layer alone (free),
 * which still speaks against a wrong name. Reading is evidence, not a gate: a file that cannot be
 * read goes on with its name alone.
 */
export const readStage: Stage = {
  from: 'validated',
  doing: '识别内容',
  commits: ['read'],
  ableToRun: (ctx) => (ctx.reader ? true : { state: 'read', detail: '未启用内容识别' }),
  run: read,
};

async function read(ctx: InboxContext, row: InboxFileRow): Promise<InboxFileRow> {
  const reader = ctx.reader!;
  let stored: StoredReading | null = null;
  try {
    const scope = matchByName(ctx, row).problem === null ? 'text' : 'enough';
    const reading = await reader.read(ctx, row, scope);
    stored = { reading, evidence: reader.evidence(reading, ctx.people()) };
  } catch (error) {
    if (engineCrashed(error)) throw error; // counted: a file that keeps crashing the engine stops here
    ctx.journal.note(row.id, `未能识别内容：${error instanceof Error ? error.message : String(error)}`);
  }
  return ctx.move(row, 'read', { reading: stored && JSON.stringify(stored), ...cleared });
}

export const storedReading = (row: InboxFileRow): StoredReading | null =>
  row.reading ? (JSON.parse(row.reading) as StoredReading) : null;

/**
 * What was read of the file a row files: its own reading, or for a stack's part the pages of its
 * stack's reading that it holds (their text only: the fields read may be another part's).
 */
export function readingOf(ctx: InboxContext, row: InboxFileRow): DocumentReading | null {
  const own = storedReading(row);
  if (own || row.parentId === null) return own?.reading ?? null;
  const stack = ctx.journal.file(row.parentId);
  const whole = stack ? storedReading(stack)?.reading : null;
  if (!whole) return null;
  const held = new Set(row.partPages ? (JSON.parse(row.partPages) as number[]) : []);
  return { ...whole, pages: whole.pages.filter((p) => held.has(p.page)), fields: {}, filing: {} };
}
