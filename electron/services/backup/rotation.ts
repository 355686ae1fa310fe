/**
 * Which backups to keep: every backup of today, the newest of each of the 7 most recent days
 * that have one, and the newest of each of the 4 most recent weeks (Monday to Sunday). Days are
 * the user's local days; `now` is passed in so tests can walk the calendar.
 */
export interface Dated {
  name: string;
  createdAt: string;
}

export const DAILY_KEPT = 7;
export const WEEKLY_KEPT = 4;

const pad = (n: number) => String(n).padStart(2, '0');
const dayKey = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
function weekKey(d: Date): string {
  const monday = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7));
  return dayKey(monday);
}

/** The newest backup of each of the `limit` most recent periods. */
function newestPerPeriod(newestFirst: Dated[], key: (d: Date) => string, limit: number): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const backup of newestFirst) {
    const k = key(new Date(backup.createdAt));
    if (seen.has(k)) continue;
    seen.add(k);
    if (seen.size > limit) break;
    kept.push(backup.name);
  }
  return kept;
}

export function backupsToKeep(backups: Dated[], now: Date): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const today = dayKey(now);
  return new Set([
    ...newestFirst.filter((b) => dayKey(new Date(b.createdAt)) === today).map((b) => b.name),
    ...newestPerPeriod(newestFirst, dayKey, DAILY_KEPT),
    ...newestPerPeriod(newestFirst, weekKey, WEEKLY_KEPT),
  ]);
}

export const isSameDay = (a: Date, b: Date) => dayKey(a) === dayKey(b);
