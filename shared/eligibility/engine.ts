/**
 * The eligibility engine: for one person, as of one day, the next title step (初定 or 评审), the
 * earliest date it can be taken, what blocks it, and the step after it. Pure: the rules come
 * from a pack, the person from the caller.
 */
import { TITLE_LEVELS, type TitleLevel } from '../domain/enums';
import { asDay, eligibleAfter, yearOf } from './counting';
import { EDUCATION_KEYS, type EducationKey, type RulePack } from './pack';
import type { EligibilityPerson } from './person';

export const BLOCKER_CODES = [
  'NO_EDUCATION',
  'NO_WORK_START',
  'NO_STANDARD_PATH',
  'MISSING_ASSESSMENT',
  'FAILED_ASSESSMENT',
  'INSUFFICIENT_CE',
  'MISSING_LICENCE',
] as const;
export type BlockerCode = (typeof BLOCKER_CODES)[number];

export interface Blocker {
  code: BlockerCode;
  year: number | null;
  message: string;
}

export interface Step {
  route: '初定' | '评审';
  level: TitleLevel | null;
  eligibleOn: string | null;
  eligibleNow: boolean;
  blockers: Blocker[];
  rule: string | null;
  education: string | null;
  /** For a step after one not yet taken: what it waits for, e.g. 取得助理级后满 4 年. */
  after?: string;
}

export interface EligibilityResult {
  idNumber: string;
  next: Step | null;
  then: Step | null;
}

type Education = EligibilityPerson['educations'][number];

/** A way to a level: which rule, from which education, on which day (null when unknown). */
interface Candidate {
  route: Step['route'];
  level: TitleLevel;
  eligibleOn: string | null;
  rule: string;
  education: Education;
}

const levelRank = (level: TitleLevel) => TITLE_LEVELS.indexOf(level);
/** The later of two days; a date known only to the month (2026-11) does not postpone a day inside that month. */
const later = (day: string, other: string | null) =>
  other && !day.startsWith(other) && asDay(other) > asDay(day) ? asDay(other) : day;
const keyRank = (key: EducationKey) => EDUCATION_KEYS.indexOf(key);

export function educationKey(education: Pick<Education, 'level' | 'degree'>): EducationKey {
  return education.degree === '第二学士' && education.level === '本科' ? '第二学士' : education.level;
}

const describeEducation = (e: Education) =>
  `${educationKey(e)}${e.degree && e.degree !== '第二学士' ? `（${e.degree}）` : ''}${e.graduatedOn ? `，${e.graduatedOn}毕业` : ''}`;

/** Does an education satisfy a rule's list? A higher education satisfies a lower one's rule. */
function satisfies(key: EducationKey, listed: readonly EducationKey[]): boolean {
  return listed.includes(key) || listed.every((k) => keyRank(k) < keyRank(key));
}

function highestEducation(educations: readonly Education[]): Education {
  return [...educations].sort((a, b) => keyRank(educationKey(b)) - keyRank(educationKey(a)))[0]!;
}

function currentTitle(person: EligibilityPerson) {
  return [...person.titles].sort(
    (a, b) => levelRank(b.level) - levelRank(a.level) || b.obtainedOn.localeCompare(a.obtainedOn),
  )[0];
}

/** 初定 candidates of one education: the current rules, or the transitional ones for earlier graduates with a matching major. */
function chudingCandidates(person: EligibilityPerson, education: Education, pack: RulePack): Candidate[] {
  const key = educationKey(education);
  const graduated = education.graduatedOn ? yearOf(education.graduatedOn) : null;
  const transitional = education.majorMatches && graduated !== null && graduated < pack.currentFromGraduationYear;
  const enabled = pack.chuding.filter((r) => r.enabled && r.educations.includes(key));
  // A transitional row switched off for a city leaves the current rule in force.
  const rule =
    (transitional && enabled.find((r) => r.scheme === 'transitional')) || enabled.find((r) => r.scheme === 'current');
  if (!rule) return [];
  // Years of work count from the later of the work start and this education (专升本 in service).
  const from = person.workStartedOn && later(person.workStartedOn, education.graduatedOn);
  return rule.outcomes.map((outcome) => ({
    route: '初定',
    level: outcome.level,
    eligibleOn: from ? eligibleAfter(from, outcome.years, pack.counting.初定) : null,
    rule: rule.id,
    education,
  }));
}

/** 评审 candidates towards `target` from the person's current title. */
function pingshenCandidates(
  person: EligibilityPerson,
  from: { level: TitleLevel; obtainedOn: string },
  pack: RulePack,
): Candidate[] {
  const target = TITLE_LEVELS[levelRank(from.level) + 1];
  if (!target) return [];
  return pack.pingshen
    .filter((r) => r.enabled && r.fromLevel === from.level && r.target === target)
    .flatMap((rule) =>
      person.educations
        .filter((e) => satisfies(educationKey(e), rule.educations))
        .map((education) => ({
          route: '评审' as const,
          level: target,
          // An education obtained later opens the way only from its own date.
          eligibleOn: later(eligibleAfter(from.obtainedOn, rule.years, pack.counting.评审), education.graduatedOn),
          rule: rule.id,
          education,
        })),
    );
}

/** The earliest way, then the highest level; ways without a date (no work start) come last, nearest level first. */
function earliest(candidates: readonly Candidate[]): Candidate | undefined {
  return [...candidates].sort((a, b) => {
    if (a.eligibleOn === null || b.eligibleOn === null) {
      return Number(a.eligibleOn === null) - Number(b.eligibleOn === null) || levelRank(a.level) - levelRank(b.level);
    }
    return a.eligibleOn.localeCompare(b.eligibleOn) || levelRank(b.level) - levelRank(a.level);
  })[0];
}

/** Among the ways open on `asOf`, the highest level (then the earliest); when none is open yet, the earliest. */
function best(candidates: readonly Candidate[], asOf: string): Candidate | undefined {
  const open = candidates.filter((c) => c.eligibleOn !== null && c.eligibleOn <= asOf);
  if (open.length === 0) return earliest(candidates);
  return [...open].sort(
    (a, b) => levelRank(b.level) - levelRank(a.level) || a.eligibleOn!.localeCompare(b.eligibleOn!),
  )[0];
}

function ceHoursFor(pack: RulePack, year: number): number {
  let hours = 0;
  let from = -Infinity;
  for (const rule of pack.ceHours) {
    if (rule.fromYear <= year && rule.fromYear > from) [hours, from] = [rule.hours, rule.fromYear];
  }
  return hours;
}

/** The calendar years an application rests on: strictly between the start year and the as-of year. */
export function qualifyingYears(startYear: number, asOfYear: number): number[] {
  return Array.from({ length: Math.max(0, asOfYear - startYear - 1) }, (_, i) => startYear + 1 + i);
}

/** Assessments and continuing education for each qualifying year. */
function yearBlockers(person: EligibilityPerson, startYear: number, asOf: string, pack: RulePack): Blocker[] {
  const blockers: Blocker[] = [];
  // A year counts once the unit has had its months to assess it: 2026's from 2027-04-01 with 3 months.
  const due = (year: number) => `${year + 1}-${String(1 + pack.assessmentDueMonths).padStart(2, '0')}-01` <= asOf;
  const years = qualifyingYears(startYear, yearOf(asOf)).filter(due);
  if (years.length === 0) return blockers;
  const results = new Map(person.assessments.map((a) => [a.year, a.result]));
  const hoursByYear = new Map<number, number>();
  for (const c of person.continuingEducation) hoursByYear.set(c.year, (hoursByYear.get(c.year) ?? 0) + c.hours);
  for (const year of years) {
    const result = results.get(year);
    if (!result) blockers.push({ code: 'MISSING_ASSESSMENT', year, message: `缺少${year}年度考核结果` });
    else if (!pack.passingAssessments.includes(result)) {
      blockers.push({
        code: 'FAILED_ASSESSMENT',
        year,
        message: `${year}年度考核为“${result}”，需为${pack.passingAssessments.join('或')}`,
      });
    }
    const needed = ceHoursFor(pack, year);
    const hours = hoursByYear.get(year) ?? 0;
    if (hours < needed)
      blockers.push({ code: 'INSUFFICIENT_CE', year, message: `${year}年继续教育${hours}学时，不足${needed}学时` });
  }
  return blockers;
}

function licenceBlockers(person: EligibilityPerson, pack: RulePack): Blocker[] {
  if (!pack.licensedSeries.includes(person.series) || person.licences.length > 0) return [];
  return [{ code: 'MISSING_LICENCE', year: null, message: `${person.series}系列须有执业资格证书，尚未登记` }];
}

const step = (c: Candidate, blockers: Blocker[], asOf: string): Step => ({
  route: c.route,
  level: c.level,
  eligibleOn: c.eligibleOn,
  eligibleNow: c.eligibleOn !== null && c.eligibleOn <= asOf && blockers.length === 0,
  blockers,
  rule: c.rule,
  education: describeEducation(c.education),
});

const blocked = (
  route: Step['route'],
  level: TitleLevel | null,
  blocker: Blocker,
  education: Education | null,
): Step => ({
  route,
  level,
  eligibleOn: null,
  eligibleNow: false,
  blockers: [blocker],
  rule: null,
  education: education ? describeEducation(education) : null,
});

/** The step after `next`: the next level up, by 评审 from it or by a later 初定 outcome, the earliest. */
function thenStep(
  person: EligibilityPerson,
  next: Candidate,
  chuding: readonly Candidate[],
  pack: RulePack,
  asOf: string,
): Step | null {
  const higher = TITLE_LEVELS[levelRank(next.level) + 1];
  if (!higher || next.eligibleOn === null) return null;
  // The step before is not taken yet: at the earliest it is taken today, so nothing after it lies in the past.
  const taken = next.eligibleOn > asOf ? next.eligibleOn : asOf;
  const ways = [
    ...chuding.filter((c) => c.level === higher),
    ...pingshenCandidates(person, { level: next.level, obtainedOn: taken }, pack),
  ];
  const chosen = earliest(ways);
  if (!chosen) return null;
  const years = pack.pingshen.find((r) => r.id === chosen.rule)?.years;
  // The step after is never open now: the step before it has not been taken yet.
  return {
    ...step(chosen, licenceBlockers(person, pack), asOf),
    eligibleNow: false,
    ...(chosen.route === '评审' && years !== undefined ? { after: `取得${next.level}后满 ${years} 年` } : {}),
  };
}

export function evaluate(person: EligibilityPerson, pack: RulePack, asOf: string): EligibilityResult {
  const result = (next: Step | null, then: Step | null = null): EligibilityResult => ({
    idNumber: person.idNumber,
    next,
    then,
  });
  const title = currentTitle(person);
  const nextLevel = title ? (TITLE_LEVELS[levelRank(title.level) + 1] ?? null) : null;
  if (title && !nextLevel) return result(null);
  const route: Step['route'] = title ? '评审' : '初定';

  if (person.educations.length === 0) {
    return result(
      blocked(route, nextLevel, { code: 'NO_EDUCATION', year: null, message: '没有学历记录，无法判断申报条件' }, null),
    );
  }

  // A titled person's next step is by 评审; without a title, by 初定.
  const chuding = title ? [] : person.educations.flatMap((e) => chudingCandidates(person, e, pack));
  const chosen = best(title ? pingshenCandidates(person, title, pack) : chuding, asOf);

  if (!chosen) {
    const highest = highestEducation(person.educations);
    const message = title
      ? `${educationKey(highest)}学历没有从${title.level}评审${nextLevel}的标准条件（破格须单位另行认定）`
      : `${educationKey(highest)}学历没有初定的标准条件`;
    return result(blocked(route, nextLevel, { code: 'NO_STANDARD_PATH', year: null, message }, highest));
  }
  if (chosen.eligibleOn === null) {
    const blocker: Blocker = {
      code: 'NO_WORK_START',
      year: null,
      message: '未填写参加工作时间（毕业后首次从事专业技术工作的时间），无法计算',
    };
    return result({ ...step(chosen, [blocker], asOf), eligibleOn: null, eligibleNow: false });
  }

  const startYear = yearOf(title ? title.obtainedOn : person.workStartedOn!);
  const blockers = [...yearBlockers(person, startYear, asOf, pack), ...licenceBlockers(person, pack)];
  return result(step(chosen, blockers, asOf), thenStep(person, chosen, chuding, pack, asOf));
}
