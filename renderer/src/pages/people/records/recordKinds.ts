/**
 * The five kinds of a person's records, described once each: which columns the tab's table shows
 * and which fields its form edits. RecordTab and RecordDialog do the rest for every kind alike.
 */
import {
  ASSESSMENT_RESULTS,
  CE_KINDS,
  DEGREES,
  EDUCATION_LEVELS,
  RECORD_LABELS,
  TITLE_LEVELS,
  TITLE_VIAS,
  type RecordKind,
} from '../../../../../shared/domain/enums';
import type {
  Assessment,
  CeRecord,
  Education,
  PersonDetail,
  Title,
  WorkRecord,
} from '../../../../../shared/domain/schemas';

/** A form field: how it is edited; the server validates and normalises every one again. */
export type FieldSpec<Key extends string = string> = { key: Key; label: string; required?: boolean; wide?: boolean } & (
  | { type: 'text'; placeholder?: string; multiline?: boolean }
  | { type: 'date'; placeholder?: string }
  | { type: 'select'; options: readonly string[] }
  | { type: 'number'; placeholder?: string; step?: number }
  | { type: 'switch' }
  /** 是 or 否, chosen: no default, the form asks. */
  | { type: 'yesno' }
);

export interface ColumnSpec<Key extends string = string> {
  key: Key;
  title: string;
  width?: number;
  /** What an empty value means here, e.g. 至今 for a job without an end. */
  empty?: string;
}

/** A stored record as the generic components handle it. */
export type StoredRecord = { id: number } & Record<string, unknown>;

export interface RecordSpec {
  kind: RecordKind;
  label: string;
  records(detail: PersonDetail): StoredRecord[];
  columns: ColumnSpec[];
  fields: FieldSpec[];
}

/** Checks the keys against the record type, then hands the description over untyped. */
function describe<R extends { id: number }>(spec: {
  kind: RecordKind;
  records(detail: PersonDetail): R[];
  columns: Array<ColumnSpec<Extract<keyof R, string>>>;
  fields: Array<FieldSpec<Extract<keyof R, string>>>;
}): RecordSpec {
  return { ...spec, label: RECORD_LABELS[spec.kind], records: spec.records as RecordSpec['records'] };
}

const education = describe<Education>({
  kind: 'education',
  records: (d) => d.educations,
  columns: [
    { key: 'level', title: '学历', width: 80 },
    { key: 'degree', title: '学位', width: 80 },
    { key: 'school', title: '毕业院校' },
    { key: 'major', title: '所学专业' },
    { key: 'enrolledOn', title: '入学时间', width: 110 },
    { key: 'graduatedOn', title: '毕业时间', width: 110 },
    { key: 'majorMatches', title: '专业对口', width: 86 },
  ],
  fields: [
    { key: 'level', label: '学历', type: 'select', options: EDUCATION_LEVELS, required: true },
    { key: 'degree', label: '学位', type: 'select', options: DEGREES },
    { key: 'school', label: '毕业院校', type: 'text' },
    { key: 'major', label: '所学专业', type: 'text' },
    { key: 'enrolledOn', label: '入学时间', type: 'date' },
    { key: 'graduatedOn', label: '毕业时间', type: 'date' },
    { key: 'diplomaNo', label: '毕业证书编号', type: 'text' },
    { key: 'degreeNo', label: '学位证书编号', type: 'text' },
    { key: 'majorMatches', label: '所学专业与现从事专业对口', type: 'yesno', required: true },
    { key: 'highestForSpecialty', label: '申报专业认可的最高学历', type: 'switch' },
  ],
});

const work = describe<WorkRecord>({
  kind: 'work',
  records: (d) => d.work,
  columns: [
    { key: 'startOn', title: '开始时间', width: 110 },
    { key: 'endOn', title: '结束时间', width: 110, empty: '至今' },
    { key: 'organization', title: '工作单位' },
    { key: 'position', title: '部门及岗位' },
    { key: 'duties', title: '工作内容' },
  ],
  fields: [
    { key: 'startOn', label: '开始时间', type: 'date', required: true },
    { key: 'endOn', label: '结束时间', type: 'date', placeholder: '至今可不填' },
    { key: 'organization', label: '工作单位', type: 'text', required: true, wide: true },
    { key: 'position', label: '部门及岗位', type: 'text', wide: true },
    { key: 'duties', label: '工作内容', type: 'text', multiline: true, wide: true },
  ],
});

const title = describe<Title>({
  kind: 'title',
  records: (d) => d.titles,
  columns: [
    { key: 'series', title: '职称系列', width: 110 },
    { key: 'specialty', title: '专业' },
    { key: 'level', title: '级别', width: 86 },
    { key: 'obtainedOn', title: '取得时间', width: 110 },
    { key: 'via', title: '取得方式', width: 86 },
    { key: 'certificateNo', title: '证书编号' },
    { key: 'issuer', title: '发证机关' },
  ],
  fields: [
    { key: 'series', label: '职称系列', type: 'text', required: true, placeholder: '如 工程、经济、会计' },
    { key: 'specialty', label: '专业', type: 'text' },
    { key: 'level', label: '级别', type: 'select', options: TITLE_LEVELS, required: true },
    { key: 'obtainedOn', label: '取得时间', type: 'date', required: true },
    { key: 'via', label: '取得方式', type: 'select', options: TITLE_VIAS, required: true },
    { key: 'certificateNo', label: '证书编号', type: 'text' },
    { key: 'issuer', label: '发证机关', type: 'text', wide: true },
  ],
});

const assessment = describe<Assessment>({
  kind: 'assessment',
  records: (d) => d.assessments,
  columns: [
    { key: 'year', title: '考核年度', width: 110 },
    { key: 'result', title: '考核结果', width: 110 },
    { key: 'notes', title: '备注' },
  ],
  fields: [
    { key: 'year', label: '考核年度', type: 'number', required: true, placeholder: '如 2024' },
    { key: 'result', label: '考核结果', type: 'select', options: ASSESSMENT_RESULTS, required: true },
    { key: 'notes', label: '备注', type: 'text', wide: true },
  ],
});

const ce = describe<CeRecord>({
  kind: 'ce',
  records: (d) => d.ce,
  columns: [
    { key: 'year', title: '年度', width: 90 },
    { key: 'category', title: '科目类别', width: 100 },
    { key: 'course', title: '课程名称' },
    { key: 'hours', title: '学时', width: 80 },
    { key: 'certificateNo', title: '证书编号' },
  ],
  fields: [
    { key: 'year', label: '年度', type: 'number', required: true, placeholder: '如 2024' },
    { key: 'category', label: '科目类别', type: 'select', options: CE_KINDS, required: true },
    { key: 'course', label: '课程名称', type: 'text', wide: true },
    { key: 'hours', label: '学时', type: 'number', required: true, step: 0.5 },
    { key: 'certificateNo', label: '证书编号', type: 'text' },
  ],
});

export const RECORD_SPECS: readonly RecordSpec[] = [education, work, title, assessment, ce];

/** A new record's starting values: empty fields, and the switches at the schema's defaults. */
export function blankRecord(spec: RecordSpec): Record<string, unknown> {
  // 专业对口 changes which 初定 rules apply: not assumed, but guessed from the major or asked (RecordDialog).
  const defaults: Record<string, unknown> = { highestForSpecialty: false };
  return Object.fromEntries(
    spec.fields.map((f) => [
      f.key,
      f.type === 'switch' ? (defaults[f.key] ?? false) : f.type === 'text' || f.type === 'date' ? '' : null,
    ]),
  );
}

/** How a stored value reads in a table cell. */
export function displayValue(value: unknown, empty = ''): string {
  if (value === null || value === undefined || value === '') return empty;
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

/** A stored record as the form edits it: text inputs want '' rather than null. */
export function formOf(spec: RecordSpec, record: StoredRecord | null): Record<string, unknown> {
  if (!record) return blankRecord(spec);
  return Object.fromEntries(
    spec.fields.map((f) => [
      f.key,
      (f.type === 'text' || f.type === 'date') && record[f.key] === null ? '' : record[f.key],
    ]),
  );
}
