/** Re-importing changes nothing; an edited cell is one change; all-or-nothing unless only the valid rows are asked for. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../support/people';
import {
  detailOf,
  ledgerRows,
  ledgerXlsx,
  seedRoster,
  sheetFile,
  sheetXlsx,
  withQualifications,
} from '../../support/ledger';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
const people = generatePeople(5, 81);
const [a, b, c] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
beforeEach(async () => {
  ws = await openTestWorkspace();
  await seedRoster(ws, people);
});
afterEach(() => ws.cleanup());

const snapshot = () =>
  ['assessments', 'continuing_education', 'titles', 'educations', 'work_history', 'employees'].map((table) =>
    ws.app.database.sqlite.prepare(`SELECT * FROM ${table} ORDER BY id`).all(),
  );
const wide = () => [
  ['姓名', '身份证号', '2022年度', '2023年度', '2024年度'],
  ...people.map((p, i) => [p.name, p.idNumber, '合格', i % 2 ? '优秀' : '称职', '合格']),
];

describe('re-import', () => {
  it('imports a wide assessment sheet again as all unchanged, and an edited cell as one change with before and after', async () => {
    const first = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(wide())));
    expect(first).toMatchObject({ ok: true, created: 15, updated: 0, unchanged: 0 });
    const again = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(wide())));
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 15, changes: [] });

    const edited = wide();
    edited[2]![3] = '不合格';
    const before = snapshot();
    const preview = await ws.call('records.preview', sheetFile('考核.xlsx', await sheetXlsx(edited)));
    expect(preview).toMatchObject({ dryRun: true, created: 0, updated: 1, unchanged: 14 });
    expect(preview.changes).toEqual([
      {
        row: 3,
        name: b.name,
        idNumber: b.idNumber,
        kind: 'changed',
        subject: '年度考核 2023',
        fields: [{ column: '考核结果', before: '优秀', after: '不合格' }],
      },
    ]);
    expect(snapshot()).toEqual(before);
    const applied = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(edited)));
    expect(applied).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: 14 });
    const b2023 = (await detailOf(ws, b.idNumber)).assessments.find((x) => x.year === 2023);
    expect(b2023?.result).toBe('不合格');
  });

  it('re-imports a CE list by its natural key, and by certificate number when given', async () => {
    const rows = [
      ['身份证号', '年度', '学时', '类别', '课程名称', '证书编号'],
      [a.idNumber, 2024, 24, '公需', '数字经济', null],
      [a.idNumber, 2024, 30, '专业', '新能源', null],
      [b.idNumber, 2024, 12, '专业', '安全生产', 'C-77'],
    ];
    expect(await ws.call('records.import', sheetFile('学时.xlsx', await sheetXlsx(rows)))).toMatchObject({
      created: 3,
    });
    rows[2]![2] = 32;
    rows[3]![4] = '安全生产（更正）';
    const report = await ws.call('records.import', sheetFile('学时.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, created: 0, updated: 2, unchanged: 1 });
    expect(report.changes.map((ch) => [ch.row, ch.fields])).toEqual([
      [3, [{ column: '学时', before: '30', after: '32' }]],
      [4, [{ column: '课程名称', before: '安全生产', after: '安全生产（更正）' }]],
    ]);
  });

  it('keeps text as written: a record typed in the dialog with full-width brackets is the same record in a sheet', async () => {
    const person = (await ws.call('people.list', { search: a.idNumber })).rows[0]!;
    await ws.call('records.save', {
      kind: 'ce',
      employeeId: person.id,
      year: 2024,
      hours: 24,
      category: '公需',
      course: '安全生产（一）',
    });
    await ws.call('records.save', {
      kind: 'title',
      employeeId: person.id,
      series: '工程',
      level: '中级',
      specialty: '电气（输变电）',
      obtainedOn: '2018-12-01',
      via: '评审',
    });
    const ce = [
      ['身份证号', '年度', '学时', '类别', '课程名称'],
      [a.idNumber, 2024, 24, '公需', '安全生产（一）'],
    ];
    expect(await ws.call('records.import', sheetFile('学时.xlsx', await sheetXlsx(ce)))).toMatchObject({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 1,
    });
    const titles = [
      ['身份证号', '职称名称', '职称专业', '取得时间', '取得方式'],
      [a.idNumber, '工程师', '电气（输变电）', '2018-12-01', '评审'],
    ];
    expect(await ws.call('records.import', sheetFile('职称.xlsx', await sheetXlsx(titles)))).toMatchObject({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 1,
    });
  });

  it('shows an edited 取得时间 in a 台账 as the one change of that title', async () => {
    const ledgerPeople = withQualifications(generatePeople(4, 82));
    const rows = ledgerRows(ledgerPeople);
    await ws.call('roster.import', sheetFile('台账.xlsx', await ledgerXlsx(rows)));
    const person = ledgerPeople[1]!;
    const row = rows.findIndex((r) => r[2] === person.idNumber);
    rows[row]![11] = '2021-01-15';
    const report = await ws.call('roster.import', sheetFile('台账.xlsx', await ledgerXlsx(rows)));
    expect(report).toMatchObject({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 4,
      records: { education: 0, title: 0 },
      recordsUpdated: { education: 0, title: 1 },
    });
    expect(report.changes).toEqual([
      expect.objectContaining({
        row: row + 1,
        name: person.name,
        kind: 'changed',
        fields: [{ column: '取得时间', before: person.title!.obtainedOn, after: '2021-01-15' }],
      }),
    ]);
  });
});

describe('the list of changes', () => {
  it('lists the first 1,000 changes in row order and says the list was cut', async () => {
    const rows = [
      ['身份证号', '年度', '学时', '课程名称'],
      ...Array.from({ length: 1001 }, (_, i) => [people[i % 5]!.idNumber, 2024, 2, `课程${i}`]),
    ];
    const preview = await ws.call('records.preview', sheetFile('学时.xlsx', await sheetXlsx(rows)));
    expect(preview).toMatchObject({ ok: true, created: 1001 });
    expect(preview.changes).toHaveLength(1000);
    expect(preview.changes.map((ch) => ch.row)).toEqual(Array.from({ length: 1000 }, (_, i) => i + 2));
    expect(preview.changesTruncated).toBe(true);

    const few = await ws.call('records.preview', sheetFile('学时.xlsx', await sheetXlsx(rows.slice(0, 1000))));
    expect(few.changes).toHaveLength(999);
    expect(few.changesTruncated).toBe(false);
  });

  it('reports the writing progress against the number of records written', async () => {
    const rows = [
      ['身份证号', '年度', '学时', '课程名称'],
      ...Array.from({ length: 1200 }, (_, i) => [people[i % 5]!.idNumber, 2024, 2, `课程${i}`]),
    ];
    await ws.call('records.import', { ...sheetFile('学时.xlsx', await sheetXlsx(rows)), jobId: 'ce-import' });
    const writing = ws.events
      .filter((e) => e.name === 'job.progress')
      .map((e) => e.payload as { jobId: string; phase: string; done: number; total: number })
      .filter((p) => p.jobId === 'ce-import' && p.phase === '写入');
    expect(writing.length).toBeGreaterThan(1);
    expect(writing.every((p) => p.total === 1200)).toBe(true);
    expect(writing.at(-1)).toMatchObject({ done: 1200, total: 1200 });
  });

  it('says a roster’s list was cut when more than 1,000 people are new', async () => {
    const many = generatePeople(1001, 83);
    const rows = [['姓名', '身份证号'], ...many.map((p) => [p.name, p.idNumber])];
    const preview = await ws.call('roster.preview', sheetFile('名单.xlsx', await sheetXlsx(rows)));
    expect(preview).toMatchObject({ created: 1001 });
    expect(preview.changes).toHaveLength(1000);
    expect(preview.changesTruncated).toBe(true);
  });
});

describe('all or nothing', () => {
  const rows = () => [
    ['姓名', '身份证号', '年度', '考核结果'],
    [a.name, a.idNumber, 2023, '合格'],
    [b.name, b.idNumber, 2023, '良好'],
    [c.name, c.idNumber, '二〇二三', '合格'],
    [c.name, c.idNumber, 2024, '优秀'],
  ];

  it('writes nothing when any row is wrong, and lists every error with its row and person', async () => {
    const before = snapshot();
    const report = await ws.call('records.import', sheetFile('考核.xlsx', await sheetXlsx(rows())));
    expect(report).toMatchObject({ ok: false, refused: true, created: 0, updated: 0, unchanged: 0 });
    expect(report.errors.map((e) => [e.row, e.column, e.name])).toEqual([
      [3, '考核结果', b.name],
      [4, '考核年度', c.name],
    ]);
    expect(snapshot()).toEqual(before);
  });

  it('imports only the valid rows when asked, still listing the errors', async () => {
    const report = await ws.call('records.import', {
      ...sheetFile('考核.xlsx', await sheetXlsx(rows())),
      validOnly: true,
    });
    expect(report).toMatchObject({ ok: true, refused: false, created: 2 });
    expect(report.errors).toHaveLength(2);
    expect((await detailOf(ws, a.idNumber)).assessments.map((x) => x.year)).toEqual([2023]);
    expect((await detailOf(ws, b.idNumber)).assessments).toEqual([]);
    expect((await detailOf(ws, c.idNumber)).assessments.map((x) => x.year)).toEqual([2024]);
  });
});
