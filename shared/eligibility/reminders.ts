/**
 * What HR should be told, computed from the dashboard and the open declarations: someone becomes
 * eligible, people eligible now are in no batch, an acceptance window opens or is about to close,
 * a 学信网备案表 is about to expire or expires before its batch's deadline, a declaration came
 * back 退回修改. Each reminder has a stable key, so a dismissal sticks, and a link to where it is
 * dealt with.
 */
import { z } from 'zod';
import type { DashboardRow } from './dashboard';
import { nextWindow } from './windows';
import type { RulePack } from './pack';

export const Reminder = z.object({
  key: z.string(),
  kind: z.enum([
    'eligible',
    'eligibleWaiting',
    'windowOpens',
    'windowCloses',
    'recordExpires',
    'recordBeforeDeadline',
    'returned',
  ]),
  title: z.string(),
  body: z.string(),
  /** The day it is about. */
  due: z.string(),
  link: z.object({ type: z.enum(['person', 'batch', 'declaration', 'dashboard']), id: z.number().nullable() }),
});
export type Reminder = z.infer<typeof Reminder>;

/** A declaration still under way, as reminders need it. */
export interface OpenDeclaration {
  declarationId: number;
  personId: number;
  name: string;
  batchId: number;
  batchName: string;
  deadline: string | null;
  status: string;
  returnReason: string | null;
}

export interface ExpiringRecord {
  personId: number;
  name: string;
  validUntil: string;
}

const DAY_MS = 86_400_000;
const addDays = (day: string, days: number) => new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);

/** How far ahead and back reminders look. */
export const REMINDER_HORIZON = { eligibleAhead: 7, eligibleBack: 30, windowAhead: 14, recordAhead: 14 } as const;

export function computeReminders(
  rows: readonly DashboardRow[],
  declarations: readonly OpenDeclaration[],
  records: readonly ExpiringRecord[],
  pack: RulePack,
  asOf: string,
): Reminder[] {
  const reminders: Reminder[] = [];
  const inBatch = new Set(declarations.map((d) => d.personId));
  const waiting = rows.filter((r) => !inBatch.has(r.personId));

  for (const row of waiting) {
    const next = row.next;
    if (!next?.eligibleOn || next.blockers.length > 0) continue;
    if (
      next.eligibleOn < addDays(asOf, -REMINDER_HORIZON.eligibleBack) ||
      next.eligibleOn > addDays(asOf, REMINDER_HORIZON.eligibleAhead)
    )
      continue;
    const when = next.eligibleOn <= asOf ? `自 ${next.eligibleOn} 起` : `将于 ${next.eligibleOn}`;
    reminders.push({
      key: `eligible:${row.personId}:${next.level}:${next.eligibleOn}`,
      kind: 'eligible',
      title: `${row.name}可申报${next.route}${next.level}`,
      body: `${row.name}${when}可申报${next.route}${next.level}，尚未加入申报批次`,
      due: next.eligibleOn,
      link: { type: 'person', id: row.personId },
    });
  }

  // Eligible now and in no batch, however long ago they became so: one reminder for them all.
  const ready = waiting.filter((r) => r.bucket === 'now');
  if (ready.length > 0) {
    const ids = ready.map((r) => r.personId).sort((a, b) => a - b);
    const names = ready
      .slice(0, 3)
      .map((r) => r.name)
      .join('、');
    reminders.push({
      key: `eligibleWaiting:${ids.join(',')}`,
      kind: 'eligibleWaiting',
      title: `${ready.length}人现在可申报，尚未加入申报批次`,
      body: `${names}${ready.length > 3 ? ` 等${ready.length}人` : ''}现在可申报，尚未加入任何申报批次`,
      due: asOf,
      link: { type: 'dashboard', id: null },
    });
  }

  for (const d of declarations.filter((x) => x.status === '退回修改')) {
    reminders.push({
      key: `returned:${d.declarationId}:${d.returnReason ?? ''}`,
      kind: 'returned',
      title: `${d.name}的申报被退回修改`,
      body: `「${d.batchName}」：${d.returnReason ?? '未记录退回原因'}`,
      due: d.deadline ?? asOf,
      link: { type: 'declaration', id: d.declarationId },
    });
  }

  // A 备案表 that will have expired by its batch's deadline has to be downloaded again before submitting.
  const latestRecord = new Map<number, ExpiringRecord>();
  for (const r of records)
    if ((latestRecord.get(r.personId)?.validUntil ?? '') < r.validUntil) latestRecord.set(r.personId, r);
  for (const d of declarations) {
    const record = latestRecord.get(d.personId);
    if (!record || !d.deadline || record.validUntil >= d.deadline) continue;
    if (d.status !== '准备中' && d.status !== '材料齐全' && d.status !== '退回修改') continue;
    reminders.push({
      key: `recordBeforeDeadline:${d.declarationId}:${record.validUntil}:${d.deadline}`,
      kind: 'recordBeforeDeadline',
      title: `${d.name}的学信网备案表在提交截止前过期`,
      body: `有效期至 ${record.validUntil}，早于「${d.batchName}」的提交截止日 ${d.deadline}，请重新下载`,
      due: record.validUntil,
      link: { type: 'declaration', id: d.declarationId },
    });
  }

  const eligibleNow = ready.length;
  const window = nextWindow(pack, asOf);
  if (window && eligibleNow > 0) {
    if (window.from > asOf && window.from <= addDays(asOf, REMINDER_HORIZON.windowAhead)) {
      reminders.push({
        key: `windowOpens:${window.from}`,
        kind: 'windowOpens',
        title: `受理窗口 ${window.from} 开放`,
        body: `${window.from} 至 ${window.to} 受理申报，有${eligibleNow}人可申报但尚未加入批次`,
        due: window.from,
        link: { type: 'dashboard', id: null },
      });
    } else if (window.from <= asOf && window.to <= addDays(asOf, REMINDER_HORIZON.windowAhead)) {
      reminders.push({
        key: `windowCloses:${window.to}`,
        kind: 'windowCloses',
        title: `受理窗口 ${window.to} 关闭`,
        body: `本次受理 ${window.to} 截止，仍有${eligibleNow}人可申报但尚未加入批次`,
        due: window.to,
        link: { type: 'dashboard', id: null },
      });
    }
  }

  for (const record of records) {
    if (record.validUntil > addDays(asOf, REMINDER_HORIZON.recordAhead)) continue;
    const expired = record.validUntil < asOf;
    reminders.push({
      key: `recordExpires:${record.personId}:${record.validUntil}`,
      kind: 'recordExpires',
      title: `${record.name}的学信网备案表${expired ? '已过期' : '即将过期'}`,
      body: `有效期至 ${record.validUntil}，请重新下载`,
      due: record.validUntil,
      link: { type: 'person', id: record.personId },
    });
  }
  return reminders.sort((a, b) => a.due.localeCompare(b.due));
}
