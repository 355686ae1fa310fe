/** `zhicheng records …` and `roster import --json` as scripts run them: a real process, real files, exit codes and JSON. */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePeople } from '../../support/people';
import { csvBytes, ledgerRows, ledgerXlsx, sheetXlsx, withQualifications } from '../../support/ledger';
import { runCli } from '../../support/cli';
import { tempDir } from '../../support/workspace';

const dir = tempDir('zhicheng-cli-records-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const zhicheng = runCli;

const write = (name: string, bytes: Uint8Array) => {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
};
// Each run starts Node and the app: seconds apiece on a loaded machine, so the tests get room.
const SLOW = { timeout: 180_000 };
const RECORDS_KEYS = ['ok', 'kind', 'shape', 'created', 'updated', 'unchanged', 'skipped', 'notices', 'errors'];
const ROSTER_KEYS = ['ok', 'created', 'updated', 'unchanged', 'errors', 'notices', 'records'];

const people = withQualifications(generatePeople(6, 111));
const data = join(dir, 'ws');

describe('zhicheng roster import --json with a 台账', () => {
  it('prints the documented keys, with the notices and the education and title records it made', SLOW, async () => {
    const file = write('台账.xlsx', await ledgerXlsx(ledgerRows(people, '籍贯'), true));
    const run = await zhicheng('roster', 'import', file, '--data', data, '--json');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(ROSTER_KEYS);
    expect(json).toMatchObject({
      ok: true,
      created: 6,
      updated: 0,
      unchanged: 0,
      errors: [],
      records: { education: 6, title: people.filter((p) => p.title).length },
    });
    expect(json.notices).toContain('未识别的列：籍贯，已忽略');
    const again = JSON.parse((await zhicheng('roster', 'import', file, '--data', data, '--json')).stdout);
    expect(again).toMatchObject({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 6,
      records: { education: 0, title: 0 },
    });
  });

  it('fails in the same shape, exit 2, for a missing file', SLOW, async () => {
    const run = await zhicheng('roster', 'import', join(dir, 'nope.xlsx'), '--data', data, '--json');
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout);
    // The contract's keys, then the CLI's one failure shape.
    expect(Object.keys(json)).toEqual([...ROSTER_KEYS, 'code', 'message']);
    expect(json.errors[0].message).toContain('nope.xlsx');
  });
});

describe('zhicheng records import', () => {
  const [a, b, c] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
  beforeAll(async () => {
    // The roster the records belong to.
    await zhicheng('roster', 'import', write('台账0.xlsx', await ledgerXlsx(ledgerRows(people))), '--data', data);
  }, SLOW.timeout);

  it(
    'imports a wide assessment sheet: exit 0 and exactly the documented JSON; again changes nothing',
    SLOW,
    async () => {
      const file = write(
        '考核.xlsx',
        await sheetXlsx([
          ['年度考核结果汇总'],
          ['姓名', '身份证号', '2023年度', '2024年度'],
          [a.name, a.idNumber, '称职', '优秀'],
          [b.name, b.idNumber, null, '合格'],
          ['制表人：袁媛'],
        ]),
      );
      const run = await zhicheng('records', 'import', file, '--data', data, '--json');
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout);
      expect(Object.keys(json)).toEqual(RECORDS_KEYS);
      expect(json).toEqual({
        ok: true,
        kind: 'assessment',
        shape: 'wide',
        created: 3,
        updated: 0,
        unchanged: 0,
        skipped: 1,
        notices: ['考核结果「称职」按「合格」导入（1处）'],
        errors: [],
      });
      const again = JSON.parse((await zhicheng('records', 'import', file, '--data', data, '--json')).stdout);
      expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3 });
    },
  );

  it(
    'takes --kind, and refuses a bad file with exit 2 and every error; --valid-only imports the rest',
    SLOW,
    async () => {
      const file = write(
        '学时.csv',
        csvBytes(
          [
            ['身份证号', '年度', '学时', '类别'],
            [a.idNumber, '2024', '24学时', '公需'],
            [b.idNumber, '2024', '很多', '专业'],
            [c.idNumber, '2024', '30', '专业'],
          ],
          { encoding: 'gbk' },
        ),
      );
      const run = await zhicheng('records', 'import', file, '--data', data, '--kind', 'ce', '--json');
      expect(run.code).toBe(2);
      const json = JSON.parse(run.stdout);
      expect(Object.keys(json)).toEqual([...RECORDS_KEYS, 'code', 'message']);
      expect(json).toMatchObject({ ok: false, kind: 'ce', shape: 'long', created: 0, updated: 0, unchanged: 0 });
      expect(json.errors).toEqual([{ row: 3, column: '学时', name: b.name, message: expect.stringContaining('很多') }]);

      const valid = await zhicheng('records', 'import', file, '--data', data, '--kind', 'ce', '--valid-only', '--json');
      expect(valid.code).toBe(0);
      expect(JSON.parse(valid.stdout)).toMatchObject({ ok: true, kind: 'ce', created: 2, errors: [{ row: 3 }] });
    },
  );

  it('prints a readable summary without --json, and refuses an unknown --kind as a usage error', SLOW, async () => {
    const file = write(
      '工作经历.xlsx',
      await sheetXlsx([
        ['姓名', '起止时间', '单位'],
        [c.name, '2015.07-至今', '某某科技有限公司'],
      ]),
    );
    const run = await zhicheng('records', 'import', file, '--data', data);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('已导入（工作经历）：新增1条');
    const usage = await zhicheng('records', 'import', file, '--data', data, '--kind', 'salary', '--json');
    expect(usage.code).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject({ ok: false });
    expect(usage.stdout).toContain('--kind');
  });
});

describe('zhicheng records export and template', () => {
  it('exports a kind for the people a search finds, one record a row, 姓名 and 身份证号 first', SLOW, async () => {
    const out = join(dir, '考核导出.xlsx');
    const [a] = people as [(typeof people)[0]];
    const run = await zhicheng('records', 'export', out, '--data', data, '--kind', 'assessment', '--search', a.name);
    expect(run.code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as never);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1, 5)));
    expect(rows).toEqual([
      ['姓名', '身份证号', '考核年度', '考核结果'],
      [a.name, a.idNumber, 2023, '合格'],
      [a.name, a.idNumber, 2024, '优秀'],
    ]);
    const back = await zhicheng('records', 'import', out, '--data', data, '--json');
    expect(JSON.parse(back.stdout)).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 2 });
  });

  it('writes the 台账 and 继续教育 templates, and asks for --kind when it is missing', SLOW, async () => {
    for (const kind of ['ledger', 'ce']) {
      const out = join(dir, `模板-${kind}.xlsx`);
      const run = await zhicheng('records', 'template', out, '--kind', kind);
      expect(run.code, kind).toBe(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync(out) as never);
      expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).toBe('姓名');
    }
    const out = join(dir, '模板-none.xlsx');
    const missing = await zhicheng('records', 'template', out);
    expect(missing.code).toBe(2);
    expect(missing.stderr + missing.stdout).toContain('--kind');
    expect(existsSync(out)).toBe(false);
  });
});
