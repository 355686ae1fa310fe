/**
 * 待确认 splits a multi-page scan by page ranges among people and material types (pages 1–2 张三's
 * 学历证书, page 3 李四's 2023 年度考核表). It reuses the cover-sheet stack: each range becomes a
 * child row (parent_id, part_pages) already matched, the scan itself becomes a `split` row, all
 * in one transaction; the pipeline files each part, and the scan is released once every part is
 * through. A crash before the commit leaves the file in review; after it, the parts go on.
 */
import type { Repos } from '../../../db';
import type { InboxFileRow, InboxRepo } from '../../../db/repos/inbox';
import { AppError, notFound } from '../../../shared/api/errors';
import { materialType as findType } from '../../../shared/domain/materials';
import { partRow } from './parts';
import { STATE_LABELS, type InboxState } from './states';

/** One range of pages, as the review pane shows them (1 is the file's first page there). */
export interface SplitPart {
  from: number;
  to: number;
  employeeId: number;
  materialType: string;
  year?: number | null;
}

export interface ReviewSplitDeps {
  repos: Repos;
  journal: InboxRepo;
  /** The original's document row (kept, never in a kit), made when the file has none yet. */
  insertOriginal(row: InboxFileRow): number;
  announce(row: InboxFileRow): void;
  /** Takes a row as far as it can go now. */
  advance(row: InboxFileRow): Promise<InboxFileRow>;
}

interface CheckedPart {
  pages: number[];
  employeeId: number;
  personName: string;
  materialType: string;
  year: number | null;
}

const pageList = (pages: readonly number[]) => pages.join('、');

/** Every part checked against the file and the roster; the first problem is said, naming its part. */
function checkParts(journal: InboxRepo, row: InboxFileRow, parts: readonly SplitPart[]): CheckedPart[] {
  if (row.state !== 'needs_review')
    throw new AppError(
      'CONFLICT',
      `该文件当前状态为「${STATE_LABELS[row.state as InboxState] ?? row.state}」，只有待确认的文件可以拆分`,
    );
  if (!row.storedPath) throw new AppError('CONFLICT', '该文件的原件尚未保存，不能拆分');
  const total = row.pages ?? 1;
  if (row.kind !== 'pdf' || total < 2) throw new AppError('BAD_INPUT', '只有多页的 PDF 可以按页拆分');
  if (parts.length === 0) throw new AppError('BAD_INPUT', '请至少指定一段页码');
  // Page numbers in the pane are the file's own; a part of a stack maps them to the scan's pages.
  const absolute: number[] = row.partPages
    ? (JSON.parse(row.partPages) as number[])
    : Array.from({ length: total }, (_, i) => i + 1);
  const owner = new Map<number, number>();
  return parts.map((part, i) => {
    const label = `第 ${i + 1} 段`;
    if (!Number.isInteger(part.from) || !Number.isInteger(part.to) || part.from < 1 || part.to > total)
      throw new AppError('BAD_INPUT', `${label}的页码 ${part.from}–${part.to} 超出文件的第 1–${total} 页`);
    if (part.from > part.to) throw new AppError('BAD_INPUT', `${label}的起始页 ${part.from} 大于结束页 ${part.to}`);
    for (let page = part.from; page <= part.to; page++) {
      const other = owner.get(page);
      if (other !== undefined)
        throw new AppError('BAD_INPUT', `${label}与第 ${other + 1} 段的页码重叠（第 ${page} 页）`);
      owner.set(page, i);
    }
    const person = journal.person(part.employeeId);
    if (!person) throw new AppError('NOT_FOUND', `${label}：该人员不存在或已被删除`);
    const type = findType(part.materialType);
    if (!type) throw new AppError('BAD_INPUT', `${label}：「${part.materialType}」不是已知的材料类型`);
    if (type.perYear && !part.year) throw new AppError('BAD_INPUT', `${label}：「${type.type}」按年度归档，请填写年度`);
    return {
      pages: absolute.slice(part.from - 1, part.to),
      employeeId: person.id,
      personName: person.name,
      materialType: type.type,
      year: part.year ?? null,
    };
  });
}

/** Splits a file in review into its parts and files them; returns the parts as they ended up. */
export async function splitInReview(
  deps: ReviewSplitDeps,
  fileId: number,
  parts: readonly SplitPart[],
): Promise<InboxFileRow[]> {
  const { repos, journal } = deps;
  const row = journal.file(fileId);
  if (!row) throw notFound('该文件记录');
  const checked = checkParts(journal, row, parts);
  const shown = row.partPages ? (JSON.parse(row.partPages) as number[]).length : (row.pages ?? 1);
  const covered = new Set(parts.flatMap((p) => Array.from({ length: p.to - p.from + 1 }, (_, k) => p.from + k)));
  const left = Array.from({ length: shown }, (_, i) => i + 1).filter((page) => !covered.has(page));

  const parent = repos.transaction(() => {
    const current = journal.file(fileId)!;
    if (current.state !== 'needs_review') throw new AppError('CONFLICT', '该文件已被处理，请刷新后再试');
    const originalDocId = current.originalDocId ?? deps.insertOriginal(current);
    checked.forEach((part, i) => {
      journal.insertFile(
        {
          ...partRow(current, `r${i + 1}`, part.pages, originalDocId),
          state: 'matched',
          employeeId: part.employeeId,
          materialType: part.materialType,
          year: part.year,
          matchedBy: 'manual',
        },
        `人工拆分：${part.personName} ${part.materialType}${part.year ? ` ${part.year}` : ''}`,
      );
    });
    repos.audit.record({
      action: '拆分扫描件',
      entity: 'inbox_files',
      entityId: current.id,
      detail: checked.map((p) => `${p.personName} ${p.materialType}`).join('；'),
    });
    const note = left.length > 0 ? `，第 ${pageList(left)} 页未归档` : '';
    return journal.transition(
      current.id,
      'split',
      { originalDocId, reviewReason: null, attempt: 0, nextAt: null, firstErrorAt: null, lastError: null },
      `人工拆分为 ${checked.length} 份${note}`,
    );
  });
  deps.announce(parent);
  const children = journal.children(parent.id);
  for (const child of children) deps.announce(child);
  // One after another: each part is a compression run, and the scan is released after the last.
  const done: InboxFileRow[] = [];
  for (const child of children) done.push(await deps.advance(child));
  return done;
}
