/**
 * The checklist of one declaration: what the portal's modules ask of this person, each item
 * ticked from their documents. Computed from data: the declaration's type, the person's
 * category, educations and qualifying years, and the region's rules (editable).
 */
import type { DeclarationType, PersonCategory } from '../domain/enums';
import { materialType } from '../domain/materials';
import { checkSummary, type SummaryCheck } from './summary';

export interface ChecklistRules {
  /** Every office asks for a 社保缴费证明 (the portal cannot fetch it). */
  socialInsuranceRequired: boolean;
  /** Regions (所属行政区划 paths, e.g. 江苏省/苏州市) whose office asks for it; a region includes its districts. */
  socialInsuranceRegions: string[];
  /** Series whose applicants upload a practice licence. */
  licensedSeries: string[];
}

export const DEFAULT_CHECKLIST_RULES: ChecklistRules = {
  socialInsuranceRequired: false,
  socialInsuranceRegions: [],
  licensedSeries: [
    '高校教师',
    '中职教师',
    '中小学教师',
    '技工院校教师',
    '卫生技术',
    '兽医',
    '新闻',
    '播音',
    '律师',
    '公证',
  ],
};

export interface ChecklistSubject {
  type: DeclarationType;
  /** The batch's 所属行政区划 path. */
  region: string | null;
  category: PersonCategory | null;
  series: string | null;
  educations: ReadonlyArray<{ level: string; degree: string | null; graduatedOn: string | null }>;
  /** Calendar years whose assessment and continuing education the application rests on. */
  qualifyingYears: readonly number[];
  summary: string | null;
  /** The batch's submission deadline: a 学信网备案表 must still be valid then. */
  deadline: string | null;
}

export interface HeldDocument {
  id: number;
  materialType: string;
  year: number | null;
  validUntil: string | null;
}

export interface ChecklistItem {
  key: string;
  module: string;
  order: number;
  label: string;
  materialType: string;
  year: number | null;
  required: boolean;
  documentIds: number[];
  satisfied: boolean;
  problem: string | null;
}

export interface Checklist {
  items: ChecklistItem[];
  /** What is still needed, in Chinese, in portal order. */
  missing: string[];
  summary: SummaryCheck | null;
  complete: boolean;
}

interface Wanted {
  key: string;
  label: string;
  materialType: string;
  year?: number;
  required: boolean;
  /** A group: satisfied when at least `min` of these types are present. */
  anyOf?: { types: readonly string[]; min: number };
}

const HISTORY_TYPES = ['原申报表', '老证书', '批文'] as const;
/** 学信网 keeps electronic registration records for graduates from 2001 on; earlier ones use the 毕业生登记表. */
const RECORD_FROM_YEAR = 2001;

/** `江苏省/苏州市/吴江区` lies in `江苏省/苏州市`; `江苏省/苏州市本级` does not. */
function inRegions(region: string | null, regions: readonly string[]): boolean {
  return region !== null && regions.some((r) => region === r || region.startsWith(`${r}/`));
}

function wantedFor(subject: ChecklistSubject, rules: ChecklistRules): Wanted[] {
  if (subject.type === '历史职称数据登记') {
    return [
      {
        key: 'history',
        label: '原申报表、老证书、批文（至少2项）',
        materialType: '原申报表',
        required: true,
        anyOf: { types: HISTORY_TYPES, min: 2 },
      },
    ];
  }
  if (subject.type === '证书补办') {
    return [
      {
        key: 'history',
        label: '原申报表、老证书或批文',
        materialType: '原申报表',
        required: true,
        anyOf: { types: HISTORY_TYPES, min: 1 },
      },
      { key: 'notice', label: '证书作废登报声明', materialType: '证书作废登报声明', required: true },
      { key: 'form', label: '证书补办(换发)申请表', materialType: '证书补办申请表', required: true },
    ];
  }
  const wanted: Wanted[] = [];
  subject.educations.forEach((e, i) => {
    wanted.push({ key: `diploma:${i}`, label: `${e.level}毕业证书`, materialType: '学历证书', required: true });
    if (e.degree)
      wanted.push({ key: `degree:${i}`, label: `${e.degree}学位证书`, materialType: '学位证书', required: true });
  });
  if (subject.educations.some((e) => e.graduatedOn && Number(e.graduatedOn.slice(0, 4)) >= RECORD_FROM_YEAR)) {
    wanted.push({ key: 'record', label: '学信网学历电子注册备案表', materialType: '学信网备案表', required: true });
  }
  // A 评审's years run from the title held now: its certificate is part of the application.
  if (subject.type === '评审') {
    wanted.push({ key: 'title', label: '现专业技术资格证书（职称证书）', materialType: '职称证书', required: true });
  }
  if (subject.series && rules.licensedSeries.includes(subject.series)) {
    wanted.push({ key: 'licence', label: '执业资格证书', materialType: '执业资格证书', required: true });
  }
  if (subject.category === '事业编制') {
    for (const year of subject.qualifyingYears) {
      wanted.push({
        key: `assessment:${year}`,
        label: `${year}年度考核表`,
        materialType: '年度考核表',
        year,
        required: true,
      });
    }
  }
  for (const year of subject.qualifyingYears) {
    wanted.push({
      key: `ce:${year}`,
      label: `${year}年继续教育证书`,
      materialType: '继续教育证书',
      year,
      required: true,
    });
  }
  wanted.push({ key: 'consent', label: '单位同意申报证明', materialType: '单位同意证明', required: true });
  wanted.push({ key: 'pledge', label: '诚信承诺书', materialType: '诚信承诺书', required: true });
  if (rules.socialInsuranceRequired || inRegions(subject.region, rules.socialInsuranceRegions))
    wanted.push({ key: 'insurance', label: '社保缴费证明', materialType: '社保缴费证明', required: true });
  wanted.push({ key: 'achievements', label: '工作业绩材料', materialType: '工作业绩', required: false });
  wanted.push({ key: 'other', label: '其他材料', materialType: '其他材料', required: false });
  return wanted;
}

export function computeChecklist(
  subject: ChecklistSubject,
  documents: readonly HeldDocument[],
  rules: ChecklistRules = DEFAULT_CHECKLIST_RULES,
): Checklist {
  const unused = new Set(documents.map((d) => d.id));
  // Year-bound items take their own year's file; other items take what is left of their type, one each, in order.
  const take = (types: readonly string[], year: number | undefined, all: boolean): HeldDocument[] => {
    const found = documents.filter(
      (d) => unused.has(d.id) && types.includes(d.materialType) && (year === undefined || d.year === year),
    );
    const chosen = all ? found : found.slice(0, 1);
    for (const d of chosen) unused.delete(d.id);
    return chosen;
  };

  const items = wantedFor(subject, rules).map((want): ChecklistItem => {
    const type = materialType(want.materialType)!;
    const isLast = want.key === 'achievements' || want.key === 'other';
    const docs = want.anyOf ? take(want.anyOf.types, undefined, true) : take([want.materialType], want.year, isLast);
    let satisfied = want.anyOf ? new Set(docs.map((d) => d.materialType)).size >= want.anyOf.min : docs.length > 0;
    let problem: string | null = null;
    if (
      want.materialType === '学信网备案表' &&
      docs[0]?.validUntil &&
      subject.deadline &&
      docs[0].validUntil < subject.deadline
    ) {
      problem = `备案表有效期至 ${docs[0].validUntil}，早于提交截止日 ${subject.deadline}，请重新下载`;
      satisfied = false;
    }
    return {
      key: want.key,
      module: type.module,
      order: type.order,
      label: want.label,
      materialType: want.materialType,
      year: want.year ?? null,
      required: want.required,
      documentIds: docs.map((d) => d.id),
      satisfied,
      problem,
    };
  });

  // Files no item asked for (e.g. a diploma with no education record yet) still go in the kit, under their own type.
  for (const type of new Set(documents.filter((d) => unused.has(d.id)).map((d) => d.materialType))) {
    const known = materialType(type) ?? materialType('其他材料')!;
    const docs = take([type], undefined, true);
    items.push({
      key: `extra:${type}`,
      module: known.module,
      order: known.order,
      label: type,
      materialType: type,
      year: null,
      required: false,
      documentIds: docs.map((d) => d.id),
      satisfied: true,
      problem: null,
    });
  }
  items.sort((a, b) => a.order - b.order);

  const isCareerType = subject.type === '初定' || subject.type === '评审';
  const summary = isCareerType ? checkSummary(subject.summary) : null;
  const missing = [
    ...items.filter((i) => i.required && !i.satisfied).map((i) => i.problem ?? `缺少${i.label}`),
    ...(summary?.problems ?? []),
  ];
  return { items, missing, summary, complete: missing.length === 0 };
}
