/**
 * The sheets HR keeps, built with the same Excel library their files come from: a 职称台账 with a
 * title row, a two-row merged header and footer rows, and records lists long and wide.
 */
import ExcelJS from 'exceljs';
import type { GeneratedPerson, SheetRow } from './people';

export interface LedgerPerson extends GeneratedPerson {
  education: { level: string; school: string; major: string; graduatedOn: string; diplomaNo?: string };
  title: { name: string; specialty: string; obtainedOn: string; certificateNo?: string } | null;
}

/** Gives each person a 本科 (or 大专, 硕士) and, for most, a title some years after. */
export function withQualifications(people: readonly GeneratedPerson[]): LedgerPerson[] {
  const levels = ['本科', '大学本科', '硕士研究生', '大专'];
  const titles = ['助理工程师', '工程师', '高级工程师', '技术员'];
  return people.map((person, i) => {
    const start = Number(person.workStartedOn.slice(0, 4));
    return {
      ...person,
      education: {
        level: levels[i % levels.length]!,
        school: ['南京大学', '东南大学', '河海大学', '南京工业大学'][i % 4]!,
        major: ['电子信息工程', '土木工程', '机械设计制造及其自动化', '计算机科学与技术'][i % 4]!,
        graduatedOn: `${start}.06`,
        diplomaNo: `1028${String(100000000 + i * 7919).slice(0, 9)}`,
      },
      title:
        i % 5 === 4
          ? null
          : { name: titles[i % titles.length]!, specialty: '电子信息', obtainedOn: `${start + 1 + (i % 6)}-12-20` },
    };
  });
}

/** Row 1 a title, rows 2–3 the header (「学历情况」 and 「职称情况」 merged over their columns), then people, then footers. */
export function ledgerRows(people: readonly LedgerPerson[], extraColumn?: string): SheetRow[] {
  const top = [
    '序号',
    '姓名',
    '身份证号',
    '部门',
    '参加工作时间',
    '学历情况',
    null,
    null,
    null,
    '职称情况',
    null,
    null,
  ];
  const bottom = [null, null, null, null, null, '学历', '院校', '专业', '时间', '现职称', '专业', '时间'];
  if (extraColumn) {
    top.push(extraColumn);
    bottom.push(null);
  }
  const rows: SheetRow[] = [['某某科技有限公司2026年职称台账'], top, bottom];
  people.forEach((p, i) => {
    rows.push([
      i + 1,
      p.name,
      p.idNumber,
      p.department,
      p.workStartedOn,
      p.education.level,
      p.education.school,
      p.education.major,
      p.education.graduatedOn,
      p.title?.name ?? null,
      p.title?.specialty ?? null,
      p.title?.obtainedOn ?? null,
      ...(extraColumn ? [`${extraColumn}${i}`] : []),
    ]);
  });
  rows.push(['合计', `${people.length}人`], [], ['制表人：袁媛', null, null, '审核人：张敏'], ['注：职称以证书为准']);
  return rows;
}

/** The ledger as an .xlsx with its merges, as Excel and WPS save one. */
export async function ledgerXlsx(rows: readonly SheetRow[], extraColumn = false): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('台账');
  rows.forEach((row) => sheet.addRow(row));
  const width = extraColumn ? 13 : 12;
  sheet.mergeCells(1, 1, 1, width);
  for (const column of [1, 2, 3, 4, 5, ...(extraColumn ? [13] : [])]) sheet.mergeCells(2, column, 3, column);
  sheet.mergeCells(2, 6, 2, 9);
  sheet.mergeCells(2, 10, 2, 12);
  // The footer 「制表人」 spans the row, as HR lays it out.
  const footer = rows.length - 1;
  sheet.mergeCells(footer, 1, footer, 3);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
