/** Batches and declarations as the API carries them. */
import { z } from 'zod';
import { DECLARATION_STATUSES, DECLARATION_TYPES, TITLE_LEVELS } from '../domain/enums';
import { BUCKETS } from '../eligibility/dashboard';
import { enumField, id, optionalDate, optionalEnum, optionalText, requiredText } from '../domain/fields';

/** The CLI's short names for the four kinds of declaration. */
export const BATCH_TYPE_ALIASES: Record<string, (typeof DECLARATION_TYPES)[number]> = {
  初定: '初定',
  评审: '评审',
  历史登记: '历史职称数据登记',
  历史职称数据登记: '历史职称数据登记',
  补办: '证书补办',
  证书补办: '证书补办',
};

export const BatchInput = z.object({
  id: id.optional(),
  name: requiredText('批次名称', 60),
  type: enumField('申报类型', DECLARATION_TYPES),
  /** 所属行政区划 as a path, e.g. 江苏省/南京市/市本级. */
  region: optionalText('所属行政区划', 100),
  receivingOffice: optionalText('报送受理部门', 100),
  windowStart: optionalDate('受理开始日期', true),
  windowEnd: optionalDate('受理结束日期', true),
  deadline: optionalDate('提交截止日期', true),
  notes: optionalText('备注', 500),
});

const nullableString = z.string().nullable();

export const Batch = z.object({
  id,
  name: z.string(),
  type: z.enum(DECLARATION_TYPES),
  region: nullableString,
  receivingOffice: nullableString,
  windowStart: nullableString,
  windowEnd: nullableString,
  deadline: nullableString,
  notes: nullableString,
  createdAt: z.string(),
  total: z.number(),
  byStatus: z.record(z.string(), z.number()),
});
export type Batch = z.infer<typeof Batch>;

/** 申报专业 as the portal's picker path: 系列/专业/子专业. */
export const specialtyPath = optionalText('申报专业', 100).refine(
  (v) => v === null || v.split('/').every((part) => part.trim() !== ''),
  '申报专业应写成“系列/专业/子专业”，如 工程/电子信息/通信工程',
);

export const DeclarationUpdate = z.object({
  id,
  targetLevel: optionalEnum('申报级别', TITLE_LEVELS),
  specialty: specialtyPath,
  summary: z
    .string()
    .max(5000, '工作总结过长')
    .nullish()
    .transform((v) => v ?? null),
});

export const ChecklistItemSchema = z.object({
  key: z.string(),
  module: z.string(),
  order: z.number(),
  label: z.string(),
  materialType: z.string(),
  year: z.number().nullable(),
  required: z.boolean(),
  documentIds: z.array(z.number()),
  satisfied: z.boolean(),
  problem: nullableString,
});

export const DeclarationRowSchema = z.object({
  id,
  seq: z.number(),
  personId: id,
  name: z.string(),
  idNumber: z.string(),
  department: nullableString,
  targetLevel: z.enum(TITLE_LEVELS).nullable(),
  series: nullableString,
  specialty: nullableString,
  status: z.enum(DECLARATION_STATUSES),
  returnReason: nullableString,
  complete: z.boolean(),
  missing: z.array(z.string()),
  /** An upload kit of it has been exported (已导出 and 已提交 rest on that). */
  kitExported: z.boolean(),
  /** The person's standing on the rules today (初定 and 评审 only): 受阻 names the blockers. */
  eligibility: z
    .object({
      bucket: z.enum(BUCKETS),
      blockers: z.array(z.string()),
      eligibleOn: nullableString,
    })
    .nullable(),
});
export type DeclarationView = z.infer<typeof DeclarationRowSchema>;

export const DeclarationDetail = z.object({
  declaration: DeclarationRowSchema.extend({ batchId: id, type: z.enum(DECLARATION_TYPES), summary: nullableString }),
  checklist: z.object({
    items: z.array(ChecklistItemSchema),
    missing: z.array(z.string()),
    summary: z
      .object({ characters: z.number(), problems: z.array(z.string()), warnings: z.array(z.string()) })
      .nullable(),
    complete: z.boolean(),
  }),
  history: z.array(
    z.object({
      fromStatus: z.enum(DECLARATION_STATUSES).nullable(),
      toStatus: z.enum(DECLARATION_STATUSES),
      reason: nullableString,
      changedBy: z.string(),
      changedAt: z.string(),
    }),
  ),
});
export type DeclarationDetail = z.infer<typeof DeclarationDetail>;
