import { describe, expect, it } from 'vitest';
import { validateRoster, type Cell } from '../../../shared/roster/validateRoster';
import { makeIdNumber } from '../../support/people';

const ID_A = makeIdNumber('320102', '1990-01-01', 11);
const ID_B = makeIdNumber('320106', '1985-06-15', 22);
const UNITS = [
  { id: 1, name: '江苏某某电力工程有限公司', creditCode: '91110000600037341L' },
  { id: 2, name: '某某设计院', creditCode: '12320000466007388A' },
];

const validate = (rows: Cell[][], defaultUnit: number | null = 1) => validateRoster({ rows }, UNITS, defaultUnit);

describe('roster rows', () => {
  it('finds the header under a title row, reads aliases and Excel row numbers', () => {
    const result = validate([
      ['2026年职称申报人员名单'],
      [],
      ['姓名', '身份证号码', '手机号码', '入职时间', '所在部门'],
      ['张三', ID_A, '13812345678', '2020.07', '技术部'],
    ]);
    expect(result.errors).toEqual([]);
    expect(result.valid).toHaveLength(1);
    expect(result.valid[0]).toMatchObject({
      row: 4,
      fields: {
        name: '张三',
        idNumber: ID_A,
        phone: '13812345678',
        hiredOn: '2020-07',
        department: '技术部',
        unitId: 1,
      },
    });
  });

  it('reports every error with its row and column, and keeps the good rows apart', () => {
    const result = validate([
      ['姓名', '身份证号', '手机', '入职日期', '人员类别', '单位'],
      ['张三', ID_A, '1381234567', '2020-07-01', '企业', ''],
      ['', ID_B, '', '2020-02-30', '合同工', '不存在的公司'],
      ['王五', ID_A.slice(0, 17) + (ID_A[17] === '0' ? '1' : '0'), '', '', '', ''],
      ['赵六', ID_B, '', '', '', '91110000600037341L'],
    ]);
    const brief = result.errors.map((e) => [e.row, e.column]);
    expect(brief).toEqual([
      [2, '手机'],
      [3, '单位'],
      [3, '姓名'],
      [3, '入职日期'],
      [3, '人员类别'],
      [4, '身份证号'],
    ]);
    expect(result.errors.find((e) => e.column === '单位')!.message).toContain('不存在的公司');
    expect(result.errors.find((e) => e.column === '人员类别')!.message).toContain('事业编制');
    expect(result.valid.map((v) => v.row)).toEqual([5]);
    expect(result.valid[0]!.fields.unitId).toBe(1);
    expect(result.totalRows).toBe(4);
  });

  it('flags duplicates inside the file by ID number, naming the first row', () => {
    const result = validate([
      ['姓名', '身份证号'],
      ['张三', ID_A],
      ['张三', ID_A.toLowerCase()],
    ]);
    expect(result.errors).toEqual([{ row: 3, column: '身份证号', message: '身份证号与第2行重复', name: '张三' }]);
  });

  it('checks 性别 and 出生日期 columns against the ID number', () => {
    const result = validate([
      ['姓名', '身份证号', '性别', '出生日期'],
      ['张三', ID_A, '女', '1990-01-02'],
      ['李四', ID_B, '', '1985.06'],
    ]);
    expect(result.errors.map((e) => e.column)).toEqual(['性别', '出生日期']);
    expect(result.valid.map((v) => v.row)).toEqual([3]);
  });

  it('explains an ID number that Excel turned into a number', () => {
    const result = validate([
      ['姓名', '身份证号'],
      ['张三', 3.20102199001011e17],
    ]);
    expect(result.errors[0]!.message).toContain('设为“文本”');
  });

  it('reads date cells and serials as dates', () => {
    const result = validate([
      ['姓名', '身份证号', '入职日期', '参加工作时间'],
      ['张三', ID_A, new Date(Date.UTC(2015, 6, 1)), 42186],
    ]);
    expect(result.valid[0]!.fields).toMatchObject({ hiredOn: '2015-07-01', workStartedOn: '2015-07-01' });
  });

  it('refuses a sheet without the required header, or without data', () => {
    expect(validate([['name', 'id']]).errors[0]).toMatchObject({ row: 0, column: '表头' });
    expect(
      validate([
        ['姓名', '身份证号'],
        [null, ''],
      ]).errors[0]!.message,
    ).toContain('没有人员数据');
  });

  it('leaves the unit empty when there is no default unit', () => {
    const result = validate(
      [
        ['姓名', '身份证号'],
        ['张三', ID_A],
      ],
      null,
    );
    expect(result.valid[0]!.fields.unitId).toBeNull();
  });
});
