/** Whose row is it: 身份证号, else 工号, else a 姓名 only one person has; anything else is an error. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../support/people';
import { seedRoster, sheetFile, sheetXlsx, detailOf } from '../../support/ledger';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
const person = (name: string, n: number, employeeNo?: string) => ({
  name,
  idNumber: makeIdNumber('320104', `1985-0${1 + (n % 9)}-1${n % 10}`, n),
  department: '技术部',
  workStartedOn: '2008-07-01',
  employeeNo,
});
const zhang1 = person('张伟', 1, 'E001');
const zhang2 = person('张伟', 2, 'E002');
const li = person('李娜', 3, 'E003');
const wang = person('王芳', 4);
beforeEach(async () => {
  ws = await openTestWorkspace();
  await seedRoster(ws, [zhang1, zhang2, li, wang]);
});
afterEach(() => ws.cleanup());

const years = async (idNumber: string) => (await detailOf(ws, idNumber)).assessments.map((a) => a.year).sort();

describe('who a row belongs to', () => {
  it('finds people by 身份证号, else 工号, else a unique 姓名', async () => {
    const rows = [
      ['姓名', '身份证号', '工号', '年度', '考核结果'],
      ['张伟', zhang1.idNumber, null, 2021, '合格'],
      ['张伟', null, 'E002', 2022, '合格'],
      [null, null, 'E003', 2023, '优秀'],
      ['王芳', null, null, 2024, '合格'],
    ];
    const report = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, errors: [], created: 4 });
    expect(await years(zhang1.idNumber)).toEqual([2021]);
    expect(await years(zhang2.idNumber)).toEqual([2022]);
    expect(await years(li.idNumber)).toEqual([2023]);
    expect(await years(wang.idNumber)).toEqual([2024]);
  });

  it('refuses a name two people share, naming the row and both candidates', async () => {
    const rows = [
      ['姓名', '年度', '考核结果'],
      ['李娜', 2023, '合格'],
      ['张伟', 2023, '合格'],
    ];
    const report = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: false, refused: true, created: 0 });
    expect(report.errors).toHaveLength(1);
    const [error] = report.errors;
    expect(error).toMatchObject({ row: 3, column: '姓名', name: '张伟' });
    expect(error!.message).toContain('2人叫「张伟」');
    expect(error!.message).toContain('工号 E001');
    expect(error!.message).toContain('工号 E002');
    expect(error!.message).toContain(zhang1.idNumber.slice(-4));
    expect(error!.message).toContain(zhang2.idNumber.slice(-4));
    // Only the last four digits of an ID are shown.
    expect(error!.message).not.toContain(zhang1.idNumber);
    expect(await years(li.idNumber)).toEqual([]);
  });

  it('refuses a person not in the roster, by name, by ID and by 工号', async () => {
    const stranger = makeIdNumber('320106', '1992-02-02', 77);
    const rows = [
      ['姓名', '身份证号', '工号', '年度', '考核结果'],
      ['赵敏', null, null, 2023, '合格'],
      ['钱进', stranger, null, 2023, '合格'],
      [null, null, 'E999', 2023, '合格'],
      ['王芳', null, null, 2023, '合格'],
    ];
    const report = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: false, refused: true, created: 0 });
    expect(report.errors.map((e) => [e.row, e.column, e.name ?? null])).toEqual([
      [2, '姓名', '赵敏'],
      [3, '身份证号', '钱进'],
      [4, '工号', null],
    ]);
    expect(report.errors[0]!.message).toContain('人员名单中没有「赵敏」');
    expect(report.errors[1]!.message).toContain('钱进');
    expect(report.errors[2]!.message).toContain('E999');
  });

  it('refuses a name that does not match the ID number given', async () => {
    const rows = [
      ['姓名', '身份证号', '年度', '考核结果'],
      ['李四', li.idNumber, 2023, '合格'],
    ];
    const report = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(rows)));
    expect(report.errors).toEqual([{ row: 2, column: '姓名', name: '李四', message: expect.stringContaining('李娜') }]);
  });
});
