/** The two text files of an upload kit: the fields to type into the portal, and the list of what is in the kit. */
import type { Checklist } from '../../../shared/batches/checklist';
import type { BatchRow, DeclarationRow } from '../../../db';
import type { Person, Unit } from '../../../shared/domain/schemas';

// Notepad on older Windows reads UTF-8 reliably only with a BOM, and wants CRLF.
const windowsText = (lines: readonly string[]) => `\uFEFF${lines.join('\r\n')}\r\n`;

export function portalFields(batch: BatchRow, declaration: DeclarationRow, person: Person, unit: Unit | null): string {
  const line = (label: string, value: string | null | undefined) => `${label}：${value ?? '（未填写）'}`;
  return windowsText([
    `职称申报信息（${batch.type}，${batch.name}）`,
    '',
    '【职称申报基本信息】',
    line('所属行政区划', batch.region),
    line('工作单位性质', unit?.nature),
    line('行政主管部门', unit?.authority ?? '无'),
    line('工作单位', unit ? `${unit.name}（统一社会信用代码 ${unit.creditCode}）` : null),
    line('申报级别', declaration.targetLevel),
    line('申报专业', declaration.specialty?.split('/').join(' → ')),
    line('报送受理部门', batch.receivingOffice),
    '',
    '【个人信息】',
    line('姓名', person.name),
    line('身份证号', person.idNumber),
    line('移动电话', person.phone),
    line('电子邮箱', person.email),
    line('政治面貌', person.politicalStatus),
    line('现从事专业', person.specialty),
    '',
    '【工作总结】（直接复制到门户的文本框）',
    declaration.summary ?? '（未填写）',
  ]);
}

export interface KitFile {
  name: string;
  bytes: number;
}

export function contentsList(
  person: Person,
  files: readonly KitFile[],
  checklist: Checklist,
  problems: readonly string[],
): string {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  return windowsText([
    `${person.name} 的上传材料清单`,
    '',
    `【已包含】${files.length}个文件`,
    ...files.map((f) => `  ${f.name}  ${kb(f.bytes)}`),
    '',
    `【缺少】${checklist.missing.length === 0 ? '无' : `${checklist.missing.length}项`}`,
    ...checklist.missing.map((m) => `  ${m}`),
    '',
    `【问题】${problems.length === 0 ? '无' : `${problems.length}项`}`,
    ...problems.map((p) => `  ${p}`),
  ]);
}
