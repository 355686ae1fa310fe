/** The default rule pack, row by row, through the engine: boundaries, blockers and the step after. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PACK } from '../../../shared/eligibility/defaultPack';
import { evaluate } from '../../../shared/eligibility/engine';
import { EligibilityPerson } from '../../../shared/eligibility/person';
import type { RulePack } from '../../../shared/eligibility/pack';

type Edu = {
  level: '中专' | '大专' | '本科' | '硕士' | '博士';
  degree?: '学士' | '硕士' | '博士' | '第二学士';
  graduatedOn: string;
  majorMatches?: boolean;
};
type Title = {
  level: '员级' | '助理级' | '中级' | '副高级' | '正高级';
  obtainedOn: string;
  via?: '初定' | '评审' | '认定';
};

interface Case {
  name: string;
  educations: Edu[];
  workStartedOn?: string | null;
  titles?: Title[];
  asOf: string;
  /** Leave out to give the person passing assessments and 90 h of continuing education every year. */
  assessments?: Array<{ year: number; result: '优秀' | '合格' | '基本合格' | '不合格' | '不定等次' }>;
  ce?: Array<{ year: number; hours: number }>;
  series?: string;
  licences?: unknown[];
  pack?: RulePack;
  /** As the workspace hands the person over (dates may be month-only), not through the CLI's strict format. */
  stored?: boolean;
  next: {
    route?: string;
    level: string | null;
    eligibleOn: string | null;
    now: boolean;
    blockers?: string[];
    rule?: string;
  } | null;
  then?: { route: string; level: string; eligibleOn: string; after?: string } | null;
}

const everyYear = <T>(make: (year: number) => T) => Array.from({ length: 40 }, (_, i) => make(1995 + i));
const withPack = (change: (pack: RulePack) => void): RulePack => {
  const pack = structuredClone(DEFAULT_PACK);
  change(pack);
  return pack;
};

function person(c: Case): EligibilityPerson {
  const raw = {
    name: '测试',
    idNumber: '11010519491231002X',
    workStartedOn:
      c.workStartedOn === undefined ? c.educations[0]?.graduatedOn.slice(0, 4) + '-07-01' : c.workStartedOn,
    educations: c.educations.map((e) => ({ degree: null, majorMatches: true, ...e })),
    titles: (c.titles ?? []).map((t) => ({ via: '评审', ...t })),
    assessments: c.assessments ?? everyYear((year) => ({ year, result: '合格' })),
    continuingEducation: c.ce ?? everyYear((year) => ({ year, hours: 90 })),
    series: c.series ?? '工程',
    licences: c.licences ?? [],
  };
  return c.stored ? (raw as EligibilityPerson) : EligibilityPerson.parse(raw);
}

const 本科 = (graduatedOn: string, extra: Partial<Edu> = {}): Edu => ({
  level: '本科',
  degree: '学士',
  graduatedOn,
  ...extra,
});

const CASES: Case[] = [
  // ── 初定, current rule ──
  {
    name: '中专 2023: the day before the anniversary',
    educations: [{ level: '中专', graduatedOn: '2023-06-30' }],
    workStartedOn: '2023-07-01',
    asOf: '2024-06-30',
    next: {
      route: '初定',
      level: '员级',
      eligibleOn: '2024-07-01',
      now: false,
      rule: 'chuding.current.zhongzhuan-dazhuan',
    },
  },
  {
    name: '中专 2023: the day of the anniversary',
    educations: [{ level: '中专', graduatedOn: '2023-06-30' }],
    workStartedOn: '2023-07-01',
    asOf: '2024-07-01',
    next: { level: '员级', eligibleOn: '2024-07-01', now: true },
  },
  {
    name: '大专 2022 → 员级 after a year',
    educations: [{ level: '大专', graduatedOn: '2022-06-30' }],
    workStartedOn: '2022-08-15',
    asOf: '2023-08-15',
    next: { level: '员级', eligibleOn: '2023-08-15', now: true, rule: 'chuding.current.zhongzhuan-dazhuan' },
    then: { route: '评审', level: '助理级', eligibleOn: '2025-08-15' },
  },
  {
    name: '本科 2023: the day before',
    educations: [本科('2023-06-30')],
    workStartedOn: '2023-07-01',
    asOf: '2024-06-30',
    next: { route: '初定', level: '助理级', eligibleOn: '2024-07-01', now: false, rule: 'chuding.current.benke' },
  },
  {
    name: '本科 2023: the day of, then 中级 by 评审 four years on',
    educations: [本科('2023-06-30')],
    workStartedOn: '2023-07-01',
    asOf: '2024-07-01',
    next: { level: '助理级', eligibleOn: '2024-07-01', now: true },
    then: { route: '评审', level: '中级', eligibleOn: '2028-07-01' },
  },
  {
    name: '本科 without a degree counts as 本科',
    educations: [{ level: '本科', graduatedOn: '2024-06-30' }],
    workStartedOn: '2024-07-01',
    asOf: '2025-07-01',
    next: { level: '助理级', eligibleOn: '2025-07-01', now: true },
  },
  {
    name: '硕士 2022 → 助理级 from work start',
    educations: [{ level: '硕士', degree: '硕士', graduatedOn: '2022-06-30' }],
    workStartedOn: '2022-07-01',
    asOf: '2022-07-01',
    next: { level: '助理级', eligibleOn: '2022-07-01', now: true, rule: 'chuding.current.shuoshi' },
    then: { route: '评审', level: '中级', eligibleOn: '2024-07-01' },
  },
  {
    name: '硕士 2022: not before work start',
    educations: [{ level: '硕士', graduatedOn: '2022-06-30' }],
    workStartedOn: '2022-07-01',
    asOf: '2022-06-30',
    next: { level: '助理级', eligibleOn: '2022-07-01', now: false },
  },
  {
    name: '第二学士 2023 → 助理级 from work start',
    educations: [{ level: '本科', degree: '第二学士', graduatedOn: '2023-06-30' }],
    workStartedOn: '2023-07-01',
    asOf: '2023-07-01',
    next: { level: '助理级', eligibleOn: '2023-07-01', now: true, rule: 'chuding.current.shuoshi' },
  },
  {
    name: '博士 2022 → 中级 from work start, then 副高级 two years on',
    educations: [{ level: '博士', degree: '博士', graduatedOn: '2022-06-30' }],
    workStartedOn: '2022-09-01',
    asOf: '2022-09-01',
    next: { level: '中级', eligibleOn: '2022-09-01', now: true, rule: 'chuding.current.boshi' },
    then: { route: '评审', level: '副高级', eligibleOn: '2024-09-01' },
  },
  {
    name: '硕士 2018 with a mismatched major: current rule, 助理级 only',
    educations: [{ level: '硕士', graduatedOn: '2018-06-30', majorMatches: false }],
    workStartedOn: '2018-07-01',
    asOf: '2022-01-01',
    next: { level: '助理级', eligibleOn: '2018-07-01', now: true, rule: 'chuding.current.shuoshi' },
    // 助理级 is not held yet: the step after it counts from today at the earliest, never from the past.
    then: { route: '评审', level: '中级', eligibleOn: '2024-01-01', after: '取得助理级后满 2 年' },
  },
  {
    name: '大专 2019 with a mismatched major: 员级 only',
    educations: [{ level: '大专', graduatedOn: '2019-06-30', majorMatches: false }],
    workStartedOn: '2019-07-01',
    asOf: '2023-01-01',
    next: { level: '员级', eligibleOn: '2020-07-01', now: true, rule: 'chuding.current.zhongzhuan-dazhuan' },
    then: { route: '评审', level: '助理级', eligibleOn: '2025-01-01', after: '取得员级后满 2 年' },
  },
  {
    name: '中专 2020 with a mismatched major: 员级, then 助理级 by 评审 four years on',
    educations: [{ level: '中专', graduatedOn: '2020-06-30', majorMatches: false }],
    workStartedOn: '2020-07-01',
    asOf: '2021-07-01',
    next: { level: '员级', eligibleOn: '2021-07-01', now: true },
    then: { route: '评审', level: '助理级', eligibleOn: '2025-07-01' },
  },

  // ── 初定, transitional rule ──
  {
    name: '中专 2015: 员级 after a year',
    educations: [{ level: '中专', graduatedOn: '2015-06-30' }],
    workStartedOn: '2015-07-01',
    asOf: '2016-07-01',
    next: { level: '员级', eligibleOn: '2016-07-01', now: true, rule: 'chuding.transitional.zhongzhuan' },
    then: { route: '初定', level: '助理级', eligibleOn: '2020-07-01' },
  },
  {
    name: '中专 2015: the day before five years, still 员级',
    educations: [{ level: '中专', graduatedOn: '2015-06-30' }],
    workStartedOn: '2015-07-01',
    asOf: '2020-06-30',
    next: { level: '员级', eligibleOn: '2016-07-01', now: true },
  },
  {
    name: '中专 2015: 助理级 on the fifth anniversary',
    educations: [{ level: '中专', graduatedOn: '2015-06-30' }],
    workStartedOn: '2015-07-01',
    asOf: '2020-07-01',
    next: { level: '助理级', eligibleOn: '2020-07-01', now: true, rule: 'chuding.transitional.zhongzhuan' },
  },
  {
    name: '大专 2018: 员级 after a year',
    educations: [{ level: '大专', graduatedOn: '2018-06-30' }],
    workStartedOn: '2018-07-01',
    asOf: '2019-07-01',
    next: { level: '员级', eligibleOn: '2019-07-01', now: true, rule: 'chuding.transitional.dazhuan' },
    then: { route: '初定', level: '助理级', eligibleOn: '2021-07-01' },
  },
  {
    name: '大专 2018: 助理级 on the third anniversary',
    educations: [{ level: '大专', graduatedOn: '2018-06-30' }],
    workStartedOn: '2018-07-01',
    asOf: '2021-07-01',
    next: { level: '助理级', eligibleOn: '2021-07-01', now: true },
  },
  {
    name: '大专 2018: the day before three years',
    educations: [{ level: '大专', graduatedOn: '2018-06-30' }],
    workStartedOn: '2018-07-01',
    asOf: '2021-06-30',
    next: { level: '员级', eligibleOn: '2019-07-01', now: true },
  },
  {
    name: '本科 2019 → 助理级 after a year',
    educations: [本科('2019-06-30')],
    workStartedOn: '2019-07-01',
    asOf: '2020-07-01',
    next: { level: '助理级', eligibleOn: '2020-07-01', now: true, rule: 'chuding.transitional.benke' },
  },
  {
    name: '硕士 2019: 助理级 at once',
    educations: [{ level: '硕士', graduatedOn: '2019-06-30' }],
    workStartedOn: '2019-07-01',
    asOf: '2019-07-01',
    next: { level: '助理级', eligibleOn: '2019-07-01', now: true, rule: 'chuding.transitional.shuoshi' },
    then: { route: '评审', level: '中级', eligibleOn: '2021-07-01' },
  },
  {
    name: '硕士 2019: the day before three years',
    educations: [{ level: '硕士', graduatedOn: '2019-06-30' }],
    workStartedOn: '2019-07-01',
    asOf: '2022-06-30',
    next: { level: '助理级', eligibleOn: '2019-07-01', now: true },
  },
  {
    name: '硕士 2019: 中级 by 初定 on the third anniversary',
    educations: [{ level: '硕士', graduatedOn: '2019-06-30' }],
    workStartedOn: '2019-07-01',
    asOf: '2022-07-01',
    next: { route: '初定', level: '中级', eligibleOn: '2022-07-01', now: true, rule: 'chuding.transitional.shuoshi' },
    then: { route: '评审', level: '副高级', eligibleOn: '2027-07-01' },
  },
  {
    name: '第二学士 2020: as 硕士, 中级 after three years',
    educations: [{ level: '本科', degree: '第二学士', graduatedOn: '2020-06-30' }],
    workStartedOn: '2020-07-01',
    asOf: '2023-07-01',
    next: { level: '中级', eligibleOn: '2023-07-01', now: true },
  },
  {
    name: '博士 2019 → 中级 at once',
    educations: [{ level: '博士', graduatedOn: '2019-06-30' }],
    workStartedOn: '2019-07-01',
    asOf: '2019-07-01',
    next: { level: '中级', eligibleOn: '2019-07-01', now: true, rule: 'chuding.transitional.boshi' },
  },
  {
    name: 'graduated 31 Dec 2021: still transitional',
    educations: [{ level: '硕士', graduatedOn: '2021-12-31' }],
    workStartedOn: '2022-01-01',
    asOf: '2025-01-01',
    next: { level: '中级', eligibleOn: '2025-01-01', now: true, rule: 'chuding.transitional.shuoshi' },
  },
  {
    name: 'graduated 1 Jan 2022: current rule',
    educations: [{ level: '硕士', graduatedOn: '2022-01-01' }],
    workStartedOn: '2022-01-01',
    asOf: '2025-01-01',
    next: { level: '助理级', eligibleOn: '2022-01-01', now: true, rule: 'chuding.current.shuoshi' },
  },
  {
    name: 'a city that switched the 硕士 transitional row off: current rule',
    educations: [{ level: '硕士', graduatedOn: '2019-06-30' }],
    workStartedOn: '2019-07-01',
    asOf: '2023-01-01',
    pack: withPack((p) => (p.chuding.find((r) => r.id === 'chuding.transitional.shuoshi')!.enabled = false)),
    next: { level: '助理级', eligibleOn: '2019-07-01', now: true, rule: 'chuding.current.shuoshi' },
  },

  // ── 评审 ──
  {
    name: '大专 员级 → 助理级: the day before two years',
    educations: [{ level: '大专', graduatedOn: '2017-06-30' }],
    titles: [{ level: '员级', obtainedOn: '2020-03-15' }],
    asOf: '2022-03-14',
    next: { route: '评审', level: '助理级', eligibleOn: '2022-03-15', now: false, rule: 'pingshen.zhuli.dazhuan' },
  },
  {
    name: '大专 员级 → 助理级: the day of',
    educations: [{ level: '大专', graduatedOn: '2017-06-30' }],
    titles: [{ level: '员级', obtainedOn: '2020-03-15' }],
    asOf: '2022-03-15',
    next: { level: '助理级', eligibleOn: '2022-03-15', now: true },
    then: { route: '评审', level: '中级', eligibleOn: '2026-03-15' },
  },
  {
    name: '中专 员级 → 助理级 after four years',
    educations: [{ level: '中专', graduatedOn: '2016-06-30' }],
    titles: [{ level: '员级', obtainedOn: '2018-01-10' }],
    asOf: '2022-01-10',
    next: { level: '助理级', eligibleOn: '2022-01-10', now: true, rule: 'pingshen.zhuli.zhongzhuan' },
    then: null,
  },
  {
    name: '硕士 助理级 → 中级 after two years',
    educations: [{ level: '硕士', graduatedOn: '2020-06-30' }],
    titles: [{ level: '助理级', obtainedOn: '2021-09-01', via: '初定' }],
    asOf: '2023-09-01',
    next: { level: '中级', eligibleOn: '2023-09-01', now: true, rule: 'pingshen.zhongji.shuoshi' },
  },
  {
    name: '第二学士 助理级 → 中级 after two years',
    educations: [{ level: '本科', degree: '第二学士', graduatedOn: '2020-06-30' }],
    titles: [{ level: '助理级', obtainedOn: '2021-09-01' }],
    asOf: '2023-08-31',
    next: { level: '中级', eligibleOn: '2023-09-01', now: false, rule: 'pingshen.zhongji.shuoshi' },
  },
  {
    name: '本科 助理级 → 中级 after four years',
    educations: [本科('2015-06-30')],
    titles: [{ level: '助理级', obtainedOn: '2016-07-01' }],
    asOf: '2020-07-01',
    next: { level: '中级', eligibleOn: '2020-07-01', now: true, rule: 'pingshen.zhongji.benke-dazhuan' },
    then: { route: '评审', level: '副高级', eligibleOn: '2025-07-01' },
  },
  {
    name: '大专 助理级 → 中级 after four years',
    educations: [{ level: '大专', graduatedOn: '2012-06-30' }],
    titles: [{ level: '助理级', obtainedOn: '2016-12-20' }],
    asOf: '2020-12-19',
    next: { level: '中级', eligibleOn: '2020-12-20', now: false, rule: 'pingshen.zhongji.benke-dazhuan' },
  },
  {
    name: '中专 助理级 → 中级: no standard path',
    educations: [{ level: '中专', graduatedOn: '2008-06-30' }],
    titles: [{ level: '助理级', obtainedOn: '2014-01-01' }],
    asOf: '2024-01-01',
    next: { route: '评审', level: '中级', eligibleOn: null, now: false, blockers: ['NO_STANDARD_PATH'] },
    then: null,
  },
  {
    name: '博士 中级 → 副高级 after two years',
    educations: [{ level: '博士', graduatedOn: '2018-06-30' }],
    titles: [{ level: '中级', obtainedOn: '2018-07-01', via: '初定' }],
    asOf: '2020-07-01',
    next: { level: '副高级', eligibleOn: '2020-07-01', now: true, rule: 'pingshen.fugao.boshi' },
    then: { route: '评审', level: '正高级', eligibleOn: '2025-07-01' },
  },
  {
    name: '硕士 中级 → 副高级 after five years',
    educations: [{ level: '硕士', graduatedOn: '2010-06-30' }],
    titles: [{ level: '中级', obtainedOn: '2015-05-20' }],
    asOf: '2020-05-20',
    next: { level: '副高级', eligibleOn: '2020-05-20', now: true, rule: 'pingshen.fugao.shuoshi-benke' },
  },
  {
    name: '第二学士 中级 → 副高级 after five years',
    educations: [{ level: '本科', degree: '第二学士', graduatedOn: '2010-06-30' }],
    titles: [{ level: '中级', obtainedOn: '2015-05-20' }],
    asOf: '2020-05-19',
    next: { level: '副高级', eligibleOn: '2020-05-20', now: false },
  },
  {
    name: '本科 中级 → 副高级 after five years',
    educations: [本科('2005-06-30')],
    titles: [{ level: '中级', obtainedOn: '2012-12-01' }],
    asOf: '2017-12-01',
    next: { level: '副高级', eligibleOn: '2017-12-01', now: true, rule: 'pingshen.fugao.shuoshi-benke' },
  },
  {
    name: '大专 中级 → 副高级: no standard path',
    educations: [{ level: '大专', graduatedOn: '2000-06-30' }],
    titles: [{ level: '中级', obtainedOn: '2010-01-01' }],
    asOf: '2024-01-01',
    next: { level: '副高级', eligibleOn: null, now: false, blockers: ['NO_STANDARD_PATH'] },
  },
  {
    name: '本科 副高级 → 正高级 after five years',
    educations: [本科('1998-06-30')],
    titles: [{ level: '副高级', obtainedOn: '2016-11-30' }],
    asOf: '2021-11-30',
    next: { level: '正高级', eligibleOn: '2021-11-30', now: true, rule: 'pingshen.zhenggao' },
    then: null,
  },
  {
    name: '博士 副高级 → 正高级 after five years',
    educations: [{ level: '博士', graduatedOn: '2008-06-30' }],
    titles: [{ level: '副高级', obtainedOn: '2016-11-30' }],
    asOf: '2021-11-29',
    next: { level: '正高级', eligibleOn: '2021-11-30', now: false },
  },
  {
    name: '大专 副高级 → 正高级: no standard path',
    educations: [{ level: '大专', graduatedOn: '1995-06-30' }],
    titles: [{ level: '副高级', obtainedOn: '2015-01-01' }],
    asOf: '2024-01-01',
    next: { level: '正高级', eligibleOn: null, now: false, blockers: ['NO_STANDARD_PATH'] },
  },
  {
    name: '正高级: nothing further',
    educations: [本科('1990-06-30')],
    titles: [{ level: '正高级', obtainedOn: '2020-01-01' }],
    asOf: '2024-01-01',
    next: null,
    then: null,
  },
  {
    name: 'the highest title counts, not the latest',
    educations: [本科('2005-06-30')],
    titles: [
      { level: '中级', obtainedOn: '2012-12-01' },
      { level: '助理级', obtainedOn: '2014-01-01' },
    ],
    asOf: '2017-12-01',
    next: { level: '副高级', eligibleOn: '2017-12-01', now: true },
  },

  // ── two educations ──
  {
    name: '本科 then 硕士, holding 助理级: the 硕士 rule (two years)',
    educations: [本科('2012-06-30'), { level: '硕士', graduatedOn: '2015-06-30' }],
    titles: [{ level: '助理级', obtainedOn: '2016-01-01' }],
    asOf: '2018-01-01',
    next: { level: '中级', eligibleOn: '2018-01-01', now: true, rule: 'pingshen.zhongji.shuoshi' },
  },
  {
    name: '大专 then 本科 (专升本): an education not yet obtained gives nothing today',
    educations: [{ level: '大专', graduatedOn: '2008-06-30' }, 本科('2011-06-30')],
    workStartedOn: '2008-07-01',
    asOf: '2010-01-01',
    next: { level: '员级', eligibleOn: '2009-07-01', now: true, rule: 'chuding.transitional.dazhuan' },
  },
  {
    name: '专升本 in service: the 本科 year counts from its own graduation, not the work start',
    educations: [{ level: '大专', graduatedOn: '2022-06-30' }, 本科('2024-06-30')],
    workStartedOn: '2022-07-01',
    asOf: '2025-06-30',
    next: { level: '助理级', eligibleOn: '2025-06-30', now: true, rule: 'chuding.current.benke' },
  },
  {
    name: '专升本 in service, the day before a year after the 本科',
    educations: [{ level: '大专', graduatedOn: '2022-06-30' }, 本科('2024-06-30')],
    workStartedOn: '2022-07-01',
    asOf: '2025-06-29',
    next: { level: '员级', eligibleOn: '2023-07-01', now: true, rule: 'chuding.current.zhongzhuan-dazhuan' },
  },
  {
    name: 'a graduation known only to the month does not postpone a work start in that month',
    educations: [{ level: '硕士', graduatedOn: '2024-07' }],
    workStartedOn: '2024-07-15',
    asOf: '2024-07-15',
    stored: true,
    next: { level: '助理级', eligibleOn: '2024-07-15', now: true, rule: 'chuding.current.shuoshi' },
  },
  {
    name: 'a 硕士 obtained after the current title opens 评审 on its own date at the earliest',
    educations: [本科('2016-06-30'), { level: '硕士', graduatedOn: '2022-06-30' }],
    titles: [{ level: '助理级', obtainedOn: '2018-07-01' }],
    asOf: '2022-06-30',
    next: { route: '评审', level: '中级', eligibleOn: '2022-06-30', now: true, rule: 'pingshen.zhongji.shuoshi' },
  },
  {
    name: '博士 holding 助理级: a higher education meets a lower one’s 评审 rule',
    educations: [{ level: '博士', graduatedOn: '2020-06-30' }],
    workStartedOn: '2020-07-01',
    titles: [{ level: '助理级', obtainedOn: '2019-01-01' }],
    asOf: '2021-01-01',
    next: { route: '评审', level: '中级', eligibleOn: '2021-01-01', now: true, rule: 'pingshen.zhongji.shuoshi' },
  },
  {
    name: 'a titled person goes on by 评审, not by a transitional 初定',
    educations: [{ level: '大专', graduatedOn: '2017-06-30' }],
    titles: [{ level: '员级', obtainedOn: '2018-07-01', via: '初定' }],
    asOf: '2020-07-01',
    next: { route: '评审', level: '助理级', eligibleOn: '2020-07-01', now: true },
  },

  // ── counting ──
  {
    name: 'work start on 29 February counts to 1 March in a common year',
    educations: [本科('2019-12-31')],
    workStartedOn: '2020-02-29',
    asOf: '2021-02-28',
    next: { level: '助理级', eligibleOn: '2021-03-01', now: false },
  },
  {
    name: '29 February, the day after',
    educations: [本科('2019-12-31')],
    workStartedOn: '2020-02-29',
    asOf: '2021-03-01',
    next: { level: '助理级', eligibleOn: '2021-03-01', now: true },
  },
  {
    name: '29 February to a leap year stays on 29 February',
    educations: [本科('2015-06-30')],
    titles: [{ level: '助理级', obtainedOn: '2020-02-29' }],
    asOf: '2024-02-29',
    next: { level: '中级', eligibleOn: '2024-02-29', now: true },
  },
  {
    name: '“to 31 December of the year before”: 1 January after the anniversary year',
    educations: [本科('2015-06-30')],
    titles: [{ level: '助理级', obtainedOn: '2020-07-01' }],
    asOf: '2024-12-31',
    pack: withPack((p) => (p.counting.评审 = 'dec31PrevYear')),
    next: { level: '中级', eligibleOn: '2025-01-01', now: false },
  },
  {
    name: '“to 31 December”: an anniversary on 1 January stands',
    educations: [本科('2015-06-30')],
    titles: [{ level: '助理级', obtainedOn: '2020-01-01' }],
    asOf: '2024-01-01',
    pack: withPack((p) => (p.counting.评审 = 'dec31PrevYear')),
    next: { level: '中级', eligibleOn: '2024-01-01', now: true },
  },
  {
    name: '“to 31 December” for 初定 too: a 硕士 with no years to wait applies from the next 1 January',
    educations: [{ level: '硕士', graduatedOn: '2023-06-30' }],
    workStartedOn: '2023-07-01',
    asOf: '2023-12-31',
    pack: withPack((p) => (p.counting.初定 = 'dec31PrevYear')),
    next: { level: '助理级', eligibleOn: '2024-01-01', now: false, rule: 'chuding.current.shuoshi' },
  },
  {
    name: 'a work start known only to the month counts from its last day',
    educations: [本科('2023-06-30')],
    workStartedOn: '2023-07',
    stored: true,
    asOf: '2024-07-30',
    next: { level: '助理级', eligibleOn: '2024-07-31', now: false },
  },

  // ── blockers ──
  {
    name: 'no work start: said, not guessed',
    educations: [本科('2023-06-30')],
    workStartedOn: null,
    asOf: '2025-01-01',
    next: { route: '初定', level: '助理级', eligibleOn: null, now: false, blockers: ['NO_WORK_START'] },
    then: null,
  },
  {
    name: 'no education',
    educations: [],
    workStartedOn: '2020-07-01',
    asOf: '2025-01-01',
    next: { route: '初定', level: null, eligibleOn: null, now: false, blockers: ['NO_EDUCATION'] },
  },
  {
    name: 'no education, holding a title: the next level is still named',
    educations: [],
    workStartedOn: '2020-07-01',
    titles: [{ level: '助理级', obtainedOn: '2020-01-01' }],
    asOf: '2025-01-01',
    next: { route: '评审', level: '中级', eligibleOn: null, now: false, blockers: ['NO_EDUCATION'] },
  },
  {
    name: 'a missing assessment year',
    educations: [本科('2015-06-30')],
    titles: [{ level: '助理级', obtainedOn: '2016-07-01' }],
    asOf: '2021-03-01',
    assessments: [2017, 2018, 2020].map((year) => ({ year, result: '合格' as const })),
    next: { level: '中级', eligibleOn: '2020-07-01', now: false, blockers: ['MISSING_ASSESSMENT:2019'] },
  },
  {
    name: '基本合格 does not pass',
    educations: [本科('2015-06-30')],
    titles: [{ level: '助理级', obtainedOn: '2016-07-01' }],
    asOf: '2021-03-01',
    assessments: [
      { year: 2017, result: '优秀' },
      { year: 2018, result: '基本合格' },
      { year: 2019, result: '合格' },
      { year: 2020, result: '合格' },
    ],
    next: { level: '中级', eligibleOn: '2020-07-01', now: false, blockers: ['FAILED_ASSESSMENT:2018'] },
  },
  {
    name: '不合格 and 不定等次 do not pass',
    educations: [本科('2015-06-30')],
    titles: [{ level: '助理级', obtainedOn: '2016-07-01' }],
    asOf: '2021-03-01',
    assessments: [
      { year: 2017, result: '不合格' },
      { year: 2018, result: '合格' },
      { year: 2019, result: '不定等次' },
      { year: 2020, result: '合格' },
    ],
    next: {
      level: '中级',
      eligibleOn: '2020-07-01',
      now: false,
      blockers: ['FAILED_ASSESSMENT:2017', 'FAILED_ASSESSMENT:2019'],
    },
  },
  {
    name: '72 hours suffice up to 2021, 90 are needed from 2022',
    educations: [本科('2015-06-30')],
    titles: [{ level: '助理级', obtainedOn: '2019-07-01' }],
    asOf: '2024-03-01',
    ce: [
      { year: 2020, hours: 72 },
      { year: 2021, hours: 40 },
      { year: 2021, hours: 32 },
      { year: 2022, hours: 89.5 },
      { year: 2023, hours: 90 },
    ],
    next: { level: '中级', eligibleOn: '2023-07-01', now: false, blockers: ['INSUFFICIENT_CE:2022'] },
  },
  {
    name: 'continuing education missing for a year',
    educations: [本科('2015-06-30')],
    titles: [{ level: '助理级', obtainedOn: '2019-07-01' }],
    asOf: '2024-03-01',
    ce: [
      { year: 2020, hours: 72 },
      { year: 2021, hours: 72 },
      { year: 2023, hours: 100 },
    ],
    next: { level: '中级', eligibleOn: '2023-07-01', now: false, blockers: ['INSUFFICIENT_CE:2022'] },
  },
  {
    name: 'only the years strictly between start and as-of are checked',
    educations: [本科('2023-06-30')],
    workStartedOn: '2023-07-01',
    asOf: '2024-07-01',
    assessments: [],
    ce: [],
    next: { level: '助理级', eligibleOn: '2024-07-01', now: true, blockers: [] },
  },
  {
    name: 'one year between: its assessment and hours are needed once the unit has had 3 months to assess it',
    educations: [本科('2023-06-30')],
    workStartedOn: '2023-07-01',
    asOf: '2025-04-01',
    assessments: [],
    ce: [],
    next: {
      level: '助理级',
      eligibleOn: '2024-07-01',
      now: false,
      blockers: ['MISSING_ASSESSMENT:2024', 'INSUFFICIENT_CE:2024'],
    },
  },
  {
    name: 'a year just ended is not asked for before its assessment is due',
    educations: [本科('2023-06-30')],
    workStartedOn: '2023-07-01',
    asOf: '2025-03-31',
    assessments: [],
    ce: [],
    next: { level: '助理级', eligibleOn: '2024-07-01', now: true, blockers: [] },
  },
  {
    name: '优秀 passes',
    educations: [本科('2015-06-30')],
    titles: [{ level: '助理级', obtainedOn: '2016-07-01' }],
    asOf: '2021-03-01',
    assessments: [2017, 2018, 2019, 2020].map((year) => ({ year, result: '优秀' as const })),
    next: { level: '中级', eligibleOn: '2020-07-01', now: true },
  },
  {
    name: 'a licensed series without a licence',
    educations: [本科('2022-06-30')],
    workStartedOn: '2022-07-01',
    asOf: '2023-07-01',
    series: '卫生技术',
    next: { level: '助理级', eligibleOn: '2023-07-01', now: false, blockers: ['MISSING_LICENCE'] },
  },
  {
    name: 'a licensed series with a licence',
    educations: [本科('2022-06-30')],
    workStartedOn: '2022-07-01',
    asOf: '2023-07-01',
    series: '卫生技术',
    licences: [{ name: '执业医师资格证' }],
    next: { level: '助理级', eligibleOn: '2023-07-01', now: true },
  },
  {
    name: 'a blocked person is not eligible now even after the date',
    educations: [本科('2015-06-30')],
    titles: [{ level: '助理级', obtainedOn: '2016-07-01' }],
    asOf: '2030-01-01',
    assessments: [],
    next: { level: '中级', eligibleOn: '2020-07-01', now: false },
  },
];

describe('eligibility, default pack', () => {
  it('has at least 60 cases', () => expect(CASES.length).toBeGreaterThanOrEqual(60));

  it.each(CASES)('$name', (c) => {
    const result = evaluate(person(c), c.pack ?? DEFAULT_PACK, c.asOf);
    if (c.next === null) return expect(result.next).toBeNull();
    const next = result.next!;
    expect({ level: next.level, eligibleOn: next.eligibleOn, now: next.eligibleNow }).toEqual({
      level: c.next.level,
      eligibleOn: c.next.eligibleOn,
      now: c.next.now,
    });
    if (c.next.route) expect(next.route).toBe(c.next.route);
    if (c.next.rule) expect(next.rule).toBe(c.next.rule);
    if (c.next.blockers) {
      expect(next.blockers.map((b) => (b.year === null ? b.code : `${b.code}:${b.year}`))).toEqual(c.next.blockers);
      for (const blocker of next.blockers) expect(blocker.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    if (c.then !== undefined) {
      expect(
        result.then === null
          ? null
          : {
              route: result.then.route,
              level: result.then.level,
              eligibleOn: result.then.eligibleOn,
              ...(c.then?.after ? { after: result.then.after } : {}),
            },
      ).toEqual(c.then);
    }
  });

  it('says which education it used', () => {
    const result = evaluate(
      person({
        name: '',
        educations: [{ level: '大专', graduatedOn: '2008-06-30' }, 本科('2011-06-30')],
        workStartedOn: '2008-07-01',
        asOf: '2012-07-01',
        next: null,
      }),
      DEFAULT_PACK,
      '2012-07-01',
    );
    // 大专 (2008, transitional +3) opened 助理级 on 2011-07-01, before the 本科 did (2012-06-30).
    expect(result.next!.education).toBe('大专，2008-06-30毕业');
    expect(result.next!.level).toBe('助理级');
  });

  it('carries a source and a grade on every rule of the default pack', () => {
    const rules = [...DEFAULT_PACK.chuding, ...DEFAULT_PACK.pingshen, ...DEFAULT_PACK.ceHours];
    for (const rule of rules) {
      expect(rule.source.length).toBeGreaterThan(5);
      expect(['A', 'B', 'C', 'U']).toContain(rule.grade);
    }
  });
});
