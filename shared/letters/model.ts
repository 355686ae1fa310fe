/**
 * Letter templates as data. Pure TypeScript and zod (no Node), so the schemas can move to shared/
 * for the API contract unchanged.
 *
 * Two kinds:
 * - 'text': an official letter laid out by the app on A4 (title, salutation, justified paragraphs,
 *   left-aligned lines, the unit's sign-off right-aligned under the seal, a signature line);
 * - 'overlay': an imported official PDF as the page background, with fields and the seal placed at
 *   coordinates in millimetres from the page's top-left corner (as the user sees the page).
 */
import { z } from 'zod';
import { isRealDate } from '../validation/dates';
import { PLACEHOLDERS, unknownPlaceholders } from './placeholders';

export const ROUTES = ['初定', '评审'] as const;
export type Route = (typeof ROUTES)[number];

export const BACKGROUND_MATERIAL_TYPE = '模板背景';
export const SEAL_MATERIAL_TYPE = '单位印章';
export const SEAL_ORIGINAL_MATERIAL_TYPE = '单位印章原件';

const text = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .max(max, `${label}不能超过${max}个字`)
    .refine((v) => !/[\u0000-\u0008\u000b-\u001f]/.test(v), `${label}含有控制字符`);
const line = (label: string) => text(label, 2000);
const mm = (label: string, max: number) =>
  z
    .number({ error: `${label}应为数字（毫米）` })
    .min(0, `${label}不能为负数`)
    .max(max, `${label}超出页面`);

export const TemplateId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, '模板编号只能用小写字母、数字和连字符，且不超过63个字符');

const common = {
  id: TemplateId,
  name: z.string().trim().min(1, '模板名称不能为空').max(50, '模板名称不能超过50个字'),
  /** Filed as this material type (单位同意证明, 诚信承诺书, or the user's own). */
  materialType: z.string().trim().min(1, '材料类型不能为空').max(30, '材料类型不能超过30个字'),
  /** The declaration route it is written for; null for either. */
  route: z.enum(ROUTES).nullable().default(null),
};

export const TextTemplate = z.object({
  ...common,
  kind: z.literal('text'),
  title: text('标题', 60).min(1, '标题不能为空'),
  /** Left-aligned lines right under the title (e.g. the applicant's particulars on a pledge). */
  header: z.array(line('表头行')).max(20).default([]),
  /** e.g. '{受理单位|人力资源和社会保障部门}：'; null for none. */
  salutation: line('称谓').nullable().default(null),
  /** Body paragraphs: first line indented two characters, justified. */
  paragraphs: z.array(line('正文段落')).min(1, '正文至少需要一段').max(40),
  /** Left-aligned lines after the body (credit code, contact, phone). */
  footer: z.array(line('正文后行')).max(20).default([]),
  /** Right-aligned sign-off block (unit name, date); the seal is stamped over it. */
  signOff: z.array(line('落款行')).max(6).default([]),
  seal: z.boolean().default(false),
  /** A blank line for a handwritten signature, e.g. '承诺人（签名）：'; with a blank date line if `date`. */
  signature: z
    .object({ label: text('签名栏', 30).min(1), date: z.boolean().default(true) })
    .nullable()
    .default(null),
  /** Body size in points (三号 16, 小三 15, 四号 14); shrunk automatically to keep the letter on one page. */
  bodySize: z.number().min(10).max(18).default(16),
  titleSize: z.number().min(14).max(26).default(22),
});
export type TextTemplate = z.output<typeof TextTemplate>;
export type TextTemplateInput = z.input<typeof TextTemplate>;

export const OverlayField = z.object({
  /** Template text with placeholders, e.g. '{姓名}' or '{申报系列}系列{申报专业}'. */
  text: line('字段内容').min(1, '字段内容不能为空'),
  /** Top-left of the text box, mm from the page's top-left. */
  x: mm('字段横坐标', 2000),
  y: mm('字段纵坐标', 2000),
  size: z.number().min(5).max(48).default(12),
  /** Width of the box in mm: the text wraps and justifies inside it; null for one line. */
  width: z.number().min(5).max(2000).nullable().default(null),
  align: z.enum(['left', 'center', 'right']).default('left'),
});
export type OverlayField = z.output<typeof OverlayField>;

export const OverlayTemplate = z.object({
  ...common,
  kind: z.literal('overlay'),
  /** The background PDF in the library (a document with materialType '模板背景'). */
  backgroundDocumentId: z.number().int().positive(),
  /** Which page of the background, from 0. */
  backgroundPage: z.number().int().min(0).default(0),
  fields: z.array(OverlayField).max(100),
  /** The seal's square box: top-left in mm from the page's top-left, and its diameter. */
  seal: z
    .object({ x: mm('印章横坐标', 2000), y: mm('印章纵坐标', 2000), diameter: z.number().min(20).max(60).default(40) })
    .nullable()
    .default(null),
});
export type OverlayTemplate = z.output<typeof OverlayTemplate>;
export type OverlayTemplateInput = z.input<typeof OverlayTemplate>;

export const LetterTemplate = z.discriminatedUnion('kind', [TextTemplate, OverlayTemplate]);
export type LetterTemplate = z.output<typeof LetterTemplate>;
export type LetterTemplateInput = z.input<typeof LetterTemplate>;

/** Every piece of template text, for placeholder checks. */
export function templateTexts(template: LetterTemplate): string[] {
  if (template.kind === 'overlay') return template.fields.map((f) => f.text);
  return [
    template.title,
    ...template.header,
    ...(template.salutation === null ? [] : [template.salutation]),
    ...template.paragraphs,
    ...template.footer,
    ...template.signOff,
  ];
}

export const templateUnknownPlaceholders = (template: LetterTemplate) => unknownPlaceholders(templateTexts(template));

/** What the settings table keeps under 'letters.templates': every saved version of every user template. */
export const StoredTemplates = z.object({
  formatVersion: z.literal(1),
  templates: z.array(
    z.object({
      id: TemplateId,
      versions: z.array(
        z.object({ version: z.number().int().positive(), savedAt: z.string(), template: LetterTemplate }),
      ),
    }),
  ),
});
export type StoredTemplates = z.output<typeof StoredTemplates>;

/** A template as a file to hand to another workspace; an overlay carries its background PDF. */
export const TemplateExport = z.object({
  format: z.literal('zhicheng-letter-template'),
  formatVersion: z.literal(1),
  exportedAt: z.string(),
  version: z.number().int().positive().nullable(),
  template: LetterTemplate,
  background: z
    .object({ fileName: z.string().min(1), base64: z.string().min(1) })
    .nullable()
    .default(null),
});
export type TemplateExport = z.output<typeof TemplateExport>;

/** One line of the template list. */
export const TemplateSummary = z.object({
  id: TemplateId,
  name: z.string(),
  kind: z.enum(['text', 'overlay']),
  materialType: z.string(),
  route: z.enum(ROUTES).nullable(),
  builtIn: z.boolean(),
  /** Latest version (built-ins: 1). */
  version: z.number().int(),
  versions: z.number().int(),
  savedAt: z.string().nullable(),
  unknownPlaceholders: z.array(z.string()),
});
export type TemplateSummary = z.output<typeof TemplateSummary>;

// ── Generation, as the API would carry it ─────────────────────────────────────────
const recordId = z.number().int().positive();
export const IsoDate = z.string().refine(isRealDate, '日期应为 YYYY-MM-DD 格式的真实日期');

/** The unit's 公示 period for a 评审 declaration. */
export const Publicity = z.object({ start: IsoDate, end: IsoDate });
export type Publicity = z.output<typeof Publicity>;

const placeholderKeys = PLACEHOLDERS.map((p) => p.key) as [string, ...string[]];

export const GenerateInput = z.object({
  /** A template id, 'consent' or 'pledge' (初定 or 评审 by the declaration's batch), or an unsaved template. */
  template: z.union([z.string().min(1), LetterTemplate]),
  version: z.number().int().positive().optional(),
  /** Exactly one of: people by id, declarations by id, or every declaration of a batch. */
  people: z.array(recordId).optional(),
  declarations: z.array(recordId).optional(),
  batchId: recordId.optional(),
  /** The letters' date; today when omitted. */
  date: IsoDate.optional(),
  /** The 公示 period; else what was saved for the declaration's batch. */
  publicity: Publicity.nullable().optional(),
  /** Values for the whole run; they win over the records (e.g. {受理单位: '…'}). */
  values: z.partialRecord(z.enum(placeholderKeys), z.string()).optional(),
  /** File each letter in the library (default true); false for a preview. */
  file: z.boolean().optional(),
  /** Make the merged print file (default true). */
  merged: z.boolean().optional(),
  /**
   * A 单位同意证明 certifies eligibility: for someone the rules show as 受阻 it is made only when
   * allowed here, for everyone (true) or for the people (employee ids) the user confirmed.
   */
  allowIneligible: z.union([z.boolean(), z.array(recordId)]).optional(),
});
export type GenerateInput = z.input<typeof GenerateInput>;

export const PROBLEM_CODES = ['MISSING_FIELD', 'MISSING_GLYPH', 'NO_UNIT', 'NO_SEAL', 'NOT_ELIGIBLE'] as const;

/** The letter that states the unit finds the person eligible (「符合…条件」「同意推荐」). */
export const CERTIFYING_MATERIAL_TYPE = '单位同意证明';

/** A person for whom no letter was made, and why, in Chinese naming the person and the field. */
export const LetterProblem = z.object({
  employeeId: recordId,
  name: z.string(),
  idNumber: z.string(),
  code: z.enum(PROBLEM_CODES),
  /** The field to fill (the first, when several are missing), or the field holding a missing character. */
  field: z.string().nullable(),
  fields: z.array(z.string()),
  /** For MISSING_GLYPH: the character and its code point ('U+20000'). */
  char: z.string().nullable(),
  codePoint: z.string().nullable(),
  message: z.string(),
  /** The declaration the letter was for, if any: a confirmed retry makes just that one. */
  declarationId: recordId.nullable().optional(),
  /** For NOT_ELIGIBLE: what blocks the person, as the eligibility card says it. */
  blockers: z.array(z.string()).optional(),
});
export type LetterProblem = z.output<typeof LetterProblem>;

export const GeneratedLetter = z.object({
  employeeId: recordId,
  declarationId: recordId.nullable(),
  name: z.string(),
  idNumber: z.string(),
  templateId: z.string(),
  materialType: z.string(),
  fileName: z.string(),
  bytes: z.number().int(),
  pages: z.number().int(),
  documentId: recordId.nullable(),
  storedPath: z.string().nullable(),
  /** Earlier generated letters this one replaced (kept as history, status 'superseded'). */
  superseded: z.array(recordId),
});
export type GeneratedLetter = z.output<typeof GeneratedLetter>;
