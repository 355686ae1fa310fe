/**
 * The columns of the records sheets HR keeps (台账, 学历, 职称, 年度考核, 继续教育, 工作经历): which
 * header means which field, in which kind of sheet and under which group header. One catalogue
 * serves detection, the column mapping, the templates and the exports.
 */
import { CE_KINDS, type CeKind } from '../domain/enums';
import { columnForHeader, type RosterField } from '../roster/columns';
import {
  ASSESSMENT_GROUPS,
  CE_GROUPS,
  EDUCATION_GROUPS,
  TITLE_GROUPS,
  normaliseHeader,
  type HeaderColumn,
} from './header';

export const IMPORT_KINDS = ['ledger', 'education', 'title', 'assessment', 'ce', 'work'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const RECORD_IMPORT_KINDS = ['education', 'title', 'assessment', 'ce', 'work'] as const;
export type RecordImportKind = (typeof RECORD_IMPORT_KINDS)[number];
export type ImportShape = 'long' | 'wide' | 'ledger';

export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  ledger: '人员名单/职称台账',
  education: '学历',
  title: '职称',
  assessment: '年度考核',
  ce: '继续教育',
  work: '工作经历',
};

export type RecordField =
  | 'edu.level'
  | 'edu.degree'
  | 'edu.school'
  | 'edu.major'
  | 'edu.enrolledOn'
  | 'edu.graduatedOn'
  | 'edu.diplomaNo'
  | 'edu.degreeNo'
  | 'title.name'
  | 'title.series'
  | 'title.specialty'
  | 'title.level'
  | 'title.obtainedOn'
  | 'title.via'
  | 'title.certificateNo'
  | 'title.issuer'
  | 'assessment.year'
  | 'assessment.result'
  | 'assessment.notes'
  | 'ce.year'
  | 'ce.hours'
  | 'ce.category'
  | 'ce.course'
  | 'ce.certificateNo'
  | 'work.range'
  | 'work.startOn'
  | 'work.endOn'
  | 'work.organization'
  | 'work.position'
  | 'work.duties';

export interface FieldDef {
  field: RecordField;
  /** The template's header, and the name the column mapping shows. */
  header: string;
  /** Other headers for it anywhere. */
  aliases: readonly string[];
  /** Short headers that mean it under a group header of its kind (学历情况/专业). */
  underGroup?: readonly string[];
  /** Short headers that mean it in a sheet of its own kind only (专业 in a 职称 list). */
  bare?: readonly string[];
  hint?: string;
  required?: boolean;
}

const EDUCATION: readonly FieldDef[] = [
  {
    field: 'edu.level',
    header: '学历',
    aliases: ['学历层次', '最高学历', '文化程度'],
    underGroup: ['学历', '层次', '学历层次'],
    hint: '中专、大专、本科、硕士或博士（大学本科、硕士研究生等写法也可）',
    required: true,
  },
  {
    field: 'edu.degree',
    header: '学位',
    aliases: ['最高学位'],
    underGroup: ['学位'],
    hint: '学士、硕士、博士或第二学士',
  },
  {
    field: 'edu.school',
    header: '毕业院校',
    aliases: ['毕业学校'],
    underGroup: ['院校', '学校'],
    bare: ['院校', '学校'],
    hint: '毕业证书上的院校全称',
  },
  {
    field: 'edu.major',
    header: '所学专业',
    aliases: ['毕业专业'],
    underGroup: ['专业'],
    bare: ['专业'],
    hint: '毕业证书上的专业名称',
  },
  {
    field: 'edu.enrolledOn',
    header: '入学时间',
    aliases: ['入学日期', '入学年月'],
    hint: '可不填；如 2011-09-01、2011.09',
  },
  {
    field: 'edu.graduatedOn',
    header: '毕业时间',
    aliases: ['毕业日期', '毕业年月'],
    underGroup: ['时间', '日期'],
    bare: ['时间'],
    hint: '如 2015-07-01、2015.07、2015年7月',
  },
  {
    field: 'edu.diplomaNo',
    header: '毕业证书编号',
    aliases: ['毕业证编号', '毕业证号', '毕业证书号'],
    underGroup: ['证书编号', '证书号', '编号'],
    bare: ['证书编号', '证书号'],
    hint: '毕业证书上的编号，可不填',
  },
  {
    field: 'edu.degreeNo',
    header: '学位证书编号',
    aliases: ['学位证编号', '学位证号'],
    hint: '学位证书上的编号，可不填',
  },
];

const TITLE: readonly FieldDef[] = [
  {
    field: 'title.name',
    header: '职称名称',
    aliases: ['现职称', '职称', '专业技术职务', '资格名称', '专业技术资格名称', '现专业技术职务', '现职称名称'],
    underGroup: ['名称', '职称', '资格名称'],
    bare: ['名称'],
    hint: '如 工程师、助理工程师、高级工程师、会计师；也可写级别（中级）并填职称系列',
  },
  {
    field: 'title.series',
    header: '职称系列',
    aliases: ['资格系列'],
    underGroup: ['系列'],
    bare: ['系列'],
    hint: '如 工程、会计、经济；职称名称能说明系列时可不填',
  },
  {
    field: 'title.specialty',
    header: '职称专业',
    aliases: ['资格专业'],
    underGroup: ['专业'],
    bare: ['专业'],
    hint: '职称证书上的专业，如 电气工程',
  },
  {
    field: 'title.level',
    header: '职称级别',
    aliases: ['职称等级', '职称层级'],
    underGroup: ['级别', '等级', '层级'],
    bare: ['级别', '等级'],
    hint: '员级、助理级、中级、副高级或正高级；职称名称能说明级别时可不填',
  },
  {
    field: 'title.obtainedOn',
    header: '取得时间',
    aliases: ['职称取得时间', '取得资格时间', '取得日期', '评定时间', '获得时间', '资格取得时间'],
    underGroup: ['时间', '日期', '取得时间'],
    bare: ['时间'],
    required: true,
    hint: '必填：职称证书上的取得资格时间，如 2020-12-31、2020.12',
  },
  {
    field: 'title.via',
    header: '取得方式',
    aliases: ['取得途径'],
    underGroup: ['方式', '途径'],
    bare: ['方式'],
    hint: '初定、评审、认定或考试（以考代评）；不填时中级及以上按评审、以下按初定',
  },
  {
    field: 'title.certificateNo',
    header: '职称证书编号',
    aliases: ['资格证书编号', '职称证号', '职称证书号'],
    underGroup: ['证书编号', '证书号', '编号'],
    bare: ['证书编号', '证书号'],
    hint: '职称证书上的编号，可不填',
  },
  {
    field: 'title.issuer',
    header: '发证机关',
    aliases: ['评审机构', '审批机关', '发证单位'],
    underGroup: ['发证机关', '评审机构'],
    hint: '如 江苏省人力资源和社会保障厅，可不填',
  },
];

const ASSESSMENT: readonly FieldDef[] = [
  {
    field: 'assessment.year',
    header: '考核年度',
    aliases: ['年度', '年份'],
    hint: '如 2024',
    required: true,
  },
  {
    field: 'assessment.result',
    header: '考核结果',
    aliases: ['结果', '等次', '考核等次'],
    hint: '优秀、合格、基本合格、不合格或不定等次（称职、基本称职等写法也可）',
    required: true,
  },
  { field: 'assessment.notes', header: '备注', aliases: [], bare: ['备注'], hint: '可不填' },
];

const CE: readonly FieldDef[] = [
  { field: 'ce.year', header: '年度', aliases: ['年份', '学习年度', '培训年度'], hint: '如 2024', required: true },
  {
    field: 'ce.hours',
    header: '学时',
    aliases: ['学时数', '完成学时', '获得学时'],
    hint: '如 24 或 24学时',
    required: true,
  },
  { field: 'ce.category', header: '科目类别', aliases: ['类别', '科目', '类型'], hint: '公需或专业；不填按专业' },
  {
    field: 'ce.course',
    header: '课程名称',
    aliases: ['课程', '培训项目', '项目名称', '培训内容'],
    hint: '可不填；同一年同一类别有几门课时分行填写',
  },
  {
    field: 'ce.certificateNo',
    header: '证书编号',
    aliases: ['合格证编号', '证书号', '学时证明编号'],
    bare: ['证书编号'],
    hint: '学时证明上的编号，可不填；填了按编号识别同一条记录',
  },
];

const WORK: readonly FieldDef[] = [
  {
    field: 'work.range',
    header: '起止时间',
    aliases: ['起止年月', '起止日期', '起讫时间'],
    bare: ['时间'],
    hint: '如 2015.07-2019.06 或 2019.07-至今；也可分两列填开始时间和结束时间',
  },
  {
    field: 'work.startOn',
    header: '开始时间',
    aliases: ['起始时间', '开始日期', '起始年月', '开始年月'],
    hint: '如 2015-07-01、2015.07；也可只用一列「起止时间」写 2015.07-2019.06',
  },
  {
    field: 'work.endOn',
    header: '结束时间',
    aliases: ['截止时间', '结束日期', '终止时间', '结束年月'],
    hint: '仍在职的空着或写“至今”',
  },
  {
    field: 'work.organization',
    header: '工作单位',
    aliases: ['单位名称'],
    bare: ['单位'],
    required: true,
    hint: '单位全称',
  },
  {
    field: 'work.position',
    header: '部门及岗位',
    aliases: ['岗位', '职务', '部门及职务', '所在部门及岗位', '部门岗位'],
    hint: '如 技术部 工程师，可不填',
  },
  { field: 'work.duties', header: '工作内容', aliases: ['主要工作内容', '从事工作'], hint: '可不填' },
];

export const FIELDS_OF: Record<RecordImportKind, readonly FieldDef[]> = {
  education: EDUCATION,
  title: TITLE,
  assessment: ASSESSMENT,
  ce: CE,
  work: WORK,
};
export const ALL_FIELDS: readonly FieldDef[] = [...EDUCATION, ...TITLE, ...ASSESSMENT, ...CE, ...WORK];
export const fieldDef = (field: RecordField): FieldDef => ALL_FIELDS.find((f) => f.field === field)!;
export const kindOfField = (field: RecordField): RecordImportKind =>
  (({ edu: 'education', title: 'title', assessment: 'assessment', ce: 'ce', work: 'work' }) as const)[
    field.split('.')[0] as 'edu' | 'title' | 'assessment' | 'ce' | 'work'
  ];

/** What a column is: a field, a year's column of a wide sheet, a person key, or known but unused. */
export type ColumnMeaning =
  | { type: 'person'; key: 'name' | 'idNumber' | 'employeeNo' }
  | { type: 'field'; field: RecordField }
  | { type: 'wide'; kind: 'assessment'; year: number }
  | { type: 'wide'; kind: 'ce'; year: number; category: CeKind | null }
  | { type: 'roster'; field: RosterField }
  | { type: 'unused' };

const index = (pick: (def: FieldDef) => readonly string[] | undefined, defs: readonly FieldDef[]) =>
  new Map(defs.flatMap((def) => (pick(def) ?? []).map((name) => [normaliseHeader(name), def.field] as const)));

const FLAT = index((def) => [def.header, ...def.aliases], ALL_FIELDS);
const UNDER_EDUCATION = index((def) => def.underGroup, EDUCATION);
const UNDER_TITLE = index((def) => def.underGroup, TITLE);
/** One index a kind, from FIELDS_OF. */
const perKind = (pick: (def: FieldDef) => readonly string[] | undefined) =>
  Object.fromEntries(RECORD_IMPORT_KINDS.map((kind) => [kind, index(pick, FIELDS_OF[kind])])) as Record<
    RecordImportKind,
    Map<string, RecordField>
  >;
const BARE = perKind((def) => def.bare);
/** Flat headers that belong to one kind only in its own sheet (年度 in a CE list is ce.year). */
const OWN = perKind((def) => [def.header, ...def.aliases]);
const BARE_ANYWHERE = new Set(Object.values(BARE).flatMap((map) => [...map.keys()]));
const UNUSED = new Set(['序号', '编号', 'no', 'no.', '序']);

const WIDE_ASSESSMENT = /^(\d{4})年?度?(?:考核|考核结果|考核等次|等次|结果|考核情况)?$/;
const WIDE_CE = /^(\d{4})年?度?(学时|学时数|公需|专业|公需科目|专业科目|公需学时|专业学时|公需科目学时|专业科目学时)$/;

function wideMeaning(name: string, kind: ImportKind | null): ColumnMeaning | null {
  const ce = WIDE_CE.exec(name);
  if (ce) {
    const category = CE_KINDS.find((c) => ce[2]!.startsWith(c)) ?? null;
    return { type: 'wide', kind: 'ce', year: Number(ce[1]), category };
  }
  const assessment = WIDE_ASSESSMENT.exec(name);
  if (!assessment) return null;
  // A bare year (「2023」) in a CE sheet is that year's hours.
  if (kind === 'ce') return { type: 'wide', kind: 'ce', year: Number(assessment[1]), category: null };
  return { type: 'wide', kind: 'assessment', year: Number(assessment[1]) };
}

function personKey(name: string): ColumnMeaning | null {
  const column = columnForHeader(name);
  if (!column) return null;
  if (column.field === 'name' || column.field === 'idNumber' || column.field === 'employeeNo') {
    return { type: 'person', key: column.field };
  }
  return null;
}

/**
 * What a column means in a sheet of `kind` (null: not yet known, as while detecting). In a
 * ledger, roster columns are the person's own; elsewhere they are known and left unused.
 */
export function columnMeaning(column: HeaderColumn, kind: ImportKind | null): ColumnMeaning | null {
  const name = normaliseHeader(column.name);
  const person = personKey(column.name);
  if (person) return person;
  if (column.group !== null) {
    const under = EDUCATION_GROUPS.includes(column.group)
      ? UNDER_EDUCATION.get(name)
      : TITLE_GROUPS.includes(column.group)
        ? UNDER_TITLE.get(name)
        : undefined;
    if (under) return { type: 'field', field: under };
    // A bare year under 「年度考核结果」 or 「继续教育学时」 is that year's column of a wide sheet.
    const year = /^(\d{4})年?度?$/.exec(name)?.[1];
    if (year && ASSESSMENT_GROUPS.includes(column.group))
      return { type: 'wide', kind: 'assessment', year: Number(year) };
    if (year && CE_GROUPS.includes(column.group))
      return { type: 'wide', kind: 'ce', year: Number(year), category: null };
  }
  if (kind !== null && kind !== 'ledger') {
    const own = OWN[kind].get(name) ?? BARE[kind].get(name);
    if (own) return { type: 'field', field: own };
  }
  const wide = wideMeaning(name, kind);
  if (wide) return wide;
  const flat = FLAT.get(name);
  // 年度, 备注, 单位 … are the kind's own only in that kind's sheet: in a ledger they are the roster's.
  const flatKind = flat ? kindOfField(flat) : null;
  if (
    flat &&
    (kind === null || flatKind === kind || (kind === 'ledger' && (flatKind === 'education' || flatKind === 'title')))
  ) {
    if (!isAmbiguousFlat(name) || kind === flatKind) return { type: 'field', field: flat };
  }
  const roster = columnForHeader(column.name);
  if (roster) return { type: 'roster', field: roster.field };
  if (UNUSED.has(name)) return { type: 'unused' };
  return null;
}

/** Flat headers too common to tell a kind by themselves (年度, 结果, 类别 …). */
const AMBIGUOUS = new Set(
  [
    '年度',
    '年份',
    '结果',
    '类别',
    '科目',
    '类型',
    '课程',
    '岗位',
    '职务',
    '证书号',
    '证书编号',
    '等次',
    '单位名称',
  ].map(normaliseHeader),
);
const isAmbiguousFlat = (name: string) => AMBIGUOUS.has(name);

/**
 * The kind of a sheet, told from its headers: year columns make a wide sheet; 学时 a CE list;
 * 考核结果 an assessment list; 起止时间 or 开始时间 with a 单位 a work history; roster columns
 * with qualifications a ledger; else titles or educations.
 */
export function detectKind(columns: readonly HeaderColumn[]): { kind: ImportKind; shape: ImportShape } {
  const meanings = columns.map((column) => columnMeaning(column, null));
  const fields = new Set(meanings.flatMap((m) => (m?.type === 'field' ? [m.field] : [])));
  const has = (...list: RecordField[]) => list.some((f) => fields.has(f));
  const names = new Set(columns.map((c) => normaliseHeader(c.name)));
  const hasName = (...list: string[]) => list.some((n) => names.has(normaliseHeader(n)));
  const wide = meanings.filter((m) => m?.type === 'wide');
  // 专业 and 时间 are the roster's only when no qualification columns claim them.
  const rosterOnly = columns.filter(
    (column, i) => meanings[i]?.type === 'roster' && !BARE_ANYWHERE.has(normaliseHeader(column.name)),
  ).length;
  const qualification = has(
    'edu.level',
    'edu.school',
    'edu.graduatedOn',
    'title.name',
    'title.level',
    'title.obtainedOn',
  );

  if (wide.length > 0 && !qualification) {
    const ce = wide.filter((m) => m!.type === 'wide' && m!.kind === 'ce').length;
    return { kind: ce > 0 && (ce >= wide.length / 2 || hasName('学时')) ? 'ce' : 'assessment', shape: 'wide' };
  }
  if (has('ce.hours') || hasName('学时', '学时数')) return { kind: 'ce', shape: 'long' };
  if (has('assessment.result') || hasName('考核结果', '等次', '考核等次', '结果')) {
    return { kind: 'assessment', shape: 'long' };
  }
  if (has('work.range', 'work.startOn')) {
    if (!qualification) return { kind: 'work', shape: 'long' };
  }
  const education = has('edu.level', 'edu.school', 'edu.major', 'edu.graduatedOn', 'edu.diplomaNo');
  const title = has('title.name', 'title.level', 'title.obtainedOn', 'title.series');
  if (rosterOnly > 0 || (education && title) || (!education && !title)) return { kind: 'ledger', shape: 'ledger' };
  return { kind: title ? 'title' : 'education', shape: 'long' };
}
