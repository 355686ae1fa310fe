/**
 * Records in bulk, end to end through dispatch() into SQLite that already holds 10,000 people:
 * 5 years of assessments as a wide sheet (one row a person, one column a year) and 50,000
 * continuing-education rows as a long sheet. The anchor is parsing the same file with the Excel
 * library alone; anchor and import runs alternate so a machine's load falls on both alike.
 */
import { cpSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import type { SheetRow } from '../tests/support/people';
import { generatePeople, rosterRows, xlsxBytes } from '../tests/support/people';
import { openTestWorkspace, tempDir, toBase64, type TestWorkspace } from '../tests/support/workspace';
import { report } from './support';

const PEOPLE = 10_000;
const YEARS = [2021, 2022, 2023, 2024, 2025];
const RESULTS = ['合格', '优秀', '合格', '称职', '合格', '基本合格'];
const RUNS = 3;

function assessmentRows(people: ReturnType<typeof generatePeople>): SheetRow[] {
  return [
    ['姓名', '身份证号', ...YEARS.map((y) => `${y}年度`)],
    ...people.map((p, i) => [p.name, p.idNumber, ...YEARS.map((_, y) => RESULTS[(i + y) % RESULTS.length]!)]),
  ];
}

/** Five courses a person, one a year: 50,000 rows for 10,000 people. */
function ceRows(people: ReturnType<typeof generatePeople>): SheetRow[] {
  const rows: SheetRow[] = [['姓名', '身份证号', '年度', '学时', '类别', '课程名称']];
  people.forEach((p, i) =>
    YEARS.forEach((year, y) =>
      rows.push([p.name, p.idNumber, year, 12 + ((i + y) % 5) * 6, y % 2 ? '公需' : '专业', `课程${(i + y) % 40}`]),
    ),
  );
  return rows;
}

async function parseOnly(bytes: Uint8Array): Promise<number> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  let cells = 0;
  workbook.worksheets[0]!.eachRow((row) => (cells += row.cellCount));
  return cells;
}

const medianOf = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

export async function benchRecords(): Promise<void> {
  const people = generatePeople(PEOPLE, 2026);
  const sheets = [
    {
      label: `年度考核宽表 ${PEOPLE}人×${YEARS.length}年`,
      bytes: await xlsxBytes(assessmentRows(people)),
      records: PEOPLE * YEARS.length,
    },
    {
      label: `继续教育长表 ${PEOPLE * YEARS.length}行`,
      bytes: await xlsxBytes(ceRows(people)),
      records: PEOPLE * YEARS.length,
    },
  ];
  console.log(
    `\n记录导入 (${sheets.map((s) => `${s.label} ${(s.bytes.length / 1024).toFixed(0)} KB`).join('; ')}; 名单已有${PEOPLE}人)`,
  );

  // One workspace with the roster, copied for every run: importing the roster is not the figure.
  const seed = await openTestWorkspace();
  const rosterBytes = await xlsxBytes(rosterRows(people));
  const seeded = await seed.app.invoke('roster.import', { fileName: 'roster.xlsx', base64: toBase64(rosterBytes) });
  if (!seeded.ok) throw new Error('roster import failed');
  seed.app.close();

  const times = sheets.map(() => ({ parse: [] as number[], import: [] as number[] }));
  for (let run = 0; run < RUNS; run++) {
    for (const [i, sheet] of sheets.entries()) {
      times[i]!.parse.push(await timed(() => parseOnly(sheet.bytes)));
      const dir = tempDir();
      cpSync(seed.dir, dir, { recursive: true });
      const ws: TestWorkspace = await openTestWorkspace(dir);
      try {
        times[i]!.import.push(
          await timed(async () => {
            const result = await ws.app.invoke('records.import', {
              fileName: 'bench.xlsx',
              base64: toBase64(sheet.bytes),
              validOnly: false,
            });
            const value = result.ok ? (result.value as { created: number }) : null;
            if (value?.created !== sheet.records)
              throw new Error(
                `records import failed: ${JSON.stringify(result.ok ? { created: value?.created, errors: (result.value as { errors: unknown[] }).errors.slice(0, 3) } : result).slice(0, 500)}`,
              );
          }),
        );
      } finally {
        ws.cleanup();
      }
    }
  }
  rmSync(seed.dir, { recursive: true, force: true });
  for (const [i, sheet] of sheets.entries()) {
    report(
      `${sheet.label} → SQLite (median of ${RUNS})`,
      medianOf(times[i]!.import),
      'ExcelJS parse only',
      medianOf(times[i]!.parse),
    );
  }
}
