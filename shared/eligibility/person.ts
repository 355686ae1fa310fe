/** The person as the eligibility engine sees them: the CLI's input format, validated in Chinese. */
import { z } from 'zod';
import { ASSESSMENT_RESULTS, DEGREES, EDUCATION_LEVELS, TITLE_LEVELS, TITLE_VIAS } from '../domain/enums';
import { isRealDate } from '../validation/dates';

// The input format is a contract: every field present, every date a real YYYY-MM-DD. (The
// workspace's own records may be known only to the month; the engine reads those as the month's end.)
const day = (label: string) =>
  z
    .string({ error: `${label}应为 YYYY-MM-DD 格式的日期` })
    .refine(isRealDate, `${label}应为 YYYY-MM-DD 格式的真实日期`);
const list = <T extends z.ZodType>(label: string, item: T) => z.array(item, { error: `缺少${label}（应为列表）` });
const choice = <T extends readonly [string, ...string[]]>(label: string, values: T) =>
  z.enum(values, { error: `${label}应为：${values.join('、')}` });

export const EligibilityPerson = z.object({
  name: z.string({ error: '缺少姓名 name' }),
  idNumber: z.string({ error: '缺少身份证号 idNumber' }),
  workStartedOn: day('参加工作时间 workStartedOn').nullable(),
  educations: z.array(
    z.object({
      level: choice('学历 level', EDUCATION_LEVELS),
      degree: choice('学位 degree（无学位为 null）', DEGREES).nullable(),
      graduatedOn: day('毕业时间 graduatedOn').nullable(),
      majorMatches: z.boolean({ error: '专业是否对口 majorMatches 应为 true 或 false' }),
    }),
    { error: '缺少学历列表 educations' },
  ),
  titles: list(
    '职称列表 titles',
    z.object({
      level: choice('职称级别 level', TITLE_LEVELS),
      obtainedOn: day('取得时间 obtainedOn'),
      via: choice('取得方式 via', TITLE_VIAS),
    }),
  ),
  assessments: list(
    '年度考核列表 assessments',
    z.object({
      year: z.number({ error: '考核年度 year 应为数字' }).int(),
      result: choice('考核结果 result', ASSESSMENT_RESULTS),
    }),
  ),
  continuingEducation: list(
    '继续教育列表 continuingEducation',
    z.object({
      year: z.number({ error: '年度 year 应为数字' }).int(),
      hours: z.number({ error: '学时 hours 应为数字' }).min(0),
    }),
  ),
  series: z.string({ error: '缺少职称系列 series' }).min(1, '职称系列 series 不能为空'),
  licences: list('执业资格列表 licences', z.unknown()),
});
export type EligibilityPerson = z.output<typeof EligibilityPerson>;
