/**
 * What HR should be told, computed from the dashboard: someone becomes eligible, an acceptance
 * window opens or is about to close with eligible people not yet in a batch, a 学信网备案表
 * is about to expire. Each reminder has a stable key, so a dismissal sticks.
 */
import { z } from 'zod';
import type { DashboardRow } from './dashboard';
import { nextWindow } from './windows';
import type { RulePack } from './pack';

export const Reminder = z.object({
  key: z.string(),
  kind: z.enum(['eligible', 'windowOpens', 'windowCloses', 'recordExpires']),
  title: z.string(),
  body: z.string(),
  /** The day it is about. */
  due: z.string(),
  link: z.object({ type: z.enum(['person', 'batch', 'dashboard']), id: z.number().nullable() }),
});
export type Reminder = z.infer<typeof Reminder>;

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
  inBatch: ReadonlySet<number>,
  records: readonly ExpiringRecord[],
  pack: RulePack,
  asOf: string,
): Reminder[] {
  const reminders: Reminder[] = [];
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

  const eligibleNow = waiting.filter((r) => r.bucket === 'now').length;
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
