/** 继续教育 hours, long and wide, through the real import into a real workspace. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../support/people';
import { csvBytes, detailOf, seedRoster, sheetFile, sheetXlsx } from '../../support/ledger';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
const people = generatePeople(3, 61);
const [a, b, c] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
beforeEach(async () => {
  ws = await openTestWorkspace();
  await seedRoster(ws, people);
});
afterEach(() => ws.cleanup());

const ce = async (idNumber: string) =>
  (await detailOf(ws, idNumber)).ce
    .map((r) => ({
      year: r.year,
      hours: r.hours,
      category: r.category,
      course: r.course,
      certificateNo: r.certificateNo,
    }))
    .sort((x, y) => x.year - y.year || x.hours - y.hours);

describe('继续教育, long: one row a course', () => {
  it('reads hours with units, full-width digits, 公需/专业, courses and certificate numbers', async () => {
    const rows = [
      ['2024年度专业技术人员继续教育学时登记表'],
      ['姓名', '身份证号', '年度', '学时', '类别', '课程名称', '证书编号'],
      [a.name, a.idNumber, 2024, '24学时', '公需', '数字经济与创新驱动', 'GX2024-001'],
      [a.name, a.idNumber, '2024年', '24.5', '专业科目', '电力系统新技术', null],
      [a.name, a.idNumber, '２０２３', '３２', '专业', '新能源并网', null],
      [b.name, b.idNumber, 2024, 12, '公需科目', null, null],
      ['制表人：袁媛'],
    ];
    const report = await ws.call('records.import', sheetFile('继续教育.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, kind: 'ce', shape: 'long', errors: [], created: 4, skipped: 1 });
    expect(await ce(a.idNumber)).toEqual([
      { year: 2023, hours: 32, category: '专业', course: '新能源并网', certificateNo: null },
      { year: 2024, hours: 24, category: '公需', course: '数字经济与创新驱动', certificateNo: 'GX2024-001' },
      { year: 2024, hours: 24.5, category: '专业', course: '电力系统新技术', certificateNo: null },
    ]);
    expect(await ce(b.idNumber)).toEqual([
      { year: 2024, hours: 12, category: '公需', course: null, certificateNo: null },
    ]);
  });

  it('reads 学时数 and 科目类别 from a UTF-8 CSV, and says when a category was taken as 专业', async () => {
    const rows = [
      ['身份证号', '年度', '学时数', '科目类别'],
      [a.idNumber, '2022', '30', '专业'],
      [c.idNumber, '2022', '16学时', '公需'],
    ];
    const report = await ws.call('records.import', sheetFile('学时.csv', csvBytes(rows)));
    expect(report).toMatchObject({ ok: true, kind: 'ce', created: 2, errors: [] });
    expect(await ce(c.idNumber)).toEqual([
      { year: 2022, hours: 16, category: '公需', course: null, certificateNo: null },
    ]);

    const noCategory = [
      ['身份证号', '年度', '学时'],
      [b.idNumber, '2021', '40'],
    ];
    const second = await ws.call('records.import', sheetFile('学时2.csv', csvBytes(noCategory)));
    expect(second).toMatchObject({ ok: true, created: 1 });
    expect(second.notices).toContain('1条继续教育未注明科目类别，按「专业」记录');
  });

  it('refuses hours it cannot read, naming the row, the column and the person', async () => {
    const rows = [
      ['姓名', '年度', '学时', '类别'],
      [a.name, 2024, '二十四', '公需'],
      [b.name, 2024, 0, '公需'],
      [c.name, 2024, 12, '选修'],
    ];
    const report = await ws.call('records.import', sheetFile('学时.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: false, refused: true, created: 0 });
    expect(report.errors.map((e) => [e.row, e.column, e.name])).toEqual([
      [2, '学时', a.name],
      [3, '学时', b.name],
      [4, '科目类别', c.name],
    ]);
    expect(report.errors[0]!.message).toContain('二十四');
    expect(report.errors[2]!.message).toContain('选修');
    for (const e of report.errors) expect(e.message).not.toMatch(/无效输入|期望|expected/i);
  });
});

describe('继续教育 CSV with a stray comma', () => {
  it('refuses a row with more cells than the header instead of cutting it, naming the row and the extra cells', async () => {
    const text = [
      '姓名,身份证号,年度,学时,类别,课程名称',
      `${a.name},${a.idNumber},2024,24,公需,数字经济`,
      `${b.name},${b.idNumber},2024,12,专业,安全生产,应急管理`,
    ].join('\r\n');
    const report = await ws.call('records.import', sheetFile('学时.csv', new TextEncoder().encode(text)));
    expect(report).toMatchObject({ ok: false, refused: true, created: 0 });
    expect(report.errors).toEqual([
      { row: 3, column: '整行', name: b.name, message: expect.stringContaining('应急管理') },
    ]);
    expect(await ce(a.idNumber)).toEqual([]);
  });
});

describe('继续教育, wide: one column a year (and category)', () => {
  it('reads 「2023年学时」 and 「2024学时」, an empty cell being no record', async () => {
    const rows = [
      ['姓名', '身份证号', '2023年学时', '2024学时'],
      [a.name, a.idNumber, 90, '72学时'],
      [b.name, b.idNumber, null, '９０'],
    ];
    const report = await ws.call('records.import', sheetFile('学时.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, kind: 'ce', shape: 'wide', errors: [], created: 3 });
    expect(await ce(a.idNumber)).toEqual([
      { year: 2023, hours: 90, category: '专业', course: null, certificateNo: null },
      { year: 2024, hours: 72, category: '专业', course: null, certificateNo: null },
    ]);
    expect(await ce(b.idNumber)).toEqual([
      { year: 2024, hours: 90, category: '专业', course: null, certificateNo: null },
    ]);
  });

  it('reads 「2024公需」 「2024专业」 as two records of their categories', async () => {
    const rows = [
      ['姓名', '身份证号', '2024公需', '2024专业', '2025公需', '2025专业'],
      [a.name, a.idNumber, 24, 66, null, null],
      [c.name, c.idNumber, '30', '60学时', 24, null],
    ];
    const report = await ws.call('records.import', sheetFile('学时.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, kind: 'ce', shape: 'wide', errors: [], created: 5 });
    expect(await ce(a.idNumber)).toEqual([
      { year: 2024, hours: 24, category: '公需', course: null, certificateNo: null },
      { year: 2024, hours: 66, category: '专业', course: null, certificateNo: null },
    ]);
    expect(await ce(c.idNumber)).toEqual([
      { year: 2024, hours: 30, category: '公需', course: null, certificateNo: null },
      { year: 2024, hours: 60, category: '专业', course: null, certificateNo: null },
      { year: 2025, hours: 24, category: '公需', course: null, certificateNo: null },
    ]);
    const again = await ws.call('records.import', sheetFile('学时.xlsx', await sheetXlsx(rows)));
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 5 });
  });

  it('reads 「继续教育学时」 over 2023年 / 2024年 in a CSV (the group, then empty cells) as hours a year', async () => {
    const rows = [
      ['姓名', '身份证号', '继续教育学时', null],
      [null, null, '2023年', '2024年'],
      [a.name, a.idNumber, 90, '72学时'],
    ];
    const report = await ws.call('records.import', sheetFile('学时.csv', csvBytes(rows)));
    expect(report).toMatchObject({ ok: true, kind: 'ce', shape: 'wide', errors: [], created: 2 });
    expect(await ce(a.idNumber)).toEqual([
      { year: 2023, hours: 90, category: '专业', course: null, certificateNo: null },
      { year: 2024, hours: 72, category: '专业', course: null, certificateNo: null },
    ]);
  });
});
