/** The batch summary that goes beside the kits: one row per applicant, what is in and what is missing. */
import { loadExcel } from '../lazyLibraries';
import type { BatchRow, DeclarationListRow } from '../../../db';
import type { KitPerson } from './kitExport';

export async function kitSummaryWorkbook(
  batch: BatchRow,
  rows: readonly DeclarationListRow[],
  people: readonly KitPerson[],
): Promise<Uint8Array> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet('申报汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '序号', key: 'seq', width: 6 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '身份证号', key: 'idNumber', width: 22, style: { numFmt: '@' } },
    { header: '部门', key: 'department', width: 14 },
    { header: '申报级别', key: 'level', width: 10 },
    { header: '申报专业', key: 'specialty', width: 28 },
    { header: '状态', key: 'status', width: 10 },
    { header: '文件数', key: 'files', width: 8 },
    { header: '缺少', key: 'missing', width: 40 },
    { header: '问题', key: 'problems', width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const kit = people.find((p) => p.idNumber === row.idNumber);
    sheet.addRow({
      seq: row.seq,
      name: row.name,
      idNumber: row.idNumber,
      department: row.department,
      level: row.targetLevel,
      specialty: row.specialty,
      status: row.status,
      files: kit?.files ?? 0,
      missing: kit?.missing.join('；') ?? '',
      problems: kit?.problems.join('；') ?? '',
    });
  }
  sheet.headerFooter.oddHeader = `${batch.name}（${batch.type}）`;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
