/** 年度考核 lists, wide and long, through the real import into a real workspace. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../support/people';
import { csvBytes, detailOf, seedRoster, sheetFile, sheetXlsx } from '../../support/ledger';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
const people = generatePeople(4, 51);
beforeEach(async () => {
  ws = await openTestWorkspace();
  await seedRoster(ws, people);
});
afterEach(() => ws.cleanup());

const assessments = async (idNumber: string) =>
  Object.fromEntries((await detailOf(ws, idNumber)).assessments.map((a) => [a.year, a.result]));
const [a, b, c, d] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0], (typeof people)[0]];

describe('年度考核, wide: one column a year', () => {
  const rows = [
    ['2021—2025年度考核结果汇总表'],
    ['序号', '姓名', '身份证号', '2021年度', '2022年', '2023', '2024年度考核', '2025考核结果'],
    [1, a.name, a.idNumber, '优秀', '合格', '称职', '基本称职', '优'],
    [2, b.name, b.idNumber, null, '不称职', '合格', null, '合格'],
    [3, c.name, c.idNumber, null, '无', '—', null, '/'],
    ['合计', '3人'],
  ];

  it('reads every way of heading a year, maps the synonyms and says so, and an empty cell is no record', async () => {
    const preview = await ws.call('records.preview', sheetFile('考核.xlsx', await sheetXlsx(rows)));
    expect(preview).toMatchObject({
      ok: true,
      dryRun: true,
      kind: 'assessment',
      shape: 'wide',
      errors: [],
      created: 8,
      skipped: 1,
    });
    expect(preview.columns.slice(3).every((col) => col.status === 'known')).toBe(true);
    expect(preview.columns.slice(3).map((col) => col.targetLabel)).toEqual([
      '2021年考核结果',
      '2022年考核结果',
      '2023年考核结果',
      '2024年考核结果',
      '2025年考核结果',
    ]);
    expect(preview.notices).toEqual(
      expect.arrayContaining([
        '考核结果「称职」按「合格」导入（1处）',
        '考核结果「基本称职」按「基本合格」导入（1处）',
        '考核结果「不称职」按「不合格」导入（1处）',
        '考核结果「优」按「优秀」导入（1处）',
      ]),
    );
    expect((await detailOf(ws, a.idNumber)).assessments).toEqual([]);

    const report = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, created: 8, updated: 0, unchanged: 0 });
    expect(await assessments(a.idNumber)).toEqual({
      2021: '优秀',
      2022: '合格',
      2023: '合格',
      2024: '基本合格',
      2025: '优秀',
    });
    expect(await assessments(b.idNumber)).toEqual({ 2022: '不合格', 2023: '合格', 2025: '合格' });
    expect(await assessments(c.idNumber)).toEqual({});
  });

  it('refuses a result it cannot read, naming the row, the year column and the person', async () => {
    const bad = [
      ['姓名', '身份证号', '2023年度', '2024年度'],
      [a.name, a.idNumber, '合格', '良好'],
      [b.name, b.idNumber, '合格', '合格'],
    ];
    const report = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(bad)));
    expect(report).toMatchObject({ ok: false, refused: true, created: 0 });
    expect(report.errors).toEqual([
      { row: 2, column: '2024年度', name: a.name, message: expect.stringContaining('良好') },
    ]);
    expect(await assessments(b.idNumber)).toEqual({});
  });
});

describe('年度考核, wide under a merged group header', () => {
  it('reads 「年度考核结果」 merged over 2021年 / 2022年 / 2023年 as one column a year', async () => {
    const rows = [
      ['姓名', '身份证号', '年度考核结果', null, null],
      [null, null, '2021年', '2022年', '2023年'],
      [a.name, a.idNumber, '合格', '优秀', null],
      [b.name, b.idNumber, null, '称职', '合格'],
    ];
    const merges = [
      [1, 1, 2, 1],
      [1, 2, 2, 2],
      [1, 3, 1, 5],
    ] as const;
    const report = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(rows, merges)));
    expect(report).toMatchObject({ ok: true, kind: 'assessment', shape: 'wide', errors: [], created: 4 });
    expect(report.columns.map((col) => col.label)).toEqual([
      '姓名',
      '身份证号',
      '年度考核结果/2021年',
      '年度考核结果/2022年',
      '年度考核结果/2023年',
    ]);
    expect(await assessments(a.idNumber)).toEqual({ 2021: '合格', 2022: '优秀' });
    expect(await assessments(b.idNumber)).toEqual({ 2022: '合格', 2023: '合格' });
  });
});

describe('年度考核, long: one row a year', () => {
  it.each([
    ['身份证号', '年度', '考核结果'],
    ['姓名', '考核年度', '结果'],
    ['姓名', '年度', '等次'],
  ])('reads %s / %s / %s', async (who, year, result) => {
    const key = (p: typeof a) => (who === '身份证号' ? p.idNumber : p.name);
    const rows = [
      [who, year, result],
      [key(a), 2023, '优秀'],
      [key(a), '2024年度', '称职'],
      [key(d), '２０２４', '合格'],
    ];
    const report = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, kind: 'assessment', shape: 'long', errors: [], created: 3 });
    expect(await assessments(a.idNumber)).toEqual({ 2023: '优秀', 2024: '合格' });
    expect(await assessments(d.idNumber)).toEqual({ 2024: '合格' });
  });

  it('reads the same list as a GBK CSV', async () => {
    const rows = [
      ['姓名', '身份证号', '考核年度', '考核结果'],
      [a.name, a.idNumber, '2022', '基本称职'],
      [c.name, c.idNumber, '2022', '优'],
    ];
    const report = await ws.call('records.import', sheetFile('考核.csv', csvBytes(rows, { encoding: 'gbk' })));
    expect(report).toMatchObject({ ok: true, kind: 'assessment', created: 2 });
    expect(report.notices).toEqual(
      expect.arrayContaining(['考核结果「基本称职」按「基本合格」导入（1处）', '考核结果「优」按「优秀」导入（1处）']),
    );
    expect(await assessments(a.idNumber)).toEqual({ 2022: '基本合格' });
    expect(await assessments(c.idNumber)).toEqual({ 2022: '优秀' });
  });

  it('refuses the same person and year twice in one file, naming the later row', async () => {
    const rows = [
      ['身份证号', '年度', '考核结果'],
      [a.idNumber, 2023, '优秀'],
      [a.idNumber, 2023, '合格'],
    ];
    const report = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: false, created: 0 });
    expect(report.errors).toEqual([
      { row: 3, column: '年度考核', name: a.name, message: expect.stringContaining('第2行') },
    ]);
  });
});
