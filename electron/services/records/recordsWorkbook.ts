/**
 * Records as .xlsx: the empty template of each kind HR fills in, and the export of each kind,
 * one record per row with 姓名 and 身份证号 first, so a sheet round-trips through the import.
 */
import type ExcelJS from 'exceljs';
import { loadExcel } from '../lazyLibraries';
import { FIELDS_OF, IMPORT_KIND_LABELS, type FieldDef, type RecordImportKind } from '../../../shared/records/columns';
import { columnOf } from '../../../shared/roster/columns';

/** A title is stored by series and level, a work period by its two dates: those are the columns. */
const NOT_STORED = new Set(['title.name', 'work.range']);
const fieldsOf = (kind: RecordImportKind): readonly FieldDef[] =>
  FIELDS_OF[kind].filter((def) => !NOT_STORED.has(def.field));

const PERSON_COLUMNS = [columnOf('name'), columnOf('idNumber')];

function recordsSheet(workbook: ExcelJS.Workbook, kind: RecordImportKind): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(IMPORT_KIND_LABELS[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
  const fields = fieldsOf(kind);
  sheet.columns = [
    ...PERSON_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.width })),
    ...fields.map((def) => ({ header: def.header, key: def.field, width: Math.max(12, def.header.length * 2 + 4) })),
  ].map((column) => ({ ...column, style: { numFmt: '@' } }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  const hints = [
    ...PERSON_COLUMNS.map((c) => (c.field === 'name' ? '姓名；名单中有同名的人时须填身份证号' : (c.hint ?? null))),
    ...fields.map((def) => def.hint ?? null),
  ];
  const required = [true, false, ...fields.map((def) => !!def.required)];
  hints.forEach((hint, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: required[i] ? 'FFFDE2E2' : 'FFEFF3F8' } };
    if (hint) cell.note = hint;
  });
  return sheet;
}

export async function recordsTemplate(kind: RecordImportKind): Promise<Uint8Array> {
  const workbook = new (await loadExcel()).Workbook();
  recordsSheet(workbook, kind);
  const notes = workbook.addWorksheet('填写说明');
  notes.getColumn(1).width = 100;
  [
    `职称申报工作台 · ${IMPORT_KIND_LABELS[kind]}导入模板`,
    '',
    '1. 每行一条记录；同一人有多条时写多行。',
    '2. 按身份证号找人；不填身份证号时按工号，再按姓名（名单中只有一人叫这个名字时）。',
    '3. 日期可写成 2020-07-01、2020/7/1、2020.07 或 2020年7月。',
    '4. 再次导入同一条记录会更新它，不会重复；空白单元格不会清除已有内容。',
    '5. 有任何一行出错时，默认整个文件都不导入，并列出所有错误；也可选择“只导入无误的行”。',
  ].forEach((line, i) => {
    const cell = notes.getCell(i + 1, 1);
    cell.value = line;
    if (i === 0) cell.font = { bold: true, size: 14 };
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface ExportedRecord {
  name: string;
  idNumber: string;
  fields: Record<string, unknown>;
}

export async function recordsExport(kind: RecordImportKind, records: readonly ExportedRecord[]): Promise<Uint8Array> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = recordsSheet(workbook, kind);
  const fields = fieldsOf(kind);
  for (const record of records) {
    sheet.addRow([
      record.name,
      record.idNumber,
      ...fields.map((def) => {
        const value = record.fields[def.field.split('.')[1]!];
        return value === null || value === undefined ? null : value;
      }),
    ]);
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: fields.length + 2 } };
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
