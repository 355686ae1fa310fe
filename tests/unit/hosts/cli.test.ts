/** `zhicheng` as users and scripts run it: a real process, real files, exit codes and JSON. */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePeople, rosterRows, xlsxBytes } from '../../support/people';
import { runCli } from '../../support/cli';
import { tempDir } from '../../support/workspace';

const dir = tempDir('zhicheng-cli-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const zhicheng = runCli;

async function writeRoster(name: string, rows: Parameters<typeof xlsxBytes>[0]): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await xlsxBytes(rows));
  return file;
}

/** Several CLI processes in one test, each starting Node: slow on a busy machine, so their own budget. */
const CLI_RUNS_BUDGET = 180_000;

describe('zhicheng roster import', () => {
  const data = join(dir, 'ws');
  const people = generatePeople(30, 11);

  it('imports a good file: exit 0 and exactly the documented JSON', async () => {
    const file = await writeRoster('good.xlsx', rosterRows(people));
    const run = await zhicheng('roster', 'import', file, '--data', data, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['ok', 'created', 'updated', 'unchanged', 'errors', 'notices', 'records']);
    const none = { notices: [], records: { education: 0, title: 0 } };
    expect(json).toEqual({ ok: true, created: 30, updated: 0, unchanged: 0, errors: [], ...none });
    const again = JSON.parse((await zhicheng('roster', 'import', file, '--data', data, '--json')).stdout);
    expect(again).toEqual({ ok: true, created: 0, updated: 0, unchanged: 30, errors: [], ...none });
  });

  it('refuses a bad file with exit 2, every error listed and nothing written', async () => {
    const rows = rosterRows(generatePeople(5, 12));
    rows[2]![1] = 'ABC';
    rows[4]![3] = '1234';
    const file = await writeRoster('bad.xlsx', rows);
    const run = await zhicheng('roster', 'import', file, '--data', data, '--json');
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({ ok: false, created: 0, updated: 0, unchanged: 0 });
    expect(json.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '身份证号'],
      [5, '手机'],
    ]);
    const valid = JSON.parse(
      (await zhicheng('roster', 'import', file, '--data', data, '--json', '--valid-only')).stdout,
    );
    expect(valid).toMatchObject({ ok: true, created: 3 });
    expect(valid.errors).toHaveLength(2);
  });

  it('prints a readable summary without --json', async () => {
    const rows = rosterRows(generatePeople(2, 13));
    rows[1]![1] = '123';
    const run = await zhicheng('roster', 'import', await writeRoster('bad2.xlsx', rows), '--data', data);
    expect(run.code).toBe(2);
    // The row, whose row it is, the column.
    expect(run.stderr).toContain(`第2行（${String(rows[1]![0])}） [身份证号]`);
    expect(run.stdout).toContain('未导入');
  });

  it('refuses a missing or broken file with exit 2 and names it', async () => {
    const missing = await zhicheng('roster', 'import', join(dir, 'nope.xlsx'), '--data', data, '--json');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout).errors[0].message).toContain('nope.xlsx');
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, 'PK not really');
    const run = await zhicheng('roster', 'import', broken, '--data', data, '--json');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout).errors[0]).toMatchObject({ row: 0, column: '文件' });
  });

  it(
    'exits 2 for usage errors and 1 for anything unexpected',
    async () => {
      expect((await zhicheng('roster', 'import', 'x.xlsx')).code).toBe(2);
      expect((await zhicheng('roster', 'dance')).code).toBe(2);
      const notADir = join(dir, 'file-not-dir');
      writeFileSync(notADir, '');
      const file = await writeRoster('one.xlsx', rosterRows(generatePeople(1, 14)));
      const broken = await zhicheng('roster', 'import', file, '--data', join(notADir, 'ws'), '--json');
      expect(broken.code).toBe(1);
      // Even then --json answers with one object of the contract's shape.
      expect(JSON.parse(broken.stdout)).toMatchObject({
        ok: false,
        code: 'INTERNAL',
        message: expect.any(String),
        created: 0,
        updated: 0,
        unchanged: 0,
      });
      const usage = await zhicheng('roster', 'import', file, '--json');
      expect(usage.code).toBe(2);
      expect(JSON.parse(usage.stdout).errors[0].message).toContain('--data');
      const unknown = await zhicheng('roster', 'import', file, '--data', data, '--bogus', '--json');
      expect(unknown.code).toBe(2);
      expect(JSON.parse(unknown.stdout)).toMatchObject({
        ok: false,
        code: 'USAGE',
        message: '不认识的选项「--bogus」',
      });
    },
    CLI_RUNS_BUDGET,
  );

  it('exports the roster and writes the template', async () => {
    const out = join(dir, 'export.xlsx');
    expect((await zhicheng('roster', 'export', out, '--data', data)).code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).toBe('姓名');
    expect(workbook.worksheets[0]!.rowCount).toBe(1 + 30 + 3);
    const filtered = join(dir, 'filtered.xlsx');
    const department = people[0]!.department;
    const expected = people.filter((p) => p.department === department).length;
    expect((await zhicheng('roster', 'export', filtered, '--data', data, '--department', department)).code).toBe(0);
    const part = new ExcelJS.Workbook();
    await part.xlsx.load(readFileSync(filtered) as unknown as ArrayBuffer);
    expect(expected).toBeLessThan(30);
    const column = (part.worksheets[0]!.getRow(1).values as string[]).indexOf('部门');
    const departments = part.worksheets[0]!.getSheetValues()
      .slice(2)
      .map((row) => (row as string[])[column]);
    expect(departments.length).toBeGreaterThanOrEqual(expected);
    expect(new Set(departments)).toEqual(new Set([department]));
    const template = join(dir, 'template.xlsx');
    expect((await zhicheng('roster', 'template', template)).code).toBe(0);
    const blank = new ExcelJS.Workbook();
    await blank.xlsx.load(readFileSync(template) as unknown as ArrayBuffer);
    const headers = blank.worksheets[0]!.getRow(1).values as string[];
    expect(headers).toEqual(expect.arrayContaining(['姓名', '身份证号', '单位', '部门', '入职日期']));
  });
});
