import { sharpLib as sharp } from '../../lazyLibraries';
import type { InboxFileRow } from '../../../../db/repos/inbox';
import { fail, PdfError } from '../../pdf/errors';
import type { FileKind } from '../../pdf/sniff';
import { cleared, type InboxContext } from '../context';
import { engineFor } from '../engineRuns';
import { nameIdentifies } from '../nameMatch';
import { insertOriginal } from '../originals';
import { release } from '../release';
import { always, type Stage } from '../stage';
import { describeFsError, InboxError, permanent, transient } from '../states';

/** SECURED → VALIDATED (or DUPLICATE): the real type, a strict open, the pages; the original's row. */
export const validateStage: Stage = {
  from: 'secured',
  doing: '校验文件',
  commits: ['validated', 'duplicate', 'claimed'],
  ableToRun: always,
  run: validate,
};

async function validate(ctx: InboxContext, row: InboxFileRow): Promise<InboxFileRow> {
  const { fs, journal, library, move } = ctx;
  const engine = engineFor(ctx, row);
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
    if (await sourceChanged(ctx, row)) return move(row, 'claimed', { ...cleared }, '文件在保存后仍有变化，重新复制');
    const message = error.message;
    // Possibly still being written: wait and look again a few times, then it is damaged.
    if (row.attempt < ctx.incompleteRetries) throw transient(message, 'INCOMPLETE');
    throw permanent(message, 'DAMAGED');
  }
  let duplicate = findDuplicate(ctx, row);
  if (duplicate?.fileId && nameIdentifies(ctx, row)) {
    // Identical files: the one whose name says whose and what it is goes on; an unidentified twin
    // waiting in 待确认 (or not yet matched) is the duplicate instead, so discarding it loses nothing.
    const twin = journal.file(duplicate.fileId);
    if (
      twin &&
      (twin.state === 'needs_review' || (['validated', 'read'].includes(twin.state) && !nameIdentifies(ctx, twin)))
    ) {
      const moved = move(
        twin,
        'duplicate',
        { duplicateOfFileId: row.id, duplicateOfDocId: null, reviewReason: null, ...cleared },
        `与「${row.sourceName}」完全相同，由其归档`,
      );
      await release(ctx, moved).catch((error: unknown) => journal.note(twin.id, describeFsError(error, '清理源文件')));
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
      await release(ctx, next);
    } catch (error) {
      journal.note(row.id, describeFsError(error, '清理源文件')); // the leftover sweep tries again
    }
    return journal.file(row.id)!;
  }
  const committed = ctx.repos.transaction(() => {
    const current = journal.file(row.id)!;
    if (current.state !== 'secured') return current;
    const originalDocId = insertOriginal(ctx, { ...current, pages });
    return journal.transition(row.id, 'validated', { pages, originalDocId, ...cleared, nextAt: null });
  });
  ctx.probe('state:validated', committed);
  ctx.announce(committed);
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

/** Has the claimed source changed since it was secured (a scanner still appending)? */
async function sourceChanged(ctx: InboxContext, row: InboxFileRow): Promise<boolean> {
  if (!row.claimedPath) return false;
  try {
    const info = await ctx.fs.stat(row.claimedPath);
    return info.size !== row.size || info.mtimeMs !== row.mtimeMs;
  } catch {
    return false;
  }
}

/** A filed document with the same bytes, or an earlier file still on its way. */
function findDuplicate(ctx: InboxContext, row: InboxFileRow): { docId: number | null; fileId: number | null } | null {
  const { journal } = ctx;
  for (const doc of journal.documentsWithSha(row.sha256!)) {
    if (doc.status === 'active') return { docId: doc.id, fileId: null };
    const derived = journal.derivedFrom(doc.id)[0];
    if (derived) return { docId: derived.id, fileId: null };
  }
  const other = journal.liveWithSha(row.sha256!, row.id);
  return other ? { docId: other.documentId, fileId: other.id } : null;
}
