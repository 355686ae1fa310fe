/** The 工作台's view of eligibility: who can apply now, soon, or is blocked, and when the window opens. */
import { z } from 'zod';
import { TITLE_LEVELS } from '../domain/enums';
import type { EligibilityResult, Step } from './engine';
import { nextWindow, type Window } from './windows';
import type { RulePack } from './pack';

export const BUCKETS = ['now', 'within30', 'within90', 'within180', 'later', 'blocked', 'done'] as const;
export type Bucket = (typeof BUCKETS)[number];
export const BUCKET_LABELS: Record<Bucket, string> = {
  now: '现在可申报',
  within30: '30天内可申报',
  within90: '90天内可申报',
  within180: '180天内可申报',
  later: '更晚',
  blocked: '受阻',
  done: '已到最高级',
};

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

export function bucketOf(next: Step | null, asOf: string): Bucket {
  if (next === null) return 'done';
  if (next.blockers.length > 0 || next.eligibleOn === null) return 'blocked';
  if (next.eligibleNow) return 'now';
  const days = daysBetween(asOf, next.eligibleOn);
  return days <= 30 ? 'within30' : days <= 90 ? 'within90' : days <= 180 ? 'within180' : 'later';
}

export const StepSchema = z.object({
  route: z.enum(['初定', '评审']),
  level: z.enum(TITLE_LEVELS).nullable(),
  eligibleOn: z.string().nullable(),
  eligibleNow: z.boolean(),
  blockers: z.array(z.object({ code: z.string(), year: z.number().nullable(), message: z.string() })),
  rule: z.string().nullable(),
  education: z.string().nullable(),
  after: z.string().optional(),
});

export const DashboardRow = z.object({
  personId: z.number(),
  name: z.string(),
  idNumber: z.string(),
  department: z.string().nullable(),
  bucket: z.enum(BUCKETS),
  next: StepSchema.nullable(),
  then: StepSchema.nullable(),
  /** The acceptance window open on the eligible date, or the next to open after it. */
  window: z.object({ from: z.string(), to: z.string() }).nullable(),
});
export type DashboardRow = z.infer<typeof DashboardRow>;

export interface Subject {
  personId: number;
  name: string;
  idNumber: string;
  department: string | null;
  result: EligibilityResult;
}

export function dashboardRows(subjects: readonly Subject[], pack: RulePack, asOf: string): DashboardRow[] {
  return subjects.map((s) => {
    const { next, then } = s.result;
    const from = next?.eligibleOn ? (next.eligibleOn > asOf ? next.eligibleOn : asOf) : null;
    const window: Window | null = from ? nextWindow(pack, from) : null;
    return {
      personId: s.personId,
      name: s.name,
      idNumber: s.idNumber,
      department: s.department,
      bucket: bucketOf(next, asOf),
      next,
      then,
      window,
    };
  });
}

export function countBuckets(rows: readonly DashboardRow[]): Record<Bucket, number> {
  const counts = Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>;
  for (const row of rows) counts[row.bucket]++;
  return counts;
}
