/** How time in a post is counted: to the day, or up to 31 December of the year before applying. */
import { daysInMonth } from '../validation/dates';
import type { CountingPolicy } from './pack';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A stored date as a day; a month-only date counts from the month's last day, so no one is eligible early. */
export function asDay(date: string): string {
  if (date.length === 10) return date;
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${date}-${pad2(daysInMonth(y, m))}`;
}

/** The anniversary `years` after `day`; 29 February falls on 1 March in common years. */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const year = y + years;
  if (m === 2 && d === 29 && daysInMonth(year, 2) === 28) return `${year}-03-01`;
  return `${year}-${pad2(m)}-${pad2(d)}`;
}

/** The first day `years` are complete under the policy. */
export function eligibleAfter(start: string, years: number, policy: CountingPolicy): string {
  const anniversary = addYears(asDay(start), years);
  if (policy === 'anniversary' || anniversary.endsWith('-01-01')) return anniversary;
  return `${Number(anniversary.slice(0, 4)) + 1}-01-01`;
}

export const yearOf = (date: string) => Number(date.slice(0, 4));
