/** The domain's records as the API carries them; input schemas normalise, output schemas describe. */
import { z } from 'zod';
import {
  ASSESSMENT_RESULTS,
  CE_KINDS,
  DEGREES,
  EDUCATION_LEVELS,
  GENDERS,
  PERSON_CATEGORIES,
  POLITICAL_STATUSES,
  TITLE_LEVELS,
  TITLE_VIAS,
} from './enums';
import {
  creditCodeField,
  dateField,
  enumField,
  id,
  idNumberField,
  optionalDate,
  optionalEnum,
  numberField,
  optionalPhone,
  optionalText,
  requiredText,
  yearField,
} from './fields';

const nullableString = z.string().nullable();

// ── Units: the legal entities an HR department serves ────────────────────────────
export const UnitInput = z.object({
  id: id.optional(),
  name: requiredText('单位名称', 100),
  creditCode: creditCodeField,
  nature: optionalText('工作单位性质', 50),
  region: optionalText('所属行政区划', 100),
  authority: optionalText('行政主管部门', 100),
  contactName: optionalText('联系人', 30),
  contactPhone: optionalPhone('联系电话'),
  address: optionalText('地址', 200),
});
export const Unit = z.object({
  id,
  name: z.string(),
  creditCode: z.string(),
  nature: nullableString,
  region: nullableString,
  authority: nullableString,
  contactName: nullableString,
  contactPhone: nullableString,
  address: nullableString,
  isDefault: z.boolean(),
  hasSeal: z.boolean(),
});
export type Unit = z.infer<typeof Unit>;

// ── People ──────────────────────────────────────────────────────────────────────
export const PersonInput = z.object({
  id: id.optional(),
  unitId: id.nullish().transform((v) => v ?? null),
  name: requiredText('姓名', 30),
  idNumber: idNumberField,
  phone: optionalPhone('手机'),
  employeeNo: optionalText('工号', 30),
  department: optionalText('部门', 50),
  position: optionalText('岗位', 50),
  hiredOn: optionalDate('入职日期'),
  workStartedOn: optionalDate('参加工作时间'),
  category: optionalEnum('人员类别', PERSON_CATEGORIES),
  specialty: optionalText('现从事专业', 50),
  email: optionalText('电子邮箱', 100).refine(
    (v) => v === null || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v),
    '电子邮箱格式不对',
  ),
  politicalStatus: optionalEnum('政治面貌', POLITICAL_STATUSES),
  notes: optionalText('备注', 500),
});
export type PersonInput = z.input<typeof PersonInput>;
export type PersonFields = z.output<typeof PersonInput>;

export const Person = z.object({
  id,
  unitId: id.nullable(),
  name: z.string(),
  idNumber: z.string(),
  gender: z.enum(GENDERS),
  birthDate: z.string(),
  phone: nullableString,
  employeeNo: nullableString,
  department: nullableString,
  position: nullableString,
  hiredOn: nullableString,
  workStartedOn: nullableString,
  category: z.enum(PERSON_CATEGORIES).nullable(),
  specialty: nullableString,
  email: nullableString,
  politicalStatus: z.enum(POLITICAL_STATUSES).nullable(),
  notes: nullableString,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Person = z.infer<typeof Person>;

/** One line of the people list: what the table shows and searches. */
export const PersonRow = Person.pick({
  id: true,
  name: true,
  idNumber: true,
  gender: true,
  birthDate: true,
  unitId: true,
  phone: true,
  employeeNo: true,
  department: true,
  position: true,
  hiredOn: true,
  category: true,
}).extend({
  unitName: nullableString,
  educationLevel: z.enum(EDUCATION_LEVELS).nullable(),
  titleLevel: z.enum(TITLE_LEVELS).nullable(),
});
export type PersonRow = z.infer<typeof PersonRow>;

// ── A person's records ──────────────────────────────────────────────────────────
const recordBase = { id: id.optional(), employeeId: id };

export const EducationFields = z.object({
  ...recordBase,
  level: enumField('学历', EDUCATION_LEVELS),
  degree: optionalEnum('学位', DEGREES),
  school: optionalText('毕业院校', 100),
  major: optionalText('所学专业', 100),
  enrolledOn: optionalDate('入学时间'),
  graduatedOn: optionalDate('毕业时间'),
  diplomaNo: optionalText('毕业证书编号', 50),
  degreeNo: optionalText('学位证书编号', 50),
  majorMatches: z.boolean().default(true),
  highestForSpecialty: z.boolean().default(false),
});
export const WorkFields = z.object({
  ...recordBase,
  startOn: dateField('开始时间'),
  endOn: optionalDate('结束时间'),
  organization: requiredText('工作单位', 100),
  position: optionalText('部门及岗位', 100),
  duties: optionalText('工作内容', 500),
});
export const TitleFields = z.object({
  ...recordBase,
  series: requiredText('职称系列', 30),
  specialty: optionalText('专业', 50),
  level: enumField('级别', TITLE_LEVELS),
  obtainedOn: dateField('取得时间'),
  via: enumField('取得方式', TITLE_VIAS),
  certificateNo: optionalText('证书编号', 50),
  issuer: optionalText('发证机关', 100),
});
export const AssessmentFields = z.object({
  ...recordBase,
  year: yearField('考核年度'),
  result: enumField('考核结果', ASSESSMENT_RESULTS),
  notes: optionalText('备注', 200),
});
export const CeFields = z.object({
  ...recordBase,
  year: yearField('年度'),
  course: optionalText('课程名称', 100),
  hours: numberField('学时').pipe(z.number().positive('学时应大于0').max(1000, '学时不应超过1000')),
  /** 公需科目 or 专业科目 (not `kind`, which names the record type in RecordInput). */
  category: enumField('科目类别', CE_KINDS),
  certificateNo: optionalText('证书编号', 50),
});

export const RecordInput = z.discriminatedUnion('kind', [
  EducationFields.extend({ kind: z.literal('education') }),
  WorkFields.extend({ kind: z.literal('work') }),
  TitleFields.extend({ kind: z.literal('title') }),
  AssessmentFields.extend({ kind: z.literal('assessment') }),
  CeFields.extend({ kind: z.literal('ce') }),
]);
export type RecordInput = z.input<typeof RecordInput>;

const stored = { id, employeeId: id };
export const Education = z.object({
  ...stored,
  level: z.enum(EDUCATION_LEVELS),
  degree: z.enum(DEGREES).nullable(),
  school: nullableString,
  major: nullableString,
  enrolledOn: nullableString,
  graduatedOn: nullableString,
  diplomaNo: nullableString,
  degreeNo: nullableString,
  majorMatches: z.boolean(),
  highestForSpecialty: z.boolean(),
  /** The document it was read from, when it came from an accepted suggestion. */
  documentId: id.nullable(),
});
export const WorkRecord = z.object({
  ...stored,
  startOn: z.string(),
  endOn: nullableString,
  organization: z.string(),
  position: nullableString,
  duties: nullableString,
});
export const Title = z.object({
  ...stored,
  series: z.string(),
  specialty: nullableString,
  level: z.enum(TITLE_LEVELS),
  obtainedOn: z.string(),
  via: z.enum(TITLE_VIAS),
  certificateNo: nullableString,
  issuer: nullableString,
  /** The document it was read from, when it came from an accepted suggestion. */
  documentId: id.nullable(),
});
export const Assessment = z.object({
  ...stored,
  year: z.number().int(),
  result: z.enum(ASSESSMENT_RESULTS),
  notes: nullableString,
  /** The document it was read from, when it came from an accepted suggestion. */
  documentId: id.nullable(),
});
export const CeRecord = z.object({
  ...stored,
  year: z.number().int(),
  course: nullableString,
  hours: z.number(),
  category: z.enum(CE_KINDS),
  certificateNo: nullableString,
  /** The document it was read from, when it came from an accepted suggestion. */
  documentId: id.nullable(),
});
export type Education = z.infer<typeof Education>;
export type WorkRecord = z.infer<typeof WorkRecord>;
export type Title = z.infer<typeof Title>;
export type Assessment = z.infer<typeof Assessment>;
export type CeRecord = z.infer<typeof CeRecord>;

export const PersonDetail = z.object({
  person: Person,
  educations: z.array(Education),
  work: z.array(WorkRecord),
  titles: z.array(Title),
  assessments: z.array(Assessment),
  ce: z.array(CeRecord),
});
export type PersonDetail = z.infer<typeof PersonDetail>;
