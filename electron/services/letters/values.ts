/** The placeholder values of one letter, from the person, their unit, title and declaration. */
import type { LetterSubject } from '../../../db/repos/letters';
import { formatChineseDate } from '../../../shared/validation/dates';
import { chineseNumeralDate, type PlaceholderValues } from '../../../shared/letters/placeholders';

export interface LetterContext {
  /** The letter's date, 'YYYY-MM-DD'. */
  date: string;
  /** The unit's 公示 period for 评审, 'YYYY-MM-DD' each. */
  publicity: { start: string; end: string } | null;
  /** Values given for the whole run; they win over what the records say. */
  overrides: PlaceholderValues;
}

const orNull = (v: string | null | undefined) => (v === undefined || v === null || v.trim() === '' ? null : v.trim());
const dateOrNull = (v: string | null | undefined) => (orNull(v) === null ? null : formatChineseDate(v!));
const withoutSuffix = (v: string | null, suffix: string) =>
  v !== null && v.endsWith(suffix) && v.length > suffix.length ? v.slice(0, -suffix.length) : v;

/** '工程/电力工程/电气工程' → '电气工程'. */
const lastSegment = (path: string | null) => {
  if (path === null) return null;
  const parts = path
    .split(/[/／>＞]/)
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length ? parts[parts.length - 1]! : null;
};

export function letterValues(subject: LetterSubject, context: LetterContext): PlaceholderValues {
  const { employee: p, unit, title, declaration: d } = subject;
  const department = orNull(p.department);
  const position = orNull(p.position);
  const positionPhrase = position === null ? null : /岗位?$/.test(position) ? position : `${position}岗位`;
  const titleSeries = withoutSuffix(orNull(title?.series), '系列');
  const titleSpecialty = withoutSuffix(orNull(title?.specialty), '专业');
  const currentTitle = title
    ? `${titleSeries}系列${titleSpecialty === null ? '' : `${titleSpecialty}专业`}${title.level}专业技术资格`
    : null;
  const obtained = title ? formatChineseDate(title.obtainedOn) : null;
  const values: PlaceholderValues = {
    姓名: p.name,
    性别: p.gender,
    身份证号: p.idNumber,
    出生日期: dateOrNull(p.birthDate),
    部门: department,
    岗位: position,
    部门岗位: department === null && positionPhrase === null ? null : `${department ?? ''}${positionPhrase ?? ''}`,
    入职时间: dateOrNull(p.hiredOn),
    参加工作时间: dateOrNull(p.workStartedOn),
    现从事专业: orNull(p.specialty),
    手机: orNull(p.phone),
    现职称: currentTitle,
    现职称取得时间: obtained,
    现职称情况: currentTitle ? `现具有${currentTitle}（${obtained}取得）` : '目前尚未取得专业技术资格',
    申报系列: withoutSuffix(orNull(d?.series), '系列'),
    申报专业: withoutSuffix(lastSegment(orNull(d?.specialty)), '专业'),
    申报专业路径: orNull(d?.specialty),
    申报级别: orNull(d?.targetLevel),
    申报方式: d && (d.batchType === '初定' || d.batchType === '评审') ? d.batchType : null,
    申报批次: orNull(d?.batchName),
    申报年度: context.date.slice(0, 4),
    受理单位: orNull(d?.receivingOffice),
    公示开始日期: context.publicity ? formatChineseDate(context.publicity.start) : null,
    公示结束日期: context.publicity ? formatChineseDate(context.publicity.end) : null,
    单位全称: orNull(unit?.name),
    统一社会信用代码: orNull(unit?.creditCode),
    单位地址: orNull(unit?.address),
    所属地区: orNull(unit?.region),
    联系人: orNull(unit?.contactName),
    联系电话: orNull(unit?.contactPhone),
    日期: chineseNumeralDate(context.date),
    日期数字: formatChineseDate(context.date),
  };
  for (const [key, value] of Object.entries(context.overrides)) {
    if (value !== undefined && value !== null && value !== '') values[key as keyof PlaceholderValues] = value;
  }
  return values;
}

/** Where a missing value has to be entered, for the refusal message. */
export function whereToFill(key: string): string {
  if (['单位全称', '统一社会信用代码', '单位地址', '所属地区', '联系人', '联系电话'].includes(key))
    return '请在“单位”中填写';
  if (key === '公示开始日期' || key === '公示结束日期') return '请填写该批次的公示起止日期';
  if (key.startsWith('申报')) return '请在申报批次中为此人填写申报信息';
  if (key.startsWith('现职称')) return '请在此人的“职称”记录中添加';
  return '请在人员信息中填写';
}
