import type { InboxFileRow } from '../../../../db/repos/inbox';
import { materialType as findType } from '../../../../shared/domain/materials';
import { cleared, type InboxContext } from '../context';
import { engineFor } from '../engineRuns';
import { COVER_KEY, COVER_PREFIX, idCheck, parseCoverPayload } from '../coverSheet';
import { weigh } from '../contentMatch';
import { matchByName } from '../nameMatch';
import { partRow } from '../parts';
import { always, type Stage } from '../stage';
import { storedReading } from './read';

/** READ → MATCHED, NEEDS_REVIEW or SPLIT: cover sheets first, then the name weighed against the content. */
export const matchStage: Stage = {
  from: 'read',
  doing: '匹配人员',
  commits: ['matched', 'needs_review', 'split'],
  ableToRun: always,
  run: match,
};

async function match(ctx: InboxContext, row: InboxFileRow): Promise<InboxFileRow> {
  const { journal, library, move } = ctx;
  const engine = engineFor(ctx, row);
  const people = new Map(ctx.people().map((p) => [p.id, p.name]));
  const fromName = weigh(matchByName(ctx, row), storedReading(row)?.evidence ?? null, people);
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
      qr !== null && parseCoverPayload(qr) !== null ? [{ page: i + 1, target: resolveCover(ctx, qr) }] : [],
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
        failedState: 'read',
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
      failedState: 'read',
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
      failedState: 'read',
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
  const committed = ctx.repos.transaction(() => {
    const current = journal.file(row.id)!;
    if (current.state !== 'read') return current;
    filled.forEach((part, i) => {
      const target = part.cover?.target as
        { employeeId: number; materialType: string; year: number | null } | undefined;
      const base = partRow(row, `p${i + 1}`, part.pages, row.originalDocId);
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
  ctx.probe('state:split', committed);
  ctx.announce(committed);
  for (const child of journal.children(row.id)) ctx.announce(child);
  return committed;
}

function resolveCover(
  ctx: InboxContext,
  payload: string,
): { employeeId: number; materialType: string; year: number | null } | string {
  const parsed = parseCoverPayload(payload)!;
  const person = ctx.journal.person(parsed.personId);
  if (!person || idCheck(person.idNumber) !== parsed.check)
    return '二维码对应的人员不在本工作区（可能是其他工作区打印的封面）';
  const type = findType(parsed.materialType);
  if (!type) return `二维码中的材料类型「${parsed.materialType}」未知`;
  if (type.perYear && parsed.year === null) return `「${type.type}」按年度归档，封面上没有年度`;
  return { employeeId: person.id, materialType: type.type, year: parsed.year };
}

function range(from: number, to: number): number[] {
  return from > to ? [] : Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
