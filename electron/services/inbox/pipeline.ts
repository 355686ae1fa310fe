/**
 * The scan-folder pipeline (材料收件箱): files dropped in watched folders are claimed, secured in
 * the library, validated, matched to a person and a material type, converted, fitted under the
 * size limit and filed, each step committed to the journal (inbox_files) before the next starts.
 * A process killed at any point resumes every file where its row says it is; each step checks
 * what the previous attempt left (a renamed file, a library file, a document row) before acting,
 * so nothing is done twice and nothing is lost. A source leaves the scan folder only after the
 * document made from it is committed.
 */
import { randomBytes } from 'node:crypto';
import { constants, rmSync } from 'node:fs';
import { basename, dirname, extname, join, posix } from 'node:path';
import sharp from 'sharp';
import type { Repos } from '../../../db';
import type { InboxFileRow, InboxRepo, PersonKey, WatchedFolderRow } from '../../../db/repos/inbox';
import { AppError, notFound } from '../../../shared/api/errors';
import { materialType as findType } from '../../../shared/domain/materials';
import { safeFileName } from '../../../shared/validation/fileNames';
import { sha256Of, writeFileDurably, type Library } from '../library/library';
import type { PdfEngine } from '../pdf/engine';
import { fail, PdfError } from '../pdf/errors';
import { sniff, type FileKind } from '../pdf/sniff';
import { COVER_KEY, COVER_PREFIX, idCheck, parseCoverPayload } from './coverSheet';
import { nodeFs, withLockRetry, type InboxFs } from './fsOps';
import { matchFile, type Candidate } from './matcher';
import { renderName, uniqueName } from './names';
import { splitInReview, type SplitPart } from './reviewSplit';
import { limitBytes, readSettings } from './settings';
import { defaultValidUntil } from './validity';
import {
  DEFAULT_RETRY,
  describeFsError,
  FINAL_STATES,
  fsCode,
  InboxError,
  isTransientFs,
  permanent,
  retryDelay,
  review,
  STATE_LABELS,
  transient,
  type InboxState,
  type RetryPolicy,
} from './states';

/** What the pipeline needs of the PDF engine. */
export type InboxEngine = Pick<PdfEngine, 'compress' | 'imagesToPdf' | 'extractPages' | 'pageCodes' | 'pagePreview'>;

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
export type ProbePoint = `state:${InboxState}` | 'claim:renamed' | 'secure:written' | 'file:stored' | 'release:moved';

export interface InboxDeps {
  repos: Repos;
  inboxRepo: InboxRepo;
  library: Library;
  engine: InboxEngine;
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
}

export const IGNORED_NAMES =
  /^(thumbs\.db|desktop\.ini|\.ds_store|~\$.*|\._.*|\.~lock.*|.*\.(tmp|part|crdownload|partial))$/i;
export const ALLOWED_EXTENSIONS = new Set(['.pdf', '.jpg', '.jpeg', '.png', '.tif', '.tiff', '.heic', '.heif']);
export const DONE_FOLDER = '已处理';
export const APP_FOLDER = '.zhicheng';
const IGNORED_DIRS = new Set([APP_FOLDER, DONE_FOLDER, '@eadir', '$recycle.bin', 'system volume information']);
/** Files in subfolders count (a folder may name the person and the material), this deep. */
const MAX_DEPTH = 2;
const MAX_BYTES = 300 * 1024 * 1024;
/** Material type of an original that is not yet (or not only) one person's. */
export const ORIGINAL_TYPE = '扫描原件';

const KIND_EXT: Partial<Record<FileKind, string>> = {
  pdf: '.pdf',
  jpeg: '.jpg',
  png: '.png',
  tiff: '.tif',
  heic: '.heic',
};
const KIND_MIME: Partial<Record<FileKind, string>> = {
  pdf: 'application/pdf',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tiff: 'image/tiff',
  heic: 'image/heic',
};

export const isNetworkPath = (path: string) => /^(\\\\|\/\/)/.test(path);
export const stableWindowMs = (folder: WatchedFolderRow) =>
  (folder.stableSeconds ?? (folder.polling || isNetworkPath(folder.path) ? 25 : 10)) * 1000;

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

const PERMANENT_PDF = new Set([
  'PDF_ENCRYPTED',
  'PDF_EMPTY',
  'NOT_A_PDF',
  'IMAGE_UNSUPPORTED',
  'HEIC_UNSUPPORTED',
  'TOO_LARGE',
  'BAD_ARGUMENT',
]);

/** How many times a file may go back a step to remake lost work before it is quarantined. */
const MAX_REDOS = 2;
const REDO_MARK = '重新处理：';

export function createInbox(deps: InboxDeps) {
  const { repos, inboxRepo: journal, library, engine } = deps;
  const fs = deps.fs ?? nodeFs;
  const emit: InboxEmit = deps.emit ?? (() => {});
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...deps.retry };
  const recheckMs = deps.recheckMs ?? 1000;
  const lockRetryMs = deps.lockRetryMs ?? 2000;
  const incompleteRetries = deps.incompleteRetries ?? 3;
  const now = deps.clock ?? Date.now;
  const probe = (point: ProbePoint, row: InboxFileRow) => deps.probe?.(point, row);
  const peopleCache = { at: 0, list: [] as PersonKey[] };

  const people = () => {
    if (now() - peopleCache.at > 2000) {
      peopleCache.list = journal.people();
      peopleCache.at = now();
    }
    return peopleCache.list;
  };
  const folderOf = (row: InboxFileRow) => (row.folderId === null ? null : journal.folder(row.folderId));
  const sourcePath = (folder: WatchedFolderRow, row: InboxFileRow) => join(folder.path, ...row.relPath.split('/'));
  const workOf = (row: InboxFileRow) => join(deps.workDir, row.jobId);
  const claimedName = (row: InboxFileRow) => {
    const ext = extname(row.sourceName);
    const stem = [...row.sourceName.slice(0, row.sourceName.length - ext.length)].slice(0, 60).join('');
    return `${row.jobId}__${stem}${ext}`;
  };

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

  /**
   * Commits a new state (and its fields), tells the probe and the UI. Only from the state the
   * caller read: a row another step has moved meanwhile is left as it is, never moved back.
   */
  function move(
    row: InboxFileRow,
    state: InboxState,
    fields: Parameters<InboxRepo['transition']>[2] = {},
    detail: string | null = null,
  ) {
    const current = journal.file(row.id);
    if (current && current.state !== row.state) return current;
    const next = journal.transition(row.id, state, { nextAt: null, ...fields }, detail);
    probe(`state:${state}`, next);
    announce(next);
    return next;
  }

  // ── errors ──────────────────────────────────────────────────────────────────────────────

  function classify(error: unknown, doing: string): InboxError {
    if (error instanceof InboxError) return error;
    if (error instanceof PdfError) {
      if (error.pdfCode === 'CANNOT_FIT') return review(error.message, 'CANNOT_FIT');
      if (error.pdfCode === 'INTERNAL' || error.pdfCode === 'TIMEOUT') return transient(error.message, error.pdfCode);
      if (error.pdfCode === 'CANCELLED') return transient('处理已取消，稍后继续', 'CANCELLED');
      if (PERMANENT_PDF.has(error.pdfCode)) return permanent(error.message, error.pdfCode);
      return permanent(error.message, error.pdfCode);
    }
    const code = fsCode(error);
    if (code)
      return isTransientFs(error)
        ? transient(describeFsError(error, doing), code)
        : permanent(describeFsError(error, doing), code);
    return transient(`${doing}时出错：${error instanceof Error ? error.message : String(error)}`, 'INTERNAL');
  }

  function failed(row: InboxFileRow, error: unknown, doing: string): InboxFileRow {
    const problem = classify(error, doing);
    if (problem.code === 'CANCELLED' && stopping) return row;
    if (problem.kind === 'review') {
      return move(row, 'needs_review', { reviewReason: problem.message, failedState: row.state, lastError: null });
    }
    if (problem.kind === 'permanent') {
      return move(row, 'quarantined', { lastError: problem.message, failedState: row.state }, problem.code);
    }
    const attempt = row.attempt + 1;
    const firstErrorAt = row.firstErrorAt ?? now();
    const diskFull = problem.code === 'ENOSPC';
    if (diskFull)
      emit('inbox.alert', { kind: 'disk-full', message: `磁盘空间已满，「${row.sourceName}」等待空间后自动继续` });
    // A filed document never goes back: its source cleanup just keeps retrying.
    const mayGiveUp = !diskFull && row.state !== 'filed';
    if (mayGiveUp && (attempt >= policy.maxAttempts || now() - firstErrorAt >= policy.giveUpAfterMs)) {
      return move(
        row,
        'quarantined',
        { lastError: `${problem.message}（已重试 ${attempt} 次）`, failedState: row.state, attempt },
        problem.code,
      );
    }
    const nextAt = now() + retryDelay(policy, attempt);
    journal.patch(row.id, { attempt, nextAt, firstErrorAt, lastError: problem.message });
    journal.note(row.id, `${problem.code}: ${problem.message}; retry ${attempt} at ${new Date(nextAt).toISOString()}`);
    const next = journal.file(row.id)!;
    announce(next);
    return next;
  }

  const cleared = { attempt: 0, nextAt: null, firstErrorAt: null, lastError: null } as const;

  // ── the steps ───────────────────────────────────────────────────────────────────────────

  /** DETECTED → STABLE: size and time unchanged for the folder's window, not empty. */
  async function stabilise(row: InboxFileRow, folder: WatchedFolderRow): Promise<InboxFileRow> {
    let info;
    try {
      info = await fs.stat(sourcePath(folder, row));
    } catch (error) {
      if (fsCode(error) === 'ENOENT') {
        await folderReachable(folder);
        return move(row, 'gone', {}, '文件在处理前已被移走');
      }
      throw error;
    }
    const t = now();
    if (info.size !== row.size || info.mtimeMs !== row.mtimeMs) {
      journal.patch(row.id, { size: info.size, mtimeMs: info.mtimeMs, sameSince: t, nextAt: t + recheckMs });
      return journal.file(row.id)!;
    }
    const window = stableWindowMs(folder);
    const quiet = t - row.sameSince;
    const stable = info.size > 0 && (quiet >= window || (t - info.mtimeMs >= window && quiet >= recheckMs));
    if (!stable) {
      // The earliest moment it can count as stable: the window from the first look, or a second
      // look at a file whose time is already older than the window.
      const wake =
        info.size === 0
          ? t + window
          : Math.min(row.sameSince + window, Math.max(row.sameSince + recheckMs, info.mtimeMs + window));
      journal.patch(row.id, { nextAt: Math.max(wake, t + 10) });
      return journal.file(row.id)!;
    }
    return move(row, 'stable', cleared);
  }

  /** STABLE → CLAIMED: renamed into <folder>/.zhicheng/claimed/ (atomic on the same volume). */
  async function claim(row: InboxFileRow, folder: WatchedFolderRow): Promise<InboxFileRow> {
    const from = sourcePath(folder, row);
    const claimedDir = join(folder.path, APP_FOLDER, 'claimed');
    const to = join(claimedDir, claimedName(row));
    // A rename done before a crash: the file is already where this row puts it.
    if (await fs.exists(to)) return move(row, 'claimed', { claimedPath: to, ...cleared });
    let info;
    try {
      info = await fs.stat(from);
    } catch (error) {
      if (fsCode(error) === 'ENOENT') {
        await folderReachable(folder);
        return move(row, 'gone', {}, '文件在领取前已被移走（可能已被另一台电脑处理）');
      }
      throw error;
    }
    if (info.size !== row.size || info.mtimeMs !== row.mtimeMs) {
      return move(row, 'detected', { size: info.size, mtimeMs: info.mtimeMs, sameSince: now() }, '文件仍在变化');
    }
    try {
      await fs.mkdir(claimedDir);
      await withLockRetry(() => fs.rename(from, to), lockRetryMs);
    } catch (error) {
      const code = fsCode(error);
      const sourceThere = await fs.exists(from);
      if (code === 'ENOENT' && !sourceThere) {
        return move(row, 'gone', {}, '文件在领取时被另一台电脑或程序取走');
      }
      // On a read-only mount, making .zhicheng/ can fail with ENOENT as well as EROFS.
      const refused = code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOENT';
      if (refused && sourceThere && !(await writable(folder.path))) {
        // A read-only folder: copy it where it lies and remember it by name, size, time and hash.
        return move(row, 'claimed', { claimedPath: from, copyOnly: true, ...cleared }, '文件夹只读：只复制，不移动');
      }
      throw error;
    }
    probe('claim:renamed', row);
    return move(row, 'claimed', { claimedPath: to, ...cleared });
  }

  /** A missing file in a missing folder is an offline share, not a file gone: retry later. */
  async function folderReachable(folder: WatchedFolderRow): Promise<void> {
    if (!(await fs.exists(folder.path))) throw transient(`文件夹「${folder.path}」暂时无法访问`, 'EHOSTDOWN');
  }

  async function writable(dir: string): Promise<boolean> {
    try {
      await fs.access(dir, constants.W_OK);
      return true;
    } catch {
      return false;
    }
  }

  /** CLAIMED → SECURED: copied into the library, re-read and verified; the source unchanged meanwhile. */
  async function secure(row: InboxFileRow): Promise<InboxFileRow> {
    const path = row.claimedPath!;
    let before;
    try {
      before = await fs.stat(path);
    } catch (error) {
      if (fsCode(error) === 'ENOENT')
        throw permanent('已领取的文件不见了（被人从 .zhicheng 文件夹中移走？）', 'ENOENT');
      throw error;
    }
    if (before.size > MAX_BYTES)
      throw permanent(`文件有 ${fail.sizes.mb(before.size)}，超出本软件一次能处理的范围`, 'TOO_LARGE');
    const bytes = await fs.readFile(path);
    const sha256 = sha256Of(bytes);
    const kind = sniff(bytes);
    const ext = KIND_EXT[kind] ?? (extname(row.sourceName).toLowerCase() || '.bin');
    const storedPath = library.pathFor(sha256, ext);
    const absolute = library.absolute(storedPath);
    if (!(await fs.exists(absolute)) || sha256Of(await fs.readFile(absolute)) !== sha256)
      writeFileDurably(absolute, bytes);
    if (sha256Of(await fs.readFile(absolute)) !== sha256) throw transient('保存到资料库后校验不一致', 'VERIFY');
    const after = await fs.stat(path);
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || after.size !== bytes.length) {
      // Still being written (the scanner kept the file open through the rename): copy it again later.
      journal.patch(row.id, { size: after.size, mtimeMs: after.mtimeMs });
      throw transient('文件仍在写入，稍后重新复制', 'CHANGING');
    }
    probe('secure:written', row);
    return move(row, 'secured', {
      sha256,
      bytes: bytes.length,
      storedPath,
      kind,
      size: after.size,
      mtimeMs: after.mtimeMs,
      ...cleared,
    });
  }

  /** Has the claimed source changed since it was secured (a scanner still appending)? */
  async function sourceChanged(row: InboxFileRow): Promise<boolean> {
    if (!row.claimedPath) return false;
    try {
      const info = await fs.stat(row.claimedPath);
      return info.size !== row.size || info.mtimeMs !== row.mtimeMs;
    } catch {
      return false;
    }
  }

  function findDuplicate(row: InboxFileRow): { docId: number | null; fileId: number | null } | null {
    for (const doc of journal.documentsWithSha(row.sha256!)) {
      if (doc.status === 'active') return { docId: doc.id, fileId: null };
      const derived = journal.derivedFrom(doc.id)[0];
      if (derived) return { docId: derived.id, fileId: null };
    }
    const other = journal.liveWithSha(row.sha256!, row.id);
    return other ? { docId: other.documentId, fileId: other.id } : null;
  }

  /** Does the file's name (or its folder) say whose and what it is, with nothing to ask? */
  function identifies(row: InboxFileRow): boolean {
    const folder = folderOf(row);
    const found = matchFile({
      relPath: row.relPath,
      folder: { employeeId: folder?.employeeId ?? null, materialType: folder?.materialType ?? null },
      people: people(),
    });
    return !found.problem && found.employeeId !== null && found.materialType !== null;
  }

  function insertOriginal(row: InboxFileRow): number {
    const doc = repos.documents.insert({
      employeeId: null,
      declarationId: null,
      materialType: ORIGINAL_TYPE,
      year: null,
      title: `原件：${row.sourceName}`,
      fileName: safeFileName(row.sourceName),
      storedPath: row.storedPath!,
      sha256: row.sha256!,
      bytes: row.bytes!,
      mime: KIND_MIME[row.kind as FileKind] ?? 'application/octet-stream',
      pages: row.pages,
      source: '扫描',
      originalId: null,
      validUntil: null,
    });
    // An original is kept, never used in a kit: the filed document made from it is.
    repos.documents.setStatus(doc.id, 'superseded');
    return doc.id;
  }

  /** SECURED → VALIDATED (or DUPLICATE): the real type, a strict open, the pages; the original's row. */
  async function validate(row: InboxFileRow): Promise<InboxFileRow> {
    const kind = row.kind as FileKind;
    const absolute = library.absolute(row.storedPath!);
    const name = row.sourceName;
    let pages: number;
    try {
      if (kind === 'pdf') {
        pages = (await engine.compress({ path: absolute, name }, Number.MAX_SAFE_INTEGER)).pages;
      } else if (kind === 'jpeg' || kind === 'png' || kind === 'tiff') {
        pages = await checkImage(await fs.readFile(absolute), name);
      } else if (kind === 'heic') {
        throw fail.heic(name);
      } else if (kind === 'pdf-with-junk') {
        throw fail.junkBeforeHeader(name);
      } else {
        throw permanent(`文件「${name}」不是 PDF 或 JPG/PNG/TIFF 图片，无法归档`, 'UNSUPPORTED');
      }
    } catch (error) {
      const incomplete =
        (error instanceof PdfError && (error.pdfCode === 'PDF_DAMAGED' || error.pdfCode === 'IMAGE_DAMAGED')) ||
        (error instanceof InboxError && error.code === 'IMAGE_DAMAGED');
      if (!incomplete) throw error;
      if (await sourceChanged(row)) return move(row, 'claimed', { ...cleared }, '文件在保存后仍有变化，重新复制');
      const message = error.message;
      // Possibly still being written: wait and look again a few times, then it is damaged.
      if (row.attempt < incompleteRetries) throw transient(message, 'INCOMPLETE');
      throw permanent(message, 'DAMAGED');
    }
    let duplicate = findDuplicate(row);
    if (duplicate?.fileId && identifies(row)) {
      // Identical files: the one whose name says whose and what it is goes on; an unidentified twin
      // waiting in 待确认 is the duplicate instead, so discarding it loses nothing.
      const twin = journal.file(duplicate.fileId);
      if (twin?.state === 'needs_review') {
        const moved = move(
          twin,
          'duplicate',
          { duplicateOfFileId: row.id, duplicateOfDocId: null, reviewReason: null, ...cleared },
          `与「${row.sourceName}」完全相同，由其归档`,
        );
        await release(moved).catch((error: unknown) => journal.note(twin.id, describeFsError(error, '清理源文件')));
        duplicate = null;
      }
    }
    if (duplicate) {
      const next = move(row, 'duplicate', {
        pages,
        duplicateOfDocId: duplicate.docId,
        duplicateOfFileId: duplicate.fileId,
        ...cleared,
      });
      try {
        await release(next);
      } catch (error) {
        journal.note(row.id, describeFsError(error, '清理源文件')); // the leftover sweep tries again
      }
      return journal.file(row.id)!;
    }
    const committed = repos.transaction(() => {
      const current = journal.file(row.id)!;
      if (current.state !== 'secured') return current;
      const originalDocId = insertOriginal({ ...current, pages });
      return journal.transition(row.id, 'validated', { pages, originalDocId, ...cleared, nextAt: null });
    });
    probe('state:validated', committed);
    announce(committed);
    return committed;
  }

  async function checkImage(bytes: Uint8Array, name: string): Promise<number> {
    try {
      const meta = await sharp(bytes, { failOn: 'truncated', limitInputPixels: false }).metadata();
      if ((meta.width ?? 0) * (meta.height ?? 0) > 200_000_000)
        throw fail.tooLarge(name, `有 ${meta.width}×${meta.height} 像素`);
      await sharp(bytes, { failOn: 'truncated', limitInputPixels: 200_000_000 })
        .resize(64, 64, { fit: 'inside' })
        .raw()
        .toBuffer();
      return meta.format === 'tiff' ? (meta.pages ?? 1) : 1;
    } catch (error) {
      if (error instanceof PdfError) throw error;
      throw new InboxError('permanent', fail.imageDamaged(name).message, 'IMAGE_DAMAGED');
    }
  }

  /** VALIDATED → MATCHED, NEEDS_REVIEW or SPLIT: cover sheets first, then names. */
  async function match(row: InboxFileRow, folder: WatchedFolderRow | null): Promise<InboxFileRow> {
    const fromName = matchFile({
      relPath: row.relPath,
      folder: { employeeId: folder?.employeeId ?? null, materialType: folder?.materialType ?? null },
      people: people(),
    });
    let covers: Array<{
      page: number;
      target: { employeeId: number; materialType: string; year: number | null } | string;
    }> = [];
    if (row.kind === 'pdf') {
      // In the engine's worker: decoding QR codes is synchronous work, a page at a time.
      const codes = await engine.pageCodes(
        { path: library.absolute(row.storedPath!), name: row.sourceName },
        { markerKey: COVER_KEY, prefix: `${COVER_PREFIX}|` },
      );
      covers = codes.flatMap((qr, i) =>
        qr !== null && parseCoverPayload(qr) !== null ? [{ page: i + 1, target: resolveCover(qr) }] : [],
      );
    }
    const total = row.pages ?? 1;
    if (covers.length === 0) {
      if (fromName.problem) {
        return move(row, 'needs_review', {
          employeeId: fromName.employeeId,
          materialType: fromName.materialType,
          year: fromName.year,
          reviewReason: fromName.problem,
          candidates: JSON.stringify(fromName.candidates),
          failedState: 'validated',
          ...cleared,
        });
      }
      return move(row, 'matched', {
        employeeId: fromName.employeeId,
        materialType: fromName.materialType,
        year: fromName.year,
        matchedBy: fromName.matchedBy,
        candidates: JSON.stringify(fromName.candidates),
        ...cleared,
      });
    }
    const bad = covers.find((c) => typeof c.target === 'string');
    if (bad) {
      return move(row, 'needs_review', {
        reviewReason: `第 ${bad.page} 页的封面：${bad.target as string}`,
        failedState: 'validated',
        ...cleared,
      });
    }
    // Parts: the pages after each cover up to the next; pages before the first cover are a part of their own.
    const parts: Array<{ pages: number[]; cover: (typeof covers)[number] | null }> = [];
    const first = covers[0]!.page;
    if (first > 1) parts.push({ pages: range(1, first - 1), cover: null });
    covers.forEach((cover, i) => {
      const end = (covers[i + 1]?.page ?? total + 1) - 1;
      parts.push({ pages: range(cover.page + 1, end), cover });
    });
    const filled = parts.filter((p) => p.pages.length > 0);
    const emptyCovers = parts.filter((p) => p.pages.length === 0 && p.cover).map((p) => p.cover!.page);
    const note = emptyCovers.length ? `第 ${emptyCovers.join('、')} 页的封面后没有材料页，已忽略` : null;
    if (filled.length === 0) {
      return move(row, 'needs_review', {
        reviewReason: '文件中只有封面，没有材料页',
        failedState: 'validated',
        ...cleared,
      });
    }
    if (filled.length === 1 && filled[0]!.cover) {
      const target = filled[0]!.cover.target as { employeeId: number; materialType: string; year: number | null };
      return move(
        row,
        'matched',
        { ...target, matchedBy: 'qr', partPages: JSON.stringify(filled[0]!.pages), ...cleared },
        note,
      );
    }
    // A stack: each part becomes its own row, all in one commit with the stack's own state.
    const committed = repos.transaction(() => {
      const current = journal.file(row.id)!;
      if (current.state !== 'validated') return current;
      filled.forEach((part, i) => {
        const target = part.cover?.target as
          { employeeId: number; materialType: string; year: number | null } | undefined;
        const base = {
          folderId: row.folderId,
          parentId: row.id,
          jobId: `${row.jobId}-p${i + 1}`,
          relPath: row.relPath,
          sourceName: `${row.sourceName}（第 ${part.pages[0]}–${part.pages.at(-1)} 页）`,
          claimedPath: null,
          size: row.size,
          mtimeMs: row.mtimeMs,
          sameSince: row.sameSince,
          sha256: row.sha256,
          bytes: row.bytes,
          storedPath: row.storedPath,
          kind: row.kind,
          pages: part.pages.length,
          originalDocId: row.originalDocId,
          partPages: JSON.stringify(part.pages),
        };
        if (target) {
          journal.insertFile({ ...base, state: 'matched', ...target, matchedBy: 'qr' }, '按封面二维码拆分');
        } else if (fromName.problem) {
          journal.insertFile(
            {
              ...base,
              state: 'needs_review',
              employeeId: fromName.employeeId,
              materialType: fromName.materialType,
              year: fromName.year,
              reviewReason: `第一张封面之前的页面：${fromName.problem}`,
              candidates: JSON.stringify(fromName.candidates),
              failedState: 'matched',
            },
            '拆分：封面之前的页面',
          );
        } else {
          journal.insertFile(
            {
              ...base,
              state: 'matched',
              employeeId: fromName.employeeId,
              materialType: fromName.materialType,
              year: fromName.year,
              matchedBy: fromName.matchedBy,
            },
            '拆分：封面之前的页面',
          );
        }
      });
      return journal.transition(row.id, 'split', { ...cleared, nextAt: null }, note ?? `拆分为 ${filled.length} 份`);
    });
    probe('state:split', committed);
    announce(committed);
    for (const child of journal.children(row.id)) announce(child);
    return committed;
  }

  function resolveCover(payload: string): { employeeId: number; materialType: string; year: number | null } | string {
    const parsed = parseCoverPayload(payload)!;
    const person = journal.person(parsed.personId);
    if (!person || idCheck(person.idNumber) !== parsed.check)
      return '二维码对应的人员不在本工作区（可能是其他工作区打印的封面）';
    const type = findType(parsed.materialType);
    if (!type) return `二维码中的材料类型「${parsed.materialType}」未知`;
    if (type.perYear && parsed.year === null) return `「${type.type}」按年度归档，封面上没有年度`;
    return { employeeId: person.id, materialType: type.type, year: parsed.year };
  }

  /** MATCHED → CONVERTED: a PDF of the right pages (images to PDF, cover pages left out). */
  async function convert(row: InboxFileRow): Promise<InboxFileRow> {
    const absolute = library.absolute(row.storedPath!);
    const name = row.sourceName;
    const pages = row.partPages ? (JSON.parse(row.partPages) as number[]) : null;
    let built: Uint8Array | null = null;
    if (row.kind === 'pdf') {
      if (pages) built = (await engine.extractPages({ path: absolute, name }, pages)).bytes;
    } else {
      built = (await engine.imagesToPdf([{ path: absolute, name }])).bytes;
    }
    if (!built) return move(row, 'converted', { workPath: null, ...cleared });
    const workPath = join(workOf(row), 'converted.pdf');
    writeFileDurably(workPath, built);
    return move(row, 'converted', { workPath, ...cleared });
  }

  /**
   * Goes back a step to make a lost intermediate again, at most MAX_REDOS times: a file that keeps
   * losing its work is quarantined with the reason, never reprocessed in a loop.
   */
  function redo(row: InboxFileRow, state: InboxState, reason: string): InboxFileRow {
    const redos = journal.events(row.id).filter((e) => e.detail?.startsWith(REDO_MARK)).length;
    if (redos >= MAX_REDOS)
      return move(
        row,
        'quarantined',
        { lastError: `${reason}，已重新处理 ${redos} 次仍未完成，已停止。请重试或丢弃`, failedState: 'matched' },
        'REDO_LIMIT',
      );
    return move(row, state, {}, `${REDO_MARK}${reason}`);
  }

  /** CONVERTED → COMPRESSED: at or under the material's limit, or to review when it cannot fit. */
  async function compress(row: InboxFileRow): Promise<InboxFileRow> {
    const input = row.workPath ?? library.absolute(row.storedPath!);
    if (row.workPath && !(await fs.exists(row.workPath))) return redo(row, 'matched', '中间文件丢失');
    const limit = limitBytes(readSettings(repos), row.materialType!);
    const result = await engine.compress({ path: input, name: row.sourceName }, limit);
    const out = join(workOf(row), 'compressed.pdf');
    writeFileDurably(out, result.bytes);
    return move(row, 'compressed', {
      outputSha256: sha256Of(result.bytes),
      outputBytes: result.outputBytes,
      pages: result.pages,
      ...cleared,
    });
  }

  /** COMPRESSED → FILED: into the library under its own hash, then the document row, in one commit. */
  async function file(row: InboxFileRow): Promise<InboxFileRow> {
    const out = join(workOf(row), 'compressed.pdf');
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(out);
    } catch (error) {
      if (fsCode(error) === 'ENOENT') return redo(row, 'converted', '压缩结果丢失');
      throw error;
    }
    if (sha256Of(bytes) !== row.outputSha256) return redo(row, 'converted', '压缩结果校验不一致');
    const person = journal.person(row.employeeId!);
    if (!person) return move(row, 'needs_review', { reviewReason: '匹配到的人员已被删除', failedState: 'validated' });
    const storedPath = library.pathFor(row.outputSha256, '.pdf');
    const absolute = library.absolute(storedPath);
    if (!(await fs.exists(absolute)) || sha256Of(await fs.readFile(absolute)) !== row.outputSha256) {
      writeFileDurably(absolute, bytes);
    }
    probe('file:stored', row);
    const settings = readSettings(repos);
    const committed = repos.transaction(() => {
      const current = journal.file(row.id)!;
      if (current.state !== 'compressed') return current;
      // The PDF it became is already this person's document (e.g. a renamed copy of a filed one): linked, not filed twice.
      const same = journal
        .documentsWithSha(row.outputSha256!)
        .find((d) => d.status === 'active' && d.employeeId === person.id);
      if (same)
        return journal.transition(
          row.id,
          'duplicate',
          { duplicateOfDocId: same.id, duplicateOfFileId: null, ...cleared, nextAt: null },
          `与已归档的「${same.fileName}」完全相同`,
        );
      // Its document was made already (a commit cut short after it): it is filed, not to be made again.
      if (current.documentId !== null) return journal.transition(row.id, 'filed', { ...cleared, nextAt: null });
      const fileName = uniqueName(
        renderName(settings.nameTemplate, {
          姓名: person.name,
          身份证号: person.idNumber,
          工号: person.employeeNo,
          材料类型: row.materialType,
          年度: row.year,
          原文件名: basename(row.sourceName, extname(row.sourceName)),
        }),
        journal.fileNamesOf(person.id),
      );
      const doc = repos.documents.insert({
        employeeId: person.id,
        declarationId: null,
        materialType: row.materialType!,
        year: row.year,
        title: `${row.materialType}${row.year ? `（${row.year}年）` : ''}`,
        fileName,
        storedPath,
        sha256: row.outputSha256!,
        bytes: bytes.length,
        mime: 'application/pdf',
        pages: row.pages,
        source: '扫描',
        originalId: row.originalDocId,
        validUntil: defaultValidUntil(row.materialType!, new Date(now()), repos),
      });
      // A whole file's original is this person's; a stack's stays shared.
      if (row.originalDocId && row.parentId === null) {
        journal.updateDocument(row.originalDocId, {
          employeeId: person.id,
          materialType: row.materialType!,
          year: row.year,
        });
      }
      repos.audit.record({
        action: '扫描件归档',
        entity: 'documents',
        entityId: doc.id,
        detail: `${person.name} ${row.materialType}${row.year ? ` ${row.year}年` : ''}`,
      });
      return journal.transition(row.id, 'filed', {
        documentId: doc.id,
        outputName: fileName,
        ...cleared,
        nextAt: null,
      });
    });
    if (committed.state === 'duplicate') {
      announce(committed);
      rmSync(workOf(row), { recursive: true, force: true });
      await release(committed).catch((error: unknown) => journal.note(row.id, describeFsError(error, '清理源文件')));
      const parent = row.parentId === null ? null : journal.file(row.parentId);
      if (parent?.state === 'split') await finishStack(parent);
      return journal.file(row.id)!;
    }
    probe('state:filed', committed);
    announce(committed);
    emit('inbox.documents', { personId: person.id });
    rmSync(workOf(row), { recursive: true, force: true });
    return committed;
  }

  /** Moves a claimed source out of the scan folder: to 已处理/, or to .zhicheng/done/ until purged. */
  async function release(row: InboxFileRow): Promise<void> {
    if (row.releasedAt !== null || row.parentId !== null) return;
    const folder = folderOf(row);
    if (!row.claimedPath || row.copyOnly || !folder) {
      journal.patch(row.id, { releasedAt: now() });
      return;
    }
    let target = row.releaseTarget;
    if (!target) {
      target =
        folder.afterFiling === 'move'
          ? await freePath(join(folder.path, DONE_FOLDER, ...row.relPath.split('/')))
          : join(folder.path, APP_FOLDER, 'done', basename(row.claimedPath));
      journal.patch(row.id, { releaseTarget: target });
    }
    if (await fs.exists(row.claimedPath)) {
      await fs.mkdir(dirname(target));
      if (await fs.exists(target)) target = await freePath(target);
      journal.patch(row.id, { releaseTarget: target });
      const to = target;
      await withLockRetry(() => fs.rename(row.claimedPath!, to), lockRetryMs);
      probe('release:moved', row);
    }
    const purgeAt = folder.afterFiling === 'delete' ? now() + folder.deleteAfterDays * 86_400_000 : null;
    journal.patch(row.id, { releasedAt: now(), purgeAt });
  }

  async function freePath(path: string): Promise<string> {
    const ext = extname(path);
    const stem = path.slice(0, path.length - ext.length);
    let candidate = path;
    for (let i = 1; await fs.exists(candidate); i++) candidate = `${stem}_${String(i).padStart(2, '0')}${ext}`;
    return candidate;
  }

  /** FILED → RELEASED; a stack is released when all its parts are through. */
  async function finish(row: InboxFileRow): Promise<InboxFileRow> {
    rmSync(workOf(row), { recursive: true, force: true }); // left by a crash right after filing
    if (row.parentId !== null) {
      const done = move(row, 'released', { ...cleared, releasedAt: now() });
      const parent = journal.file(row.parentId);
      if (parent && parent.state === 'split') await finishStack(parent);
      return done;
    }
    await release(row);
    return move(row, 'released', cleared);
  }

  async function finishStack(parent: InboxFileRow): Promise<InboxFileRow> {
    const children = journal.children(parent.id);
    if (!children.every((c) => ['released', 'duplicate', 'discarded'].includes(c.state))) return parent;
    await release(parent);
    return move(parent, 'released', cleared);
  }

  // ── driving ─────────────────────────────────────────────────────────────────────────────

  async function step(row: InboxFileRow): Promise<InboxFileRow> {
    const folder = folderOf(row);
    switch (row.state as InboxState) {
      case 'detected':
        if (!folder) return move(row, 'gone', {}, '所在的监视文件夹已被删除');
        return stabilise(row, folder);
      case 'stable':
        if (!folder) return move(row, 'gone', {}, '所在的监视文件夹已被删除');
        return claim(row, folder);
      case 'claimed':
        return secure(row);
      case 'secured':
        return validate(row);
      case 'validated':
        return match(row, folder);
      case 'matched':
        return convert(row);
      case 'converted':
        return compress(row);
      case 'compressed':
        return file(row);
      case 'filed':
        return finish(row);
      case 'split':
        return finishStack(row);
      default:
        return row;
    }
  }

  const DOING: Partial<Record<InboxState, string>> = {
    detected: '检查文件',
    stable: '领取文件',
    claimed: '保存原件',
    secured: '校验文件',
    validated: '匹配人员',
    matched: '转换为 PDF',
    converted: '压缩',
    compressed: '归档',
    filed: '清理源文件',
  };

  /** Rows being moved now, by whom: one driver per row (the watcher's pass, an assignment, a retry). */
  const driving = new Map<number, Promise<InboxFileRow>>();

  /** Moves one row as far as it can go now; a row already being moved is waited for, not moved twice. */
  async function advance(start: InboxFileRow): Promise<InboxFileRow> {
    const busy = driving.get(start.id);
    if (busy) {
      await busy.catch(() => null);
      return journal.file(start.id) ?? start;
    }
    const run = drive(start);
    driving.set(start.id, run);
    try {
      return await run;
    } finally {
      driving.delete(start.id);
    }
  }

  async function drive(start: InboxFileRow): Promise<InboxFileRow> {
    let row = start;
    for (let guard = 0; guard < 40 && !stopping; guard++) {
      if (FINAL_STATES.has(row.state as InboxState)) return row;
      if (row.nextAt !== null && row.nextAt > now()) return row;
      const before = row.state;
      try {
        row = await step(row);
      } catch (error) {
        return failed(row, error, DOING[row.state as InboxState] ?? '处理');
      }
      if (row.state === before) return row; // waiting (stability) or a stack waiting for its parts
    }
    return row;
  }

  let stopping = false;
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
      while ((moved || again) && !stopping) {
        moved = false;
        again = false;
        for (const row of journal.ready(now())) {
          if (stopping) break;
          if (driving.has(row.id)) continue; // its driver takes it on
          const after = row.state === 'split' ? await finishStack(row) : await advance(row);
          if (after.state !== row.state || after.attempt !== row.attempt) {
            touched.push(row.id);
            moved = true;
          }
        }
      }
      return touched;
    })();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  // ── scanning ────────────────────────────────────────────────────────────────────────────

  async function listFiles(root: string): Promise<Array<{ relPath: string; size: number; mtimeMs: number }>> {
    const found: Array<{ relPath: string; size: number; mtimeMs: number }> = [];
    const walk = async (dir: string, rel: string, depth: number) => {
      let names: string[];
      try {
        names = await fs.readdir(dir);
      } catch (error) {
        if (depth === 0) throw error;
        return;
      }
      for (const name of names.sort()) {
        if (IGNORED_NAMES.test(name)) continue;
        const path = join(dir, name);
        let link;
        try {
          link = await fs.lstat(path);
        } catch {
          continue; // gone meanwhile
        }
        if (link.isSymbolicLink()) continue;
        const relPath = rel ? posix.join(rel, name) : name;
        if (link.isDirectory()) {
          if (
            depth < MAX_DEPTH &&
            !IGNORED_DIRS.has(name.toLowerCase()) &&
            !name.startsWith('.') &&
            !name.startsWith('@')
          )
            await walk(path, relPath, depth + 1);
          continue;
        }
        if (!link.isFile() || !ALLOWED_EXTENSIONS.has(extname(name).toLowerCase())) continue;
        try {
          const info = await fs.stat(path);
          found.push({ relPath: relPath.normalize('NFC'), size: info.size, mtimeMs: info.mtimeMs });
        } catch {
          // gone meanwhile
        }
      }
    };
    await walk(root, '', 0);
    return found;
  }

  const online = new Map<number, boolean>();

  function setOnline(folder: WatchedFolderRow, isOnline: boolean, message: string | null) {
    if (online.get(folder.id) === isOnline) return;
    online.set(folder.id, isOnline);
    emit('inbox.folder', { folderId: folder.id, path: folder.path, status: isOnline ? 'online' : 'offline', message });
    if (!isOnline)
      emit('inbox.alert', { kind: 'folder-offline', message: message ?? `文件夹「${folder.path}」无法访问` });
  }

  /** A full look at one folder: new files journaled, known ones observed, orphans adopted. */
  async function scanFolder(folder: WatchedFolderRow): Promise<number[]> {
    let files;
    try {
      const info = await fs.stat(folder.path);
      if (!info.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      files = await listFiles(folder.path);
    } catch (error) {
      setOnline(folder, false, describeFsError(error, `访问文件夹「${folder.path}」`));
      return [];
    }
    setOnline(folder, true, null);
    const t = now();
    const added: number[] = [];
    for (const found of files) {
      const rows = journal.byPath(folder.id, found.relPath);
      const live = rows.find((r) => (r.state === 'detected' || r.state === 'stable') && !r.copyOnly);
      if (live) {
        if (live.size !== found.size || live.mtimeMs !== found.mtimeMs) {
          journal.patch(live.id, { size: found.size, mtimeMs: found.mtimeMs, sameSince: t, nextAt: null });
        }
        continue;
      }
      // A read-only folder's file stays where it is: known by name, size and time, never taken twice.
      if (rows.some((r) => r.copyOnly && r.size === found.size && r.mtimeMs === found.mtimeMs && r.state !== 'gone'))
        continue;
      // A claimed copy-only file still on its way.
      if (rows.some((r) => r.copyOnly && !FINAL_STATES.has(r.state as InboxState))) continue;
      const row = journal.insertFile({
        folderId: folder.id,
        jobId: randomBytes(6).toString('hex'),
        relPath: found.relPath,
        sourceName: basename(found.relPath),
        size: found.size,
        mtimeMs: found.mtimeMs,
        sameSince: t,
        state: 'detected',
      });
      added.push(row.id);
      probe('state:detected', row);
      announce(row);
    }
    await adoptOrphans(folder);
    await purge(folder);
    return added;
  }

  /** Claimed files no row knows (a journal restored from a backup): taken in again, never lost. */
  async function adoptOrphans(folder: WatchedFolderRow): Promise<void> {
    const dir = join(folder.path, APP_FOLDER, 'claimed');
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(dir, name);
      if (journal.byClaimedPath(path)) continue;
      const cut = name.indexOf('__');
      const jobId = cut > 0 ? name.slice(0, cut) : null;
      const owner = jobId ? journal.inState(['stable', 'detected'], folder.id).find((r) => r.jobId === jobId) : null;
      if (owner) continue; // renamed just before a crash: its row finishes the claim
      let info;
      try {
        info = await fs.stat(path);
      } catch {
        continue;
      }
      if (!info.isFile()) continue;
      const sourceName = cut > 0 ? name.slice(cut + 2) : name;
      const row = journal.insertFile(
        {
          folderId: folder.id,
          jobId: randomBytes(6).toString('hex'),
          relPath: sourceName,
          sourceName,
          claimedPath: path,
          size: info.size,
          mtimeMs: info.mtimeMs,
          sameSince: now(),
          state: 'claimed',
        },
        '收回无记录的已领取文件',
      );
      announce(row);
    }
  }

  async function purge(folder: WatchedFolderRow): Promise<void> {
    for (const row of journal.purgeable(now())) {
      if (row.folderId !== folder.id || !row.releaseTarget) continue;
      try {
        await withLockRetry(() => fs.unlink(row.releaseTarget!), lockRetryMs);
      } catch (error) {
        if (fsCode(error) !== 'ENOENT') continue; // tried again at the next scan
      }
      journal.patch(row.id, { purged: true });
    }
  }

  /** Releases sources of duplicates and discarded files left behind by a crash. */
  async function releaseLeftovers(): Promise<void> {
    for (const row of journal.inState(['duplicate', 'discarded'])) {
      if (row.releasedAt !== null || row.parentId !== null) continue;
      try {
        await release(row);
      } catch (error) {
        journal.note(row.id, describeFsError(error, '清理源文件'));
      }
    }
  }

  async function scanAll(): Promise<number[]> {
    const added: number[] = [];
    for (const folder of journal.folders()) if (folder.enabled) added.push(...(await scanFolder(folder)));
    await releaseLeftovers();
    return added;
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  function outcome(row: InboxFileRow): FileOutcome {
    const folder = folderOf(row);
    const person = row.employeeId ? journal.person(row.employeeId) : null;
    return {
      id: row.id,
      parentId: row.parentId,
      path: folder ? join(folder.path, ...row.relPath.split('/')) : row.relPath,
      state: row.state as InboxState,
      label: STATE_LABELS[row.state as InboxState] ?? row.state,
      personId: row.employeeId,
      personIdNumber: person?.idNumber ?? null,
      personName: person?.name ?? null,
      materialType: row.materialType,
      year: row.year,
      documentId: row.documentId,
      outputName: row.outputName,
      outputBytes: row.outputBytes,
      pages: row.pages,
      message: messageOf(row),
    };
  }

  return {
    journal,
    outcome,
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
      for (let round = 0; round < 10_000 && !stopping; round++) {
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
      return [...new Map(rows.map((r) => [r.id, r])).values()].map(outcome);
    },

    /** Stops between steps; a step under way finishes (or is cancelled by the engine). */
    stop() {
      stopping = true;
    },

    // ── review and quarantine ──

    list(kind: 'review' | 'quarantine' | 'duplicate' | 'active' | 'recent', limit = 200): FileOutcome[] {
      const rows =
        kind === 'review'
          ? journal.inState(['needs_review'])
          : kind === 'quarantine'
            ? journal.inState(['quarantined'])
            : kind === 'duplicate'
              ? journal.inState(['duplicate'])
              : kind === 'active'
                ? journal.unfinished()
                : journal.recent(limit);
      return rows.slice(0, limit).map(outcome);
    },

    detail(fileId: number) {
      const row = journal.file(fileId);
      if (!row) throw notFound('该文件记录');
      return {
        ...outcome(row),
        reviewReason: row.reviewReason,
        lastError: row.lastError,
        attempt: row.attempt,
        nextAt: row.nextAt,
        candidates: row.candidates ? (JSON.parse(row.candidates) as Candidate[]) : [],
        partPages: row.partPages ? (JSON.parse(row.partPages) as number[]) : null,
        events: journal.events(fileId).map((e) => ({ at: e.at, state: e.state, detail: e.detail })),
      };
    },

    /** Page 1 (or `page`) of the secured original as a PNG, for the review queue. */
    async preview(fileId: number, page?: number): Promise<{ png: Buffer | null; pages: number | null }> {
      const row = journal.file(fileId);
      if (!row) throw notFound('该文件记录');
      if (!row.storedPath) return { png: null, pages: null };
      const parts = row.partPages ? (JSON.parse(row.partPages) as number[]) : null;
      const at = page ?? parts?.[0] ?? 1;
      const png = await engine
        .pagePreview({ path: library.absolute(row.storedPath), name: row.sourceName }, row.kind ?? 'pdf', at)
        .catch(() => null);
      return { png: png && Buffer.from(png), pages: row.pages };
    },

    /** The secured original's bytes, for a page the PNG preview cannot draw (vector text). */
    async original(fileId: number): Promise<{ name: string; bytes: Buffer; mime: string }> {
      const row = journal.file(fileId);
      if (!row) throw notFound('该文件记录');
      if (!row.storedPath) throw new AppError('CONFLICT', '该文件的原件尚未保存');
      const mime = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png', tiff: 'image/tiff' }[row.kind ?? ''];
      return {
        name: row.sourceName,
        bytes: await fs.readFile(library.absolute(row.storedPath)),
        mime: mime ?? 'application/octet-stream',
      };
    },

    /** The user says whose and what it is: the file goes on from MATCHED. */
    async assign(fileId: number, input: AssignInput): Promise<FileOutcome> {
      const row = journal.file(fileId);
      if (!row) throw notFound('该文件记录');
      if (!['needs_review', 'duplicate'].includes(row.state))
        throw new AppError('CONFLICT', `该文件当前状态为「${STATE_LABELS[row.state as InboxState]}」，不需要指定人员`);
      if (!row.storedPath) throw new AppError('CONFLICT', '该文件的原件尚未保存，不能指定人员');
      const person = journal.person(input.employeeId);
      if (!person) throw notFound('该人员');
      const type = findType(input.materialType);
      if (!type) throw new AppError('BAD_INPUT', `「${input.materialType}」不是已知的材料类型`);
      if (type.perYear && !input.year) throw new AppError('BAD_INPUT', `「${type.type}」按年度归档，请填写年度`);
      const next = repos.transaction(() => {
        const originalDocId = row.originalDocId ?? insertOriginal(row);
        const moved = journal.transition(
          fileId,
          'matched',
          {
            employeeId: person.id,
            materialType: type.type,
            year: input.year ?? null,
            matchedBy: 'manual',
            originalDocId,
            reviewReason: null,
            duplicateOfDocId: null,
            duplicateOfFileId: null,
            ...cleared,
            nextAt: null,
          },
          `人工指定：${person.name} ${type.type}${input.year ? ` ${input.year}` : ''}`,
        );
        repos.audit.record({
          action: '指定扫描件归属',
          entity: 'inbox_files',
          entityId: fileId,
          detail: `${person.name} ${type.type}`,
        });
        return moved;
      });
      probe('state:matched', next);
      announce(next);
      return outcome(await advance(next));
    },

    /** The user splits a scan in review by page ranges among people and types (reviewSplit.ts). */
    split: async (fileId: number, parts: readonly SplitPart[]): Promise<FileOutcome[]> =>
      (await splitInReview({ repos, journal, insertOriginal, announce, advance }, fileId, parts)).map(outcome),

    /** A quarantined file tried again from where it stopped. */
    async retry(fileId: number): Promise<FileOutcome> {
      const row = journal.file(fileId);
      if (!row) throw notFound('该文件记录');
      if (row.state !== 'quarantined' && row.state !== 'needs_review')
        throw new AppError('CONFLICT', '只有已隔离或待确认的文件可以重试');
      const resume = (row.failedState ?? 'claimed') as InboxState;
      const next = journal.transition(fileId, resume, { ...cleared, nextAt: null, reviewReason: null }, '重试');
      probe(`state:${resume}`, next);
      announce(next);
      return outcome(await advance(next));
    },

    /** Gives a quarantined or reviewed file up (audited); its source leaves the scan folder. */
    async discard(fileId: number): Promise<FileOutcome> {
      const row = journal.file(fileId);
      if (!row) throw notFound('该文件记录');
      if (!['quarantined', 'needs_review', 'duplicate'].includes(row.state))
        throw new AppError('CONFLICT', '只有已隔离、待确认或重复的文件可以丢弃');
      const next = journal.transition(fileId, 'discarded', { nextAt: null }, '用户丢弃');
      repos.audit.record({ action: '丢弃扫描件', entity: 'inbox_files', entityId: fileId, detail: row.sourceName });
      probe('state:discarded', next);
      announce(next);
      if (row.parentId !== null) {
        const parent = journal.file(row.parentId);
        if (parent?.state === 'split') await finishStack(parent);
      } else {
        await release(next);
      }
      return outcome(journal.file(fileId)!);
    },
  };
}
export type Inbox = ReturnType<typeof createInbox>;

function range(from: number, to: number): number[] {
  return from > to ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
