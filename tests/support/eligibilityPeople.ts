/** Generated people for the eligibility engine: varied educations, titles and yearly records. */
import type { EligibilityPerson } from '../../shared/eligibility/person';
import { generatePeople, rng } from './people';

const LEVELS = ['中专', '大专', '本科', '本科', '本科', '硕士', '硕士', '博士'] as const;
const TITLES = [null, null, '员级', '助理级', '助理级', '中级', '中级', '副高级'] as const;

export function generateEligibilityPeople(count: number, seed = 1): EligibilityPerson[] {
  const random = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  return generatePeople(count, seed).map((p) => {
    const start = Number(p.workStartedOn.slice(0, 4));
    const title = pick(TITLES);
    const years = Array.from({ length: 2026 - start }, (_, i) => start + i);
    return {
      name: p.name,
      idNumber: p.idNumber,
      workStartedOn: random() < 0.05 ? null : p.workStartedOn,
      educations: [{ level: pick(LEVELS), degree: null, graduatedOn: `${start}-06-30`, majorMatches: random() < 0.8 }],
      titles: title
        ? [{ level: title, obtainedOn: `${start + 1 + Math.floor(random() * 8)}-12-01`, via: '评审' as const }]
        : [],
      assessments: years
        .filter(() => random() < 0.95)
        .map((year) => ({ year, result: random() < 0.97 ? ('合格' as const) : ('基本合格' as const) })),
      continuingEducation: years.map((year) => ({ year, hours: random() < 0.9 ? 90 : 60 })),
      series: '工程',
      licences: [],
    };
  });
}
