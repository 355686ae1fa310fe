/**
 * What the user does with the inbox's files: the review queue (待确认) and quarantine, a file's
 * history and preview, assigning a person and a type, retrying and discarding. Each action is one
 * commit, audited, and the file then goes on through the stages like any other.
 */
import type { InboxFileRow } from '../../../db/repos/inbox';
import { AppError, notFound } from '../../../shared/api/errors';
import { materialType as findType } from '../../../shared/domain/materials';
import { cleared, type InboxContext } from './context';
import type { Candidate } from './matcher';
import { insertOriginal } from './originals';
import type { AssignInput, FileOutcome } from './pipeline';
import { finishStack, release } from './release';
import { splitInReview, type SplitPart } from './reviewSplit';
import { STATE_LABELS, type InboxState } from './states';

export function createReview(ctx: InboxContext, advance: (row: InboxFileRow) => Promise<InboxFileRow>) {
  const { journal, repos } = ctx;
  return {
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
      return rows.slice(0, limit).map(ctx.outcome);
    },

    detail(fileId: number) {
      const row = journal.file(fileId);
      if (!row) throw notFound('该文件记录');
      return {
        ...ctx.outcome(row),
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
      const png = await ctx.engine
        .pagePreview({ path: ctx.library.absolute(row.storedPath), name: row.sourceName }, row.kind ?? 'pdf', at)
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
        bytes: await ctx.fs.readFile(ctx.library.absolute(row.storedPath)),
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
        const originalDocId = row.originalDocId ?? insertOriginal(ctx, row);
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
      ctx.probe('state:matched', next);
      ctx.announce(next);
      return ctx.outcome(await advance(next));
    },

    /** The user splits a scan in review by page ranges among people and types (reviewSplit.ts). */
    split: async (fileId: number, parts: readonly SplitPart[]): Promise<FileOutcome[]> =>
      (
        await splitInReview(
          { repos, journal, insertOriginal: (row) => insertOriginal(ctx, row), announce: ctx.announce, advance },
          fileId,
          parts,
        )
      ).map(ctx.outcome),

    /** A quarantined file tried again from where it stopped. */
    async retry(fileId: number): Promise<FileOutcome> {
      const row = journal.file(fileId);
      if (!row) throw notFound('该文件记录');
      if (row.state !== 'quarantined' && row.state !== 'needs_review')
        throw new AppError('CONFLICT', '只有已隔离或待确认的文件可以重试');
      const resume = (row.failedState ?? 'claimed') as InboxState;
      const next = journal.transition(
        fileId,
        resume,
        { ...cleared, nextAt: null, reviewReason: null, engineRuns: 0 },
        '重试',
      );
      ctx.probe(`state:${resume}`, next);
      ctx.announce(next);
      return ctx.outcome(await advance(next));
    },

    /** Gives a quarantined or reviewed file up (audited); its source leaves the scan folder. */
    async discard(fileId: number): Promise<FileOutcome> {
      const row = journal.file(fileId);
      if (!row) throw notFound('该文件记录');
      if (!['quarantined', 'needs_review', 'duplicate'].includes(row.state))
        throw new AppError('CONFLICT', '只有已隔离、待确认或重复的文件可以丢弃');
      const next = journal.transition(fileId, 'discarded', { nextAt: null }, '用户丢弃');
      repos.audit.record({ action: '丢弃扫描件', entity: 'inbox_files', entityId: fileId, detail: row.sourceName });
      ctx.probe('state:discarded', next);
      ctx.announce(next);
      if (row.parentId !== null) {
        const parent = journal.file(row.parentId);
        if (parent?.state === 'split') await finishStack(ctx, parent);
      } else {
        await release(ctx, next);
      }
      return ctx.outcome(journal.file(fileId)!);
    },
  };
}
