/**
 * The sheets HR keeps, built with the same Excel library their files come from: a 职称台账 with a
 * title row, a two-row merged header and footer rows, and records lists long and wide.
 */
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { GeneratedPerson, SheetRow } from './people';
import { toBase64, type TestWorkspace } from './workspace';

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

/** Any rows as an .xlsx, with merged ranges given 1-based as [top, left, bottom, right]. */
export async function sheetXlsx(
  rows: readonly SheetRow[],
  merges: ReadonlyArray<readonly [number, number, number, number]> = [],
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  rows.forEach((row) => sheet.addRow(row));
  for (const [top, left, bottom, right] of merges) sheet.mergeCells(top, left, bottom, right);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Rows as a CSV the way Excel or WPS saves one: UTF-8 with a BOM, or GBK, lines ending in \r\n. */
export function csvBytes(rows: readonly SheetRow[], options: { encoding?: 'utf8' | 'gbk' } = {}) {
  const quote = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const text = rows.map((row) => row.map(quote).join(',')).join('\r\n');
  return options.encoding === 'gbk'
    ? new Uint8Array(iconv.encode(text, 'gbk'))
    : new Uint8Array(Buffer.from(`\uFEFF${text}`, 'utf8'));
}

/** The API's file payload for a sheet's bytes. */
export const sheetFile = (fileName: string, bytes: Uint8Array) => ({ fileName, base64: toBase64(bytes) });

/** Puts people in the roster (姓名, 身份证号, 部门, 参加工作时间, and 工号 when given). */
export async function seedRoster(
  ws: TestWorkspace,
  people: ReadonlyArray<
    Pick<GeneratedPerson, 'name' | 'idNumber' | 'department' | 'workStartedOn'> & { employeeNo?: string }
  >,
): Promise<void> {
  const rows: SheetRow[] = [
    ['姓名', '身份证号', '部门', '参加工作时间', '工号'],
    ...people.map((p) => [p.name, p.idNumber, p.department, p.workStartedOn, p.employeeNo ?? null]),
  ];
  const report = await ws.call('roster.import', sheetFile('名单.xlsx', await sheetXlsx(rows)));
  if (!report.ok) throw new Error(`roster import failed: ${JSON.stringify(report.errors)}`);
}

/** A person's record detail by ID number, as the person page shows it. */
export async function detailOf(ws: TestWorkspace, idNumber: string) {
  const row = (await ws.call('people.list', { search: idNumber })).rows.find((r) => r.idNumber === idNumber);
  if (!row) throw new Error(`no person ${idNumber.slice(-4)}`);
  return ws.call('people.get', { id: row.id });
}
