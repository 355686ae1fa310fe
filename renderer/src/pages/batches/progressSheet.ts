/** A batch's progress as a spreadsheet: the table on screen, with the missing materials written out. */
import type { Batch, DeclarationView } from '../../../../shared/batches/schemas';
import { todayIso } from '../../../../shared/validation/dates';
import { safeFileName, saveBytes } from '../../api/files';
import { xlsxBytes, type SheetColumn } from '../../api/xlsx';

const COLUMNS: SheetColumn[] = [
  { title: '序号', width: 6 },
  { title: '姓名', width: 10 },
  { title: '身份证号', width: 21 },
  { title: '部门', width: 14 },
  { title: '申报级别', width: 9 },
  { title: '申报专业', width: 28 },
  { title: '状态', width: 9 },
  { title: '材料', width: 8 },
  { title: '所缺材料', width: 60 },
  { title: '退回原因', width: 40 },
];

export function saveProgressSheet(batch: Batch, rows: readonly DeclarationView[]): string {
  const data = rows.map((d) => [
    d.seq,
    d.name,
    d.idNumber,
    d.department,
    d.targetLevel,
    d.specialty,
    d.status,
    d.complete ? '齐全' : `缺${d.missing.length}项`,
    d.missing.join('；'),
    d.returnReason,
  ]);
  const fileName = safeFileName(`申报进度_${batch.name}_${todayIso().replaceAll('-', '')}.xlsx`);
  saveBytes(
    fileName,
    xlsxBytes(batch.name, COLUMNS, data),
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  return fileName;
}
