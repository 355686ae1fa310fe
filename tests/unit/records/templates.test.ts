/** Each kind's template and export: Chinese headers with a hint each, and a sheet that round-trips through the import. */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../support/people';
import { seedRoster, sheetFile, sheetXlsx } from '../../support/ledger';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
const people = generatePeople(4, 101);
const [a, b, c] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
beforeEach(async () => {
  ws = await openTestWorkspace();
  await seedRoster(ws, people);
});
afterEach(() => ws.cleanup());

async function load(base64: string): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as never);
  return workbook;
}
const headerCells = (sheet: ExcelJS.Worksheet) => {
  const cells: ExcelJS.Cell[] = [];
  sheet.getRow(1).eachCell((cell) => cells.push(cell));
  return cells;
};

/** A value for every template column, as HR would type it. */
const TEMPLATE_VALUES: Record<string, Record<string, string>> = {
  education: { 学历: '本科', 学位: '学士', 毕业院校: '南京大学', 所学专业: '物理学', 毕业时间: '2010-07-01' },
  title: { 职称系列: '工程', 职称级别: '中级', 职称专业: '电气工程', 取得时间: '2018-12-01', 取得方式: '评审' },
  assessment: { 考核年度: '2024', 考核结果: '优秀' },
  ce: { 年度: '2024', 学时: '24', 科目类别: '公需', 课程名称: '数字经济' },
  work: { 开始时间: '2010-07-01', 结束时间: '2015-06-30', 工作单位: '某某研究所', 部门及岗位: '研发部 工程师' },
};

describe('templates', () => {
  it.each(Object.keys(TEMPLATE_VALUES))(
    'gives the %s template Chinese headers with a hint on each, and takes it back filled in',
    async (kind) => {
      const template = await ws.call('records.template', { kind: kind as never });
      expect(template.fileName).toMatch(/导入模板\.xlsx$/);
      const workbook = await load(template.base64);
      const sheet = workbook.worksheets[0]!;
      const headers = headerCells(sheet);
      expect(headers.slice(0, 2).map((cell) => cell.value)).toEqual(['姓名', '身份证号']);
      for (const cell of headers) {
        expect(String(cell.value)).toMatch(/^[\u4e00-\u9fff]+$/);
        expect(cell.note, String(cell.value)).toBeTruthy();
      }
      expect(workbook.worksheets.map((w) => w.name)).toContain('填写说明');

      const values = TEMPLATE_VALUES[kind]!;
      const row = headers.map((cell) =>
        cell.value === '姓名' ? a.name : cell.value === '身份证号' ? a.idNumber : (values[String(cell.value)] ?? null),
      );
      sheet.addRow(row);
      const filled = new Uint8Array(await workbook.xlsx.writeBuffer());
      const report = await ws.call('records.import', sheetFile('模板.xlsx', filled));
      expect(report).toMatchObject({ ok: true, kind, errors: [], created: 1 });
    },
  );

  it('gives the roster template for a 台账 and takes it back filled in', async () => {
    const template = await ws.call('records.template', { kind: 'ledger' });
    const workbook = await load(template.base64);
    const sheet = workbook.worksheets[0]!;
    const headers = headerCells(sheet).map((cell) => String(cell.value));
    expect(headers.slice(0, 2)).toEqual(['姓名', '身份证号']);
    const d = people[3]!;
    sheet.addRow(headers.map((h) => (h === '姓名' ? `${d.name}乙` : h === '身份证号' ? d.idNumber : null)));
    const report = await ws.call(
      'records.import',
      sheetFile('名单.xlsx', new Uint8Array(await workbook.xlsx.writeBuffer())),
    );
    expect(report).toMatchObject({ ok: true, kind: 'ledger', updated: 1 });
  });
});

describe('exports round-trip', () => {
  const files: Record<string, unknown[][]> = {
    education: [
      ['姓名', '身份证号', '学历', '学位', '毕业院校', '所学专业', '入学时间', '毕业时间', '毕业证书编号'],
      [a.name, a.idNumber, '大专', null, '南京工程学院', '电力技术', '2005.09', '2008.07', 'D-1'],
      [a.name, a.idNumber, '本科', '工学学士', '河海大学', '电气工程（输变电）', '2010.03', '2012.07', 'D-2'],
      [b.name, b.idNumber, '硕士', '硕士', '东南大学', '电力系统', null, '2016-06-30', null],
    ],
    title: [
      ['姓名', '身份证号', '职称名称', '职称专业', '取得时间', '取得方式', '证书编号', '发证机关'],
      [a.name, a.idNumber, '助理工程师', '电气', '2012.09', '初定', 'Z-1', '某某公司'],
      [a.name, a.idNumber, '高级工程师', '电气', '2020-12-31', null, 'Z-2', '江苏省人力资源和社会保障厅'],
      [c.name, c.idNumber, '会计师', null, '2019-05-20', '考试', null, null],
    ],
    assessment: [
      ['姓名', '身份证号', '2022年度', '2023年度', '2024年度'],
      [a.name, a.idNumber, '合格', '优秀', '称职'],
      [b.name, b.idNumber, null, '基本合格', '合格'],
      [c.name, c.idNumber, '不定等次', null, '优'],
    ],
    ce: [
      ['姓名', '身份证号', '年度', '学时', '类别', '课程名称', '证书编号'],
      [a.name, a.idNumber, 2023, '24学时', '公需', '数字经济', null],
      [a.name, a.idNumber, 2024, '24.5', '专业', '新能源（一）', 'C-9'],
      [b.name, b.idNumber, 2024, 30, '专业', null, null],
    ],
    work: [
      ['姓名', '身份证号', '起止时间', '单位', '部门及岗位'],
      [a.name, a.idNumber, '2010.07-2014.12', '某某研究所', '研究员助理'],
      [a.name, a.idNumber, '2015.01-至今', '某某科技有限公司', '工程师'],
      [c.name, c.idNumber, '2012-03-01~2019-06-30', '某某建设集团', null],
    ],
  };

  it.each(Object.keys(files))(
    'exports %s one record a row, 姓名 and 身份证号 first, and imports it back unchanged',
    async (kind) => {
      const imported = await ws.call(
        'records.import',
        sheetFile(`${kind}.xlsx`, await sheetXlsx(files[kind] as never)),
      );
      expect(imported).toMatchObject({ ok: true, errors: [] });
      const count = imported.created;
      expect(count).toBeGreaterThan(2);

      const exported = await ws.call('records.export', { kind: kind as never });
      const sheet = (await load(exported.base64)).worksheets[0]!;
      expect(sheet.rowCount).toBe(count + 1);
      expect(
        headerCells(sheet)
          .slice(0, 2)
          .map((cell) => cell.value),
      ).toEqual(['姓名', '身份证号']);

      const again = await ws.call('records.import', exported);
      expect(again).toMatchObject({ ok: true, kind, errors: [], created: 0, updated: 0, unchanged: count });
    },
  );

  it('exports only the people a search finds', async () => {
    await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(files.assessment as never)));
    const exported = await ws.call('records.export', { kind: 'assessment', search: b.name });
    const sheet = (await load(exported.base64)).worksheets[0]!;
    const ids = new Set<string>();
    sheet.eachRow((row, n) => n > 1 && ids.add(String(row.getCell(2).value)));
    expect([...ids]).toEqual([b.idNumber]);
    expect(sheet.rowCount).toBe(3);
  });
});

describe('people.bulkUpdate', () => {
  it('sets the 单位 and 部门 of many people at once, and counts only those that changed', async () => {
    const unit = await ws.call('units.save', { name: '江苏某某工程有限公司', creditCode: '91110000600037341L' });
    const rows = (await ws.call('people.list', {})).rows;
    const ids = rows.slice(0, 3).map((r) => r.id);
    expect(await ws.call('people.bulkUpdate', { ids, unitId: unit.id })).toEqual({ changed: 3 });
    expect(await ws.call('people.bulkUpdate', { ids, unitId: unit.id })).toEqual({ changed: 0 });
    expect(await ws.call('people.bulkUpdate', { ids: ids.slice(0, 2), department: '新能源事业部' })).toEqual({
      changed: 2,
    });
    const after = (await ws.call('people.list', {})).rows;
    const byId = new Map(after.map((r) => [r.id, r]));
    expect(ids.map((id) => byId.get(id)!.unitId)).toEqual([unit.id, unit.id, unit.id]);
    expect(ids.map((id) => byId.get(id)!.department)).toEqual(['新能源事业部', '新能源事业部', rows[2]!.department]);
    const untouched = after.find((r) => !ids.includes(r.id))!;
    expect(untouched.unitId).not.toBe(unit.id);
  });

  it('refuses an empty selection, an unknown unit and an unknown person in Chinese, changing nobody', async () => {
    const rows = (await ws.call('people.list', {})).rows;
    const before = rows.map((r) => r.department);
    await expect(ws.call('people.bulkUpdate', { ids: [], department: 'x' })).rejects.toThrow('请先选择人员');
    await expect(ws.call('people.bulkUpdate', { ids: [rows[0]!.id] })).rejects.toThrow('请选择要设置的单位或部门');
    await expect(ws.call('people.bulkUpdate', { ids: [rows[0]!.id], unitId: 9999 })).rejects.toThrow('所选单位');
    await expect(ws.call('people.bulkUpdate', { ids: [rows[0]!.id, 9999], department: '改了' })).rejects.toThrow(
      '所选人员',
    );
    expect((await ws.call('people.list', {})).rows.map((r) => r.department)).toEqual(before);
  });
});
