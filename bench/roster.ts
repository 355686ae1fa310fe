/**
 * Roster import of 10,000 generated people, end to end through dispatch() into SQLite, against
 * the anchor of parsing the same file with the Excel library alone; and the people list query.
 */
import ExcelJS from 'exceljs';
import { generatePeople, rosterRows, xlsxBytes } from '../tests/support/people';
import { openTestWorkspace, toBase64 } from '../tests/support/workspace';
import { median, report } from './support';

export async function benchRoster(): Promise<void> {
  const rows = 10_000;
  const bytes = await xlsxBytes(rosterRows(generatePeople(rows, 2026)));
  console.log(`\n人员名单 (${rows} rows, ${(bytes.length / 1024).toFixed(0)} KB .xlsx)`);

  const parseOnly = await median(3, async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    let cells = 0;
    workbook.worksheets[0]!.eachRow((row) => (cells += row.cellCount));
    return cells;
  });

  // Each run imports into a fresh workspace; opening it is not part of the figure.
  const workspaces = await Promise.all([0, 1, 2].map(() => openTestWorkspace()));
  let next = 0;
  const importMs = await median(3, async () => {
    const result = await workspaces[next++]!.app.invoke('roster.import', {
      fileName: 'bench.xlsx',
      base64: toBase64(bytes),
    });
    if (!result.ok || (result.value as { created: number }).created !== rows) throw new Error('import failed');
  });
  for (const ws of workspaces) ws.cleanup();
  report('import 10,000 rows → SQLite (median of 3)', importMs, 'ExcelJS parse only', parseOnly);

  const ws = await openTestWorkspace();
  try {
    await ws.app.invoke('roster.import', { fileName: 'bench.xlsx', base64: toBase64(bytes) });
    const sqlite = ws.app.database.sqlite;
    const rawSelect = await median(5, () => sqlite.prepare('SELECT * FROM employees').all());
    const listMs = await median(5, () => ws.app.invoke('people.list', {}));
    report('people.list, 10,000 rows (median of 5)', listMs, 'SELECT * FROM employees', rawSelect);
    const searchMs = await median(5, () => ws.app.invoke('people.list', { search: '技术' }));
    report("people.list search '技术' (median of 5)", searchMs, 'SELECT * FROM employees', rawSelect);
  } finally {
    ws.cleanup();
  }
}
