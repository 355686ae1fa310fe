/**
 * A rule pack: the eligibility rules of one province, city or series as data, with a source and
 * a reliability grade on every rule, because the numbers differ by year, city and series and
 * several are uncertain. Packs are validated with this schema when imported from JSON.
 */
import { z } from 'zod';
import { TITLE_LEVELS } from '../domain/enums';
import { isRealDate } from '../validation/dates';

/** What an education counts as for the rules: its level, or its degree where that matters. */
export const EDUCATION_KEYS = ['中专', '大专', '本科', '第二学士', '硕士', '博士'] as const;
export type EducationKey = (typeof EDUCATION_KEYS)[number];

export const GRADES = ['A', 'B', 'C', 'U'] as const;
export const COUNTING_POLICIES = ['anniversary', 'dec31PrevYear'] as const;
export type CountingPolicy = (typeof COUNTING_POLICIES)[number];

const provenance = {
  /** Where the rule comes from: a document number or a page. */
  source: z.string().min(1),
  /** A: official or verbatim standard; B: third party citing a named notice; C: commentary; U: unverified. */
  grade: z.enum(GRADES),
  note: z.string().optional(),
};

const level = z.enum(TITLE_LEVELS);
const educations = z.array(z.enum(EDUCATION_KEYS)).min(1);

export const ChudingRule = z.object({
  id: z.string().min(1),
  /** current: graduated in or after the cut-off year, or the major does not match; transitional: before it with a matching major. */
  scheme: z.enum(['current', 'transitional']),
  educations,
  /** One or more outcomes, each a level reachable a number of years after work start. */
  outcomes: z.array(z.object({ level, years: z.number().int().min(0).max(20) })).min(1),
  enabled: z.boolean().default(true),
  ...provenance,
});
export type ChudingRule = z.infer<typeof ChudingRule>;

export const PingshenRule = z.object({
  id: z.string().min(1),
  target: level,
  fromLevel: level,
  educations,
  years: z.number().int().min(0).max(30),
  enabled: z.boolean().default(true),
  ...provenance,
});
export type PingshenRule = z.infer<typeof PingshenRule>;

/** A day of the year as MM-DD; 02-29 is allowed (it exists in leap years). */
const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, '受理窗口日期应为 MM-DD，如 01-01')
  .refine((v) => isRealDate(`2024-${v}`), '受理窗口日期不存在');

export const RulePack = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  version: z.string().min(1),
  /** The series the pack is for, e.g. 工程. */
  series: z.string().min(1),
  region: z.string().optional(),
  /** Graduates of this year or later follow the current 初定 rules; earlier ones with a matching major, the transitional ones. */
  currentFromGraduationYear: z.number().int(),
  counting: z.object({ 初定: z.enum(COUNTING_POLICIES), 评审: z.enum(COUNTING_POLICIES) }),
  chuding: z.array(ChudingRule),
  pingshen: z.array(PingshenRule),
  /** Continuing-education hours needed per calendar year: the last entry whose fromYear ≤ the year applies. */
  ceHours: z.array(z.object({ fromYear: z.number().int(), hours: z.number().min(0), ...provenance })).min(1),
  /** Assessment results that count as passed. */
  passingAssessments: z.array(z.string()).min(1),
  /** Series whose applicants need a practice licence. */
  licensedSeries: z.array(z.string()),
  /** When applications are accepted, each year: ranges of MM-DD. */
  acceptanceWindows: z.array(z.object({ from: monthDay, to: monthDay })).min(1),
  /**
   * Months after a year ends that the unit needs to assess it: until then that year's assessment
   * and continuing education are not asked for (nobody is blocked for a year not yet assessed).
   */
  assessmentDueMonths: z.number().int().min(0).max(12).default(3),
  /** Days a 学信网备案表 stays valid when the user gives only its issue date. */
  recordValidityDays: z.number().int().min(1).default(90),
});
export type RulePack = z.infer<typeof RulePack>;
