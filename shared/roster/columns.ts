/** The roster sheet's columns: one definition serves the template, the import and the export. */
import type { PersonFields } from '../domain/schemas';

export type RosterField = keyof PersonFields | 'unit' | 'gender' | 'birthDate';

export interface RosterColumn {
  field: RosterField;
  header: string;
  /** Other headers HR files use for the same column. */
  aliases: readonly string[];
  required?: boolean;
  /** Shown as a comment on the template's header cell. */
  hint?: string;
  width: number;
}

export const ROSTER_COLUMNS: readonly RosterColumn[] = [
  { field: 'name', header: '姓名', aliases: ['员工姓名'], required: true, width: 10 },
  {
    field: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码', '证件号码', '身份证'],
    required: true,
    hint: '18位，末位可为X；请把本列设为文本，以免Excel把号码变成科学计数',
    width: 22,
  },
  { field: 'gender', header: '性别', aliases: [], hint: '可不填，由身份证号得出；填了须与之一致', width: 6 },
  { field: 'birthDate', header: '出生日期', aliases: ['出生年月'], hint: '可不填，由身份证号得出', width: 12 },
  {
    field: 'unit',
    header: '单位',
    aliases: ['工作单位', '所在单位', '用人单位'],
    hint: '单位全称或统一社会信用代码；空着即默认单位',
    width: 24,
  },
  { field: 'employeeNo', header: '工号', aliases: ['员工编号', '职工号', '员工号'], width: 10 },
  { field: 'department', header: '部门', aliases: ['所在部门', '部门名称'], width: 14 },
  { field: 'position', header: '岗位', aliases: ['职务', '岗位名称'], width: 14 },
  { field: 'phone', header: '手机', aliases: ['手机号', '手机号码', '联系电话', '电话'], width: 14 },
  {
    field: 'hiredOn',
    header: '入职日期',
    aliases: ['入职时间', '进单位时间', '入职年月'],
    hint: '如 2020-07-01、2020/7/1、2020.07、2020年7月1日',
    width: 12,
  },
  {
    field: 'workStartedOn',
    header: '参加工作时间',
    aliases: ['参加工作日期', '参加专业技术工作时间', '工作时间'],
    hint: '毕业后首次从事专业技术工作的时间，用于计算申报年限',
    width: 14,
  },
  {
    field: 'category',
    header: '人员类别',
    aliases: ['用工性质', '人员性质', '编制类型'],
    hint: '事业编制、企业、劳务派遣或其他',
    width: 10,
  },
  { field: 'specialty', header: '现从事专业', aliases: ['从事专业', '专业'], width: 14 },
  {
    field: 'politicalStatus',
    header: '政治面貌',
    aliases: [],
    hint: '中共党员、中共预备党员、共青团员、民主党派或群众',
    width: 10,
  },
  { field: 'email', header: '电子邮箱', aliases: ['邮箱', 'Email', 'E-mail'], width: 20 },
  { field: 'notes', header: '备注', aliases: [], width: 20 },
];

const normaliseHeader = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\s*＊:：]/g, '')
    .toLowerCase();

const HEADER_INDEX = new Map<string, RosterColumn>(
  ROSTER_COLUMNS.flatMap((column) =>
    [column.header, ...column.aliases].map((name) => [normaliseHeader(name), column] as const),
  ),
);

export function columnForHeader(text: string): RosterColumn | undefined {
  return HEADER_INDEX.get(normaliseHeader(text));
}

export const columnOf = (field: RosterField): RosterColumn => ROSTER_COLUMNS.find((c) => c.field === field)!;
