/** Any eligibility list as an .xlsx HR can filter and print. */
import { loadExcel } from '../lazyLibraries';
import { BUCKET_LABELS, type DashboardRow } from '../../../shared/eligibility/dashboard';

export async function eligibilityWorkbook(rows: readonly DashboardRow[], asOf: string): Promise<Uint8Array> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet('申报资格', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '姓名', key: 'name', width: 10 },
    { header: '身份证号', key: 'idNumber', width: 22, style: { numFmt: '@' } },
    { header: '部门', key: 'department', width: 14 },
    { header: '状态', key: 'bucket', width: 14 },
    { header: '申报方式', key: 'route', width: 8 },
    { header: '申报级别', key: 'level', width: 8 },
    { header: '最早可申报日期', key: 'eligibleOn', width: 14 },
    { header: '受理窗口', key: 'window', width: 24 },
    { header: '受阻原因', key: 'blockers', width: 48 },
    { header: '依据学历', key: 'education', width: 28 },
    { header: '再下一步', key: 'then', width: 24 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow({
      name: row.name,
      idNumber: row.idNumber,
      department: row.department,
      bucket: BUCKET_LABELS[row.bucket],
      route: row.next?.route,
      level: row.next?.level,
      eligibleOn: row.next?.eligibleOn,
      window: row.window ? `${row.window.from} 至 ${row.window.to}` : null,
      blockers: row.next?.blockers.map((b) => b.message).join('；'),
      education: row.next?.education,
      then: row.then ? `${row.then.route}${row.then.level ?? ''} ${row.then.eligibleOn ?? ''}` : null,
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 11 } };
  sheet.headerFooter.oddHeader = `申报资格（截至 ${asOf}）`;
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
