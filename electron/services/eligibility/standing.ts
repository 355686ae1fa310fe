/**
 * Where each person stands on the rules today, for the places that act on it: a batch's
 * eligibility column, the warning when a blocked person is added, and letters that certify
 * eligibility (made only for the eligible unless the user confirms).
 */
import { dashboardRows, type Bucket } from '../../../shared/eligibility/dashboard';
import { evaluate } from '../../../shared/eligibility/engine';
import { todayIso } from '../../../shared/validation/dates';
import type { Repos } from '../../../db';
import { workspacePack } from './eligibilityService';

export interface Standing {
  bucket: Bucket;
  /** The next step's blockers, in Chinese; empty unless the bucket is 'blocked'. */
  blockers: string[];
  eligibleOn: string | null;
}

const UNKNOWN_DATE = '无法算出可申报日期，请补全学历、参加工作时间或现有职称';

export function standings(repos: Repos, asOf: string = todayIso()): Map<number, Standing> {
  const pack = workspacePack(repos);
  const subjects = repos.eligibility.subjects(pack.series);
  const rows = dashboardRows(
    subjects.map((s) => ({
      personId: s.id,
      name: s.name,
      idNumber: s.person.idNumber,
      department: s.department,
      result: evaluate(s.person, pack, asOf),
    })),
    pack,
    asOf,
  );
  return new Map(
    rows.map((row) => {
      const blockers = row.bucket === 'blocked' ? (row.next?.blockers.map((b) => b.message) ?? []) : [];
      if (row.bucket === 'blocked' && blockers.length === 0) blockers.push(UNKNOWN_DATE);
      return [row.personId, { bucket: row.bucket, blockers, eligibleOn: row.next?.eligibleOn ?? null }];
    }),
  );
}
