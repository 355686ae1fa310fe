/**
 * What every stage of the inbox pipeline shares: the journal, the library and the engine, and
 * the one way a row moves on (`move`: commit the state, tell the probe and the UI). A stage
 * module gets this and nothing else, so it can be read and tested on its own.
 */
import { join } from 'node:path';
import type { Repos } from '../../../db';
import type { InboxFileRow, InboxRepo, PersonKey, WatchedFolderRow } from '../../../db/repos/inbox';
import type { Library } from '../library/library';
import { nodeFs, type InboxFs } from './fsOps';
import type { FileOutcome, InboxDeps, InboxEmit, InboxEngine, InboxReader, ProbePoint } from './pipeline';
import { DEFAULT_RETRY, STATE_LABELS, type InboxState, type RetryPolicy } from './states';

export interface InboxContext {
  repos: Repos;
  journal: InboxRepo;
  library: Library;
  engine: InboxEngine;
  /** Reads a file's pages and weighs what they say; without it files are known by name alone. */
  reader: InboxReader | null;
  /** Makes suggestions of records from what a filed document says. */
  suggest: InboxDeps['suggest'] | null;
  fs: InboxFs;
  emit: InboxEmit;
  policy: RetryPolicy;
  recheckMs: number;
  lockRetryMs: number;
  incompleteRetries: number;
  now: () => number;
  probe: (point: ProbePoint, row: InboxFileRow) => void;
  /** The roster as matching sees it (cached for two seconds: a pass looks it up per file). */
  people(): PersonKey[];
  folderOf(row: InboxFileRow): WatchedFolderRow | null;
  sourcePath(folder: WatchedFolderRow, row: InboxFileRow): string;
  /** The row's work folder: <workDir>/<jobId>/. */
  workOf(row: InboxFileRow): string;
  announce(row: InboxFileRow): void;
  messageOf(row: InboxFileRow): string | null;
  outcome(row: InboxFileRow): FileOutcome;
  /**
   * Commits a new state (and its fields), tells the probe and the UI. Only from the state the
   * caller read: a row another step has moved meanwhile is left as it is, never moved back.
   */
  move(
    row: InboxFileRow,
    state: InboxState,
    fields?: Parameters<InboxRepo['transition']>[2],
    detail?: string | null,
  ): InboxFileRow;
  /** Runs `work` after any earlier work under the same key has ended (a stack's parts finish at once). */
  serially<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Set once the inbox is stopping: no new step starts. */
  readonly stopping: boolean;
  stop(): void;
}

/** The error bookkeeping a step that succeeded clears. */
export const cleared = { attempt: 0, nextAt: null, firstErrorAt: null, lastError: null } as const;

export function createContext(deps: InboxDeps): InboxContext {
  const { repos, inboxRepo: journal } = deps;
  const emit: InboxEmit = deps.emit ?? (() => {});
  const now = deps.clock ?? Date.now;
  const peopleCache = { at: 0, list: [] as PersonKey[] };
  let stopping = false;
  const queues = new Map<string, Promise<unknown>>();

  function messageOf(row: InboxFileRow): string | null {
    if (row.state === 'needs_review') return row.reviewReason;
    if (row.state === 'quarantined') return row.lastError;
    if (row.state === 'duplicate') {
      const doc = row.duplicateOfDocId ? repos.documents.get(row.duplicateOfDocId) : null;
      if (doc) return `与已归档的「${doc.fileName}」完全相同，未重复归档`;
      const twin = row.duplicateOfFileId ? journal.file(row.duplicateOfFileId) : null;
      return twin ? `与「${twin.sourceName}」完全相同，由其归档` : '与另一份正在处理的文件完全相同，未重复归档';
    }
    if (row.nextAt !== null && row.lastError) return `${row.lastError}（稍后重试）`;
    return null;
  }

  const folderOf = (row: InboxFileRow) => (row.folderId === null ? null : journal.folder(row.folderId));
  const sourcePath = (folder: WatchedFolderRow, row: InboxFileRow) => join(folder.path, ...row.relPath.split('/'));

  function announce(row: InboxFileRow): void {
    const person = row.employeeId ? journal.person(row.employeeId) : null;
    emit('inbox.file', {
      fileId: row.id,
      folderId: row.folderId,
      parentId: row.parentId,
      name: row.sourceName,
      state: row.state as InboxState,
      label: STATE_LABELS[row.state as InboxState] ?? row.state,
      personId: row.employeeId,
      personName: person?.name ?? null,
      materialType: row.materialType,
      year: row.year,
      documentId: row.documentId,
      message: messageOf(row),
    });
  }

  const ctx: InboxContext = {
    repos,
    journal,
    library: deps.library,
    engine: deps.engine,
    reader: deps.reader ?? null,
    suggest: deps.suggest ?? null,
    fs: deps.fs ?? nodeFs,
    emit,
    policy: { ...DEFAULT_RETRY, ...deps.retry },
    recheckMs: deps.recheckMs ?? 1000,
    lockRetryMs: deps.lockRetryMs ?? 2000,
    incompleteRetries: deps.incompleteRetries ?? 3,
    now,
    probe: (point, row) => deps.probe?.(point, row),
    people() {
      if (now() - peopleCache.at > 2000) {
        peopleCache.list = journal.people();
        peopleCache.at = now();
      }
      return peopleCache.list;
    },
    folderOf,
    sourcePath,
    workOf: (row) => join(deps.workDir, row.jobId),
    announce,
    messageOf,
    outcome(row) {
      const folder = folderOf(row);
      const person = row.employeeId ? journal.person(row.employeeId) : null;
      return {
        id: row.id,
        parentId: row.parentId,
        path: folder ? sourcePath(folder, row) : row.relPath,
        state: row.state as InboxState,
        label: STATE_LABELS[row.state as InboxState] ?? row.state,
        personId: row.employeeId,
        personIdNumber: person?.idNumber ?? null,
        personName: person?.name ?? null,
        materialType: row.materialType,
        year: row.year,
        documentId: row.documentId,
        matchedBy: row.matchedBy,
        suggestions:
          row.documentId === null
            ? []
            : repos.suggestions.list({ documentId: row.documentId }).map((s) => ({ kind: s.kind, status: s.status })),
        outputName: row.outputName,
        outputBytes: row.outputBytes,
        pages: row.pages,
        message: messageOf(row),
      };
    },
    move(row, state, fields = {}, detail = null) {
      const current = journal.file(row.id);
      if (current && current.state !== row.state) return current;
      const next = journal.transition(row.id, state, { nextAt: null, ...fields }, detail);
      ctx.probe(`state:${state}`, next);
      announce(next);
      return next;
    },
    serially(key, work) {
      const run = (queues.get(key) ?? Promise.resolve()).catch(() => null).then(work);
      queues.set(key, run);
      void run.finally(() => queues.get(key) === run && queues.delete(key)).catch(() => null);
      return run;
    },
    get stopping() {
      return stopping;
    },
    stop() {
      stopping = true;
    },
  };
  return ctx;
}
