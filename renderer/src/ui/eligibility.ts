/** How eligibility reads on screen: bucket colours, steps as short text, the rule grades. */
import { BUCKETS, type Bucket, type DashboardRow } from '../../../shared/eligibility/dashboard';

type Step = NonNullable<DashboardRow['next']>;
export type TagType = 'default' | 'success' | 'info' | 'warning' | 'error' | 'primary';

export const BUCKET_ORDER = Object.fromEntries(BUCKETS.map((b, i) => [b, i])) as Record<Bucket, number>;

export const BUCKET_TAG: Record<Bucket, TagType> = {
  now: 'success',
  within30: 'info',
  within90: 'info',
  within180: 'default',
  later: 'default',
  blocked: 'error',
  done: 'default',
};

/** Shorter than BUCKET_LABELS, for table cells. */
export const BUCKET_SHORT: Record<Bucket, string> = {
  now: '现在可申报',
  within30: '30天内',
  within90: '31–90天',
  within180: '91–180天',
  later: '180天后',
  blocked: '受阻',
  done: '已到最高级',
};

/** 初定助理级, 评审中级… */
export const stepTarget = (step: Pick<Step, 'route' | 'level'>) => `${step.route}${step.level ?? ''}`;

/** 1988–1995、1997、2000–2025 */
export function yearRanges(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    ranges.push(i === j ? `${sorted[i]}` : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return ranges.join('、');
}

const YEARLY: Record<string, (count: number, years: string) => string> = {
  MISSING_ASSESSMENT: (n, years) => `缺少${n}个年度的考核结果（${years}年）`,
  FAILED_ASSESSMENT: (n, years) => `${n}个年度考核未达合格（${years}年）`,
  INSUFFICIENT_CE: (n, years) => `${n}个年度继续教育学时不足（${years}年）`,
};

/**
 * The blockers in a few lines: the same yearly problem over many years becomes one line with the
 * years; a single one keeps the server's own words.
 */
export function summarizeBlockers(blockers: Step['blockers']): string[] {
  const lines: string[] = [];
  const done = new Set<string>();
  for (const blocker of blockers) {
    const same = blockers.filter((b) => b.code === blocker.code && b.year !== null);
    const yearly = YEARLY[blocker.code];
    if (!yearly || blocker.year === null || same.length < 2) lines.push(blocker.message);
    else if (!done.has(blocker.code)) {
      done.add(blocker.code);
      lines.push(yearly(same.length, yearRanges(same.map((b) => b.year!))));
    }
  }
  return lines;
}

export const blockerText = (step: Step | null) => (step ? summarizeBlockers(step.blockers).join('；') : '');

/** 2026-01-01 至 11-30; the end's year is written only when the window runs into the next year. */
export function windowText(window: DashboardRow['window']): string {
  if (!window) return '';
  const sameYear = window.from.slice(0, 4) === window.to.slice(0, 4);
  return `${window.from} 至 ${sameYear ? window.to.slice(5) : window.to}`;
}

/** The reliability grades of a rule's source, as the rule pack defines them. */
export const GRADES = {
  A: { label: '官方或标准原文', short: '官方', type: 'success' },
  B: { label: '第三方转引具体文件', short: '转引', type: 'info' },
  C: { label: '第三方解读', short: '解读', type: 'warning' },
  U: { label: '未核实', short: '未核实', type: 'error' },
} as const satisfies Record<string, { label: string; short: string; type: TagType }>;
