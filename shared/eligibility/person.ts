/** The person as the eligibility engine sees them: the CLI's input format, validated in Chinese. */
import { z } from 'zod';
import { ASSESSMENT_RESULTS, DEGREES, EDUCATION_LEVELS, TITLE_LEVELS, TITLE_VIAS } from '../domain/enums';
import { isPartialDate } from '../validation/dates';

// YYYY-MM is accepted too: stored dates are sometimes known only to the month.
const day = (label: string) =>
  z
    .string({ error: `${label}应为 YYYY-MM-DD 格式的日期` })
    .refine(isPartialDate, `${label}应为 YYYY-MM-DD 格式的真实日期`);
const choice = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: `${label}应为：${values.join('、')}` });

export const EligibilityPerson = z.object({
  name: z.string({ error: '缺少姓名 name' }),
  idNumber: z.string({ error: '缺少身份证号 idNumber' }),
  workStartedOn: day('参加工作时间 workStartedOn').nullable(),
  educations: z.array(
    z.object({
      level: choice('学历 level', EDUCATION_LEVELS),
      degree: choice('学位 degree', DEGREES).nullable().default(null),
      graduatedOn: day('毕业时间 graduatedOn').nullable().default(null),
      majorMatches: z.boolean({ error: '专业是否对口 majorMatches 应为 true 或 false' }).default(true),
    }),
    { error: '缺少学历列表 educations' },
  ),
  titles: z
    .array(
      z.object({
        level: choice('职称级别 level', TITLE_LEVELS),
        obtainedOn: day('取得时间 obtainedOn'),
        via: choice('取得方式 via', TITLE_VIAS),
      }),
    )
    .default([]),
  assessments: z
    .array(
      z.object({
        year: z.number({ error: '考核年度 year 应为数字' }).int(),
        result: choice('考核结果 result', ASSESSMENT_RESULTS),
      }),
    )
    .default([]),
  continuingEducation: z
    .array(
      z.object({
        year: z.number({ error: '年度 year 应为数字' }).int(),
        hours: z.number({ error: '学时 hours 应为数字' }).min(0),
      }),
    )
    .default([]),
  series: z.string().default('工程'),
  licences: z.array(z.unknown()).default([]),
});
export type EligibilityPerson = z.output<typeof EligibilityPerson>;
