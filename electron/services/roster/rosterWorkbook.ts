/** The roster as an .xlsx: the empty template HR fills in, and the export of any list. */
import type ExcelJS from 'exceljs';
import { loadExcel } from '../lazyLibraries';
import { PERSON_CATEGORIES, POLITICAL_STATUSES } from '../../../shared/domain/enums';
import { ROSTER_COLUMNS, type RosterField } from '../../../shared/roster/columns';

export type RosterValues = Partial<Record<RosterField, string | null>>;

const SHEET_NAME = '人员';
const LIST_VALIDATIONS: Partial<Record<RosterField, readonly string[]>> = {
  category: PERSON_CATEGORIES,
  politicalStatus: POLITICAL_STATUSES,
  gender: ['男', '女'],
};

function rosterSheet(workbook: ExcelJS.Workbook, rowsForValidation: number): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = ROSTER_COLUMNS.map((column) => ({
    header: column.header,
    key: column.field,
    width: column.width,
    // Text format keeps ID numbers and phones from turning into numbers as HR types them.
    style: { numFmt: '@' },
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  ROSTER_COLUMNS.forEach((column, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: column.required ? 'FFFDE2E2' : 'FFEFF3F8' } };
    if (column.hint) cell.note = column.hint;
    const list = LIST_VALIDATIONS[column.field];
    if (list) {
      const letter = sheet.getColumn(i + 1).letter;
      for (let r = 2; r <= rowsForValidation + 1; r++) {
        sheet.getCell(`${letter}${r}`).dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [`"${list.join(',')}"`],
          showErrorMessage: true,
          errorTitle: column.header,
          error: `请从下拉列表中选择：${list.join('、')}`,
        };
      }
    }
  });
  return sheet;
}

function instructions(workbook: ExcelJS.Workbook): void {
  const sheet = workbook.addWorksheet('填写说明');
  sheet.getColumn(1).width = 100;
  const lines = [
    '职称申报工作台 · 人员名单导入模板',
    '',
    '1. 在「人员」表中每行填一人；红色表头（姓名、身份证号）必填，其余可空。',
    '2. 身份证号为18位，末位可为X；本列已设为文本，请勿改成数字格式。',
    '3. 日期可写成 2020-07-01、2020/7/1、2020.07、2020年7月1日 或 2020年7月。',
    '4. 「单位」填单位全称或统一社会信用代码，须先在“设置 › 单位”中添加；空着即默认单位。',
    '5. 再次导入同一人（按身份证号）会更新其信息；空白单元格不会清除已有内容。',
    '6. 有任何一行出错时，默认整个文件都不导入，并列出所有错误；也可选择“只导入无误的行”。',
  ];
  lines.forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1);
    cell.value = line;
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
}

export async function rosterTemplate(): Promise<Uint8Array> {
  const workbook = new (await loadExcel()).Workbook();
  rosterSheet(workbook, 1000);
  instructions(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export async function rosterExport(rows: readonly RosterValues[]): Promise<Uint8Array> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = rosterSheet(workbook, 0);
  for (const row of rows) sheet.addRow(row);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ROSTER_COLUMNS.length } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
