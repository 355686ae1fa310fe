/**
 * The scan-folder pipeline (材料收件箱): files dropped in watched folders are claimed, secured in
 * the library, validated, matched to a person and a material type, converted, fitted under the
 * size limit and filed, each stage committed to the journal (inbox_files) before the next starts
 * (the stages, in order, are in ./stages). A process killed at any point resumes every file where
 * its row says it is. A source leaves the scan folder only after the document made from it is
 * committed.
 */
import type { Repos } from '../../../db';
import type { InboxFileRow, InboxRepo, PersonKey } from '../../../db/repos/inbox';
import type { DocumentReading, ReadScope, SuggestedFields } from '../../../shared/reading/types';
import type { Library } from '../library/library';
import type { PdfEngine } from '../pdf/engine';
import { createContext, type InboxContext } from './context';
import type { ContentEvidence } from './contentMatch';
import { createDriver } from './driver';
import type { InboxFs } from './fsOps';
import { createReview } from './review';
import { createScanner } from './scanner';
import type { InboxState, RetryPolicy } from './states';

export { ORIGINAL_TYPE } from './originals';

/** What the pipeline needs of the PDF engine. */
export type InboxEngine = Pick<
  PdfEngine,
  'compress' | 'imagesToPdf' | 'extractPages' | 'pageCodes' | 'pagePreview' | 'readPages'
>;

export interface InboxEvents {
  /** A file moved on (the live list). */
  'inbox.file': {
    fileId: number;
    folderId: number | null;
    parentId: number | null;
    name: string;
    state: InboxState;
    label: string;
    personId: number | null;
    personName: string | null;
    materialType: string | null;
    year: number | null;
    documentId: number | null;
    message: string | null;
  };
  /** A folder went offline, came back, or was scanned. */
  'inbox.folder': { folderId: number; path: string; status: 'online' | 'offline'; message: string | null };
  /** Something the user must fix (a full disk). */
  'inbox.alert': { kind: 'disk-full' | 'folder-offline' | 'stuck'; message: string };
  /** A person's documents changed (a file was filed for them). */
  'inbox.documents': { personId: number };
}
export type InboxEmit = <E extends keyof InboxEvents>(name: E, payload: InboxEvents[E]) => void;

/** Named points a test can stop the process at (after the work, before its commit). */
export type ProbePoint =
  `state:${InboxState}` | 'claim:renamed' | 'secure:written' | 'engine:started' | 'file:stored' | 'release:moved';

/** Reading a file's content: its pages' text and what they say of whose and what it is. */
export interface InboxReader {
  read(ctx: InboxContext, row: InboxFileRow, scope: ReadScope): Promise<DocumentReading>;
  evidence(reading: DocumentReading, people: PersonKey[]): ContentEvidence;
  /** Names scanners and phones make up (Scan_…, IMG_…): they say nothing of person, type or year. */
  isGeneratedName(name: string): boolean;
}

export interface InboxDeps {
  repos: Repos;
  inboxRepo: InboxRepo;
  library: Library;
  engine: InboxEngine;
  reader?: InboxReader;
  /** Suggestions of records from a filed document's fields (idempotent per document and kind). */
  suggest?: (documentId: number, employeeId: number, fields: SuggestedFields) => void;
  /** Work files: <workDir>/<jobId>/converted.pdf, compressed.pdf. */
  workDir: string;
  emit?: InboxEmit;
  fs?: InboxFs;
  retry?: Partial<RetryPolicy>;
  /** Two looks at an unchanged old file at least this far apart make it stable (default 1 s). */
  recheckMs?: number;
  /** How long a rename or delete retries in place on a lock before it is a retry later. */
  lockRetryMs?: number;
  /** How often a PDF that looks cut off is re-read before it is quarantined as damaged. */
  incompleteRetries?: number;
  clock?: () => number;
  probe?: (point: ProbePoint, row: InboxFileRow) => void;
  /** Files moved on at once (default 2: the engine has a job per core). */
  concurrency?: number;
}

export {
  ALLOWED_EXTENSIONS,
  APP_FOLDER,
  DONE_FOLDER,
  IGNORED_NAMES,
  isNetworkPath,
  stableWindowMs,
} from './folderRules';

export interface FileOutcome {
  id: number;
  parentId: number | null;
  path: string;
  state: InboxState;
  label: string;
  personId: number | null;
  personIdNumber: string | null;
  personName: string | null;
  materialType: string | null;
  year: number | null;
  documentId: number | null;
  /** How whose and what it is was known: idNumber, employeeNo, name, folder, qr, manual, content, or a+b. */
  matchedBy: string | null;
  /** The records its document suggested (「从材料识别，待确认」). */
  suggestions: Array<{ kind: string; status: string }>;
  outputName: string | null;
  outputBytes: number | null;
  pages: number | null;
  message: string | null;
}

export interface AssignInput {
  employeeId: number;
  materialType: string;
  year?: number | null;
}

export function createInbox(deps: InboxDeps) {
  const ctx = createContext(deps);
  const { journal, now } = ctx;
  const { advance, processReady } = createDriver(ctx, deps.concurrency ?? 2);
  const { scanFolder, scanAll } = createScanner(ctx);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  return {
    journal,
    outcome: ctx.outcome,
    scanFolder,
    scanAll,
    processReady,
    advance,

    /**
     * Every watched folder once: scanned, and every file taken as far as it goes. Waits for files
     * still settling or retrying soon, up to `maxWaitMs`; returns what happened to each file seen.
     */
    async runOnce(options: { maxWaitMs?: number } = {}): Promise<FileOutcome[]> {
      const started = now();
      const maxWait = options.maxWaitMs ?? 30_000;
      const seen = new Set<number>(journal.unfinished().map((r) => r.id));
      for (let round = 0; round < 10_000 && !ctx.stopping; round++) {
        for (const id of await scanAll()) seen.add(id);
        for (const id of await processReady()) seen.add(id);
        const waiting = journal
          .unfinished()
          .filter((r) => r.state !== 'split' && r.nextAt !== null)
          .map((r) => r.nextAt!);
        if (waiting.length === 0) break;
        const wake = Math.min(...waiting);
        if (wake - started > maxWait) break;
        await sleep(Math.max(0, wake - now()) + 5);
      }
      const ids = [...seen].sort((a, b) => a - b);
      const rows = ids.flatMap((id) => {
        const row = journal.file(id);
        return row ? [row, ...journal.children(id)] : [];
      });
      return [...new Map(rows.map((r) => [r.id, r])).values()].map(ctx.outcome);
    },

    /** Stops between steps; a step under way finishes (or is cancelled by the engine). */
    stop() {
      ctx.stop();
    },

    ...createReview(ctx, advance),
  };
}
export type Inbox = ReturnType<typeof createInbox>;
