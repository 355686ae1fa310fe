/** A 职称台账 through the real import into a real workspace: people, their education and their title. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople, makeIdNumber, rosterRows } from '../../support/people';
import {
  csvBytes,
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
beforeEach(async () => {
  ws = await openTestWorkspace();
});
afterEach(() => ws.cleanup());

const count = (table: string) =>
  (ws.app.database.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const blockedForEducation = async () =>
  (await ws.call('eligibility.dashboard', { asOf: '2026-06-01' })).rows.filter((row) =>
    [row.next, row.then].some((step) => step?.blockers.some((b) => b.message.includes('没有学历记录'))),
  );
const ID = (n: number, birth = '1988-03-04') => makeIdNumber('320102', birth, n);

describe('职称台账 import', () => {
  it('imports a 台账 with a title row, a two-row merged header and footer rows in one step', async () => {
    const people = withQualifications(generatePeople(12, 41));
    // The roster alone: the 工作台 blocks everyone for want of an education.
    await seedRoster(ws, people);
    expect((await blockedForEducation()).length).toBe(12);

    const report = await ws.call('roster.import', sheetFile('台账.xlsx', await ledgerXlsx(ledgerRows(people))));
    expect(report).toMatchObject({
      ok: true,
      kind: 'ledger',
      shape: 'ledger',
      errors: [],
      totalRows: 12,
      // 合计, 制表人：袁媛 and 注：… are not people.
      skipped: 3,
      updated: 0,
      unchanged: 12,
      records: { education: 12, title: people.filter((p) => p.title).length },
    });
    expect(report.columns.map((c) => [c.label, c.target])).toEqual([
      ['序号', null],
      ['姓名', 'roster.name'],
      ['身份证号', 'roster.idNumber'],
      ['部门', 'roster.department'],
      ['参加工作时间', 'roster.workStartedOn'],
      ['学历情况/学历', 'edu.level'],
      ['学历情况/院校', 'edu.school'],
      ['学历情况/专业', 'edu.major'],
      ['学历情况/时间', 'edu.graduatedOn'],
      ['职称情况/现职称', 'title.name'],
      ['职称情况/专业', 'title.specialty'],
      ['职称情况/时间', 'title.obtainedOn'],
    ]);

    const levels: Record<string, string> = { 本科: '本科', 大学本科: '本科', 硕士研究生: '硕士', 大专: '大专' };
    const titles: Record<string, [string, string, string]> = {
      技术员: ['工程', '员级', '初定'],
      助理工程师: ['工程', '助理级', '初定'],
      工程师: ['工程', '中级', '评审'],
      高级工程师: ['工程', '副高级', '评审'],
    };
    for (const person of people) {
      const detail = await detailOf(ws, person.idNumber);
      expect(detail.educations).toHaveLength(1);
      expect(detail.educations[0]).toMatchObject({
        level: levels[person.education.level],
        school: person.education.school,
        major: person.education.major,
        graduatedOn: person.education.graduatedOn.replace('.', '-'),
      });
      if (!person.title) {
        expect(detail.titles).toEqual([]);
        continue;
      }
      const [series, level, via] = titles[person.title.name]!;
      expect(detail.titles).toEqual([
        expect.objectContaining({
          series,
          level,
          via,
          specialty: person.title.specialty,
          obtainedOn: person.title.obtainedOn,
        }),
      ]);
    }
    expect(await blockedForEducation()).toEqual([]);
    const dashboard = await ws.call('eligibility.dashboard', { asOf: '2026-06-01' });
    for (const row of dashboard.rows) {
      const person = people.find((p) => p.idNumber === row.idNumber)!;
      // The next step is judged from the imported education.
      if (row.next) expect(row.next.education).toContain(levels[person.education.level]);
    }
  });

  it('creates the people and their records from a 台账 into an empty workspace, and re-imports as unchanged', async () => {
    const people = withQualifications(generatePeople(8, 42));
    const file = sheetFile('台账.xlsx', await ledgerXlsx(ledgerRows(people)));
    const first = await ws.call('roster.import', file);
    expect(first).toMatchObject({ ok: true, created: 8, records: { education: 8, title: 7 } });
    expect(count('educations')).toBe(8);
    expect(count('titles')).toBe(7);
    const again = await ws.call('roster.import', file);
    expect(again).toMatchObject({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 8,
      records: { education: 0, title: 0 },
      recordsUpdated: { education: 0, title: 0 },
      changes: [],
    });
    expect(count('educations')).toBe(8);
    expect(count('titles')).toBe(7);
  });

  it('lists every header it does not know as a notice, never silently', async () => {
    const people = withQualifications(generatePeople(3, 43));
    const report = await ws.call(
      'records.preview',
      sheetFile('台账.xlsx', await ledgerXlsx(ledgerRows(people, '户籍所在地'), true)),
    );
    expect(report.errors).toEqual([]);
    expect(report.notices).toContain('未识别的列：户籍所在地，已忽略');
    expect(report.columns.find((c) => c.label === '户籍所在地')).toMatchObject({ status: 'unknown', target: null });
    expect(report.mappingTargets.map((t) => t.target)).toEqual(expect.arrayContaining(['edu.level', 'title.name']));
  });

  it('reads 专业 by the group above it: 所学专业, 职称专业, and a bare 专业 is the 现从事专业', async () => {
    const id = ID(1);
    const rows = [
      ['姓名', '身份证号', '专业', '学历情况', null, null, '职称情况', null, null],
      [null, null, null, '学历', '专业', '时间', '职称', '专业', '时间'],
      ['张三', id, '电气工程', '本科', '电力系统及其自动化', '2010.07', '工程师', '输变电工程', '2016-12-01'],
    ];
    const merges = [
      [1, 1, 2, 1],
      [1, 2, 2, 2],
      [1, 3, 2, 3],
      [1, 4, 1, 6],
      [1, 7, 1, 9],
    ] as const;
    const report = await ws.call('roster.import', sheetFile('台账.xlsx', await sheetXlsx(rows, merges)));
    expect(report).toMatchObject({ ok: true, created: 1, records: { education: 1, title: 1 } });
    const detail = await detailOf(ws, id);
    expect(detail.person.specialty).toBe('电气工程');
    expect(detail.educations[0]).toMatchObject({ level: '本科', major: '电力系统及其自动化', graduatedOn: '2010-07' });
    expect(detail.titles[0]).toMatchObject({
      series: '工程',
      level: '中级',
      specialty: '输变电工程',
      obtainedOn: '2016-12-01',
    });
  });

  it.each(['utf8', 'gbk'] as const)(
    'reads the two-row header of a CSV (%s): the group word, then empty cells',
    async (encoding) => {
      const id = ID(2);
      const rows = [
        ['某某公司2026年职称台账'],
        ['姓名', '身份证号', '专业', '学历情况', null, null, null, '职称情况', null, null],
        [null, null, null, '学历', '院校', '专业', '时间', '现职称', '专业', '时间'],
        ['李四', id, '土木工程', '大学本科', '东南大学', '结构工程', '2012年7月', '高级工程师', '建筑工程', '2020.12'],
        ['制表人：袁媛'],
      ];
      const report = await ws.call('roster.import', sheetFile('台账.csv', csvBytes(rows, { encoding })));
      expect(report).toMatchObject({
        ok: true,
        errors: [],
        created: 1,
        skipped: 1,
        records: { education: 1, title: 1 },
      });
      const detail = await detailOf(ws, id);
      expect(detail.person.specialty).toBe('土木工程');
      expect(detail.educations[0]).toMatchObject({
        level: '本科',
        school: '东南大学',
        major: '结构工程',
        graduatedOn: '2012-07',
      });
      expect(detail.titles[0]).toMatchObject({
        series: '工程',
        level: '副高级',
        specialty: '建筑工程',
        obtainedOn: '2020-12',
      });
    },
  );
});

describe('cells HR fills with 「nothing」', () => {
  it('takes 无, 暂无, — and / as empty: no title for those people, no error; 本科（全日制） is 本科', async () => {
    const rows = [
      ['姓名', '身份证号', '部门', '学历', '学位', '毕业时间', '现职称', '取得时间'],
      ['张三', ID(80), '技术部', '本科', '无', '2010.07', '无', null],
      ['李四', ID(81), '技术部', '大专', '/', '2011.07', '—', '—'],
      ['王五', ID(82), '技术部', '本科（全日制）', null, '2012.07', '暂无', null],
      ['赵六', ID(83), '技术部', '硕士研究生', '硕士', '2015.06', '工程师', '2019-12-01'],
    ];
    const report = await ws.call('roster.import', sheetFile('台账.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, errors: [], created: 4, records: { education: 4, title: 1 } });
    expect((await detailOf(ws, ID(80))).educations[0]).toMatchObject({ level: '本科', degree: null });
    expect((await detailOf(ws, ID(82))).educations[0]).toMatchObject({ level: '本科', graduatedOn: '2012-07' });
    expect((await detailOf(ws, ID(81))).titles).toEqual([]);
  });
});

describe('titles as HR records them', () => {
  const NAMES: Array<[string, string | null, string, string]> = [
    // name, 职称系列 cell, series, level
    ['技术员', null, '工程', '员级'],
    ['助理工程师', null, '工程', '助理级'],
    ['工程师', null, '工程', '中级'],
    ['高级工程师', null, '工程', '副高级'],
    ['正高级工程师', null, '工程', '正高级'],
    ['会计师', null, '会计', '中级'],
    ['经济师', null, '经济', '中级'],
    ['讲师', null, '高等学校教师', '中级'],
    ['主治医师', null, '卫生', '中级'],
    ['中级', '会计', '会计', '中级'],
    // As HR often writes them: the exam's level before the name, and the short forms.
    ['中级工程师', null, '工程', '中级'],
    ['初级会计师', null, '会计', '助理级'],
    ['中级经济师', null, '经济', '中级'],
    ['助工', null, '工程', '助理级'],
    ['高工', null, '工程', '副高级'],
  ];

  it('maps each title name to its series and level; a bare 中级 takes the 职称系列 column', async () => {
    const rows = [
      ['姓名', '身份证号', '现职称', '职称系列', '取得时间'],
      ...NAMES.map(([name, series], i) => [`人员${i}`, ID(10 + i), name, series, '2018-12-01']),
    ];
    const report = await ws.call('roster.import', sheetFile('台账.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, errors: [], created: NAMES.length, records: { title: NAMES.length } });
    for (const [i, [, , series, level]] of NAMES.entries()) {
      expect((await detailOf(ws, ID(10 + i))).titles[0], NAMES[i]![0]).toMatchObject({ series, level });
    }
  });

  it('takes the rule pack’s series for a bare level without a 职称系列 column, and says so', async () => {
    const pack = await ws.call('eligibility.pack.get', {});
    const rows = [
      ['姓名', '身份证号', '职称级别', '取得时间'],
      ['戊', ID(34), '中级', '2018-12-01'],
    ];
    const report = await ws.call('roster.import', sheetFile('台账.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, errors: [], records: { title: 1 } });
    expect(report.notices).toContain(`1条职称未说明系列，按「${pack.series}」系列记录`);
    expect((await detailOf(ws, ID(34))).titles[0]).toMatchObject({ series: pack.series, level: '中级', via: '评审' });
  });

  it('takes 取得方式 by level when the sheet has none and says so; accepts 考试', async () => {
    const rows = [
      ['姓名', '身份证号', '现职称', '取得时间', '取得方式'],
      ['甲', ID(30), '工程师', '2018-12-01', null],
      ['乙', ID(31), '助理工程师', '2015-09-01', ''],
      ['丙', ID(32), '会计师', '2019-05-20', '考试'],
      ['丁', ID(33), '经济师', '2020-11-01', '以考代评'],
    ];
    const report = await ws.call('roster.import', sheetFile('台账.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, errors: [], records: { title: 4 } });
    expect(report.notices).toContain('2条职称未填取得方式：中级及以上按「评审」、以下按「初定」记录，可在人员页修改');
    const vias = await Promise.all([30, 31, 32, 33].map(async (n) => (await detailOf(ws, ID(n))).titles[0]!.via));
    expect(vias).toEqual(['评审', '初定', '考试', '考试']);
  });

  it('refuses a date written as a bare year instead of taking it for a day in 1905', async () => {
    const rows = [
      ['姓名', '身份证号', '学历', '毕业时间', '现职称', '取得时间'],
      ['甲', ID(42), '本科', '2010', '工程师', 2016],
    ];
    const report = await ws.call('roster.import', sheetFile('台账.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: false, created: 0 });
    expect(report.errors.map((e) => [e.row, e.column, e.name])).toEqual([
      [2, '毕业时间', '甲'],
      [2, '取得时间', '甲'],
    ]);
    for (const error of report.errors) expect(error.message).toContain('年份');
  });

  it('refuses a title without 取得时间, naming the row and the person, and writes nothing', async () => {
    const rows = [
      ['单位职称台账'],
      ['姓名', '身份证号', '现职称', '取得时间'],
      ['甲', ID(40), '工程师', '2018-12-01'],
      ['乙', ID(41), '高级工程师', null],
    ];
    const report = await ws.call('roster.import', sheetFile('台账.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: false, refused: true, created: 0 });
    expect(report.errors).toEqual([
      { row: 4, column: '取得时间', name: '乙', message: expect.stringContaining('高级工程师') },
    ]);
    expect(report.errors[0]!.message).toContain('取得时间');
    expect(count('employees')).toBe(0);
    expect(count('titles')).toBe(0);
  });
});

describe('a 台账 with a bad row', () => {
  const rows = [
    ['姓名', '身份证号', '部门', '学历', '毕业时间', '现职称', '取得时间'],
    ['甲', ID(70), '技术部', '本科', '2010.07', '工程师', '2016-12-01'],
    ['乙', ID(71), '技术部', '本科', '2011.07', '工程师', null],
    ['丙', ID(72), '技术部', '大本', '2012.07', null, null],
  ];

  it('leaves the whole row out with --valid-only: the person and both records', async () => {
    const report = await ws.call('roster.import', {
      ...sheetFile('台账.xlsx', await sheetXlsx(rows)),
      validOnly: true,
    });
    expect(report).toMatchObject({ ok: true, created: 2, records: { education: 2, title: 1 } });
    expect(report.errors.map((e) => [e.row, e.column, e.name])).toEqual([[3, '取得时间', '乙']]);
    const names = (await ws.call('people.list', {})).rows.map((r) => r.name).sort();
    expect(names).toEqual(['丙', '甲'].sort());
    expect(count('educations')).toBe(2);
    expect(count('titles')).toBe(1);
  });

  it('writes nothing at all by default', async () => {
    const report = await ws.call('roster.import', sheetFile('台账.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: false, refused: true, created: 0 });
    expect([count('employees'), count('educations'), count('titles')]).toEqual([0, 0, 0]);
  });
});

describe('roster files as HR saves them', () => {
  it('skips a footer 「制表人：袁媛」 under a plain roster instead of refusing the file', async () => {
    const people = generatePeople(5, 44);
    const rows = [...rosterRows(people), [], ['制表人：袁媛', null, null, '审核：张敏'], ['合计', '5人']];
    const report = await ws.call('roster.import', sheetFile('名单.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, errors: [], created: 5, skipped: 2 });
  });

  it('refuses 参加工作时间 and 入职日期 written as a bare year instead of taking them for days in 1905', async () => {
    const rows = [
      ['姓名', '身份证号', '参加工作时间', '入职日期'],
      ['甲', ID(55), 2008, '2010'],
    ];
    const report = await ws.call('roster.import', sheetFile('名单.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: false, created: 0 });
    expect(report.errors.map((e) => [e.row, e.column, e.name])).toEqual([
      [2, '参加工作时间', '甲'],
      [2, '入职日期', '甲'],
    ]);
    for (const error of report.errors) expect(error.message).toContain('年份');
  });

  it('imports a CSV whose rows mix \\r\\n and \\n as three people with the right 工号', async () => {
    const lines = [
      '姓名,身份证号,工号,部门',
      `张三,${ID(50)},A001,技术部`,
      `李四,${ID(51)},A002,质量部`,
      `王五,${ID(52)},A003,生产部`,
    ];
    const text = `${lines[0]}\r\n${lines[1]}\n${lines[2]}\r\n${lines[3]}\n`;
    const report = await ws.call('roster.import', sheetFile('名单.csv', new TextEncoder().encode(text)));
    expect(report).toMatchObject({ ok: true, errors: [], created: 3 });
    const rows = (await ws.call('people.list', {})).rows.map((r) => [r.name, r.employeeNo]).sort();
    expect(rows).toEqual([
      ['张三', 'A001'],
      ['李四', 'A002'],
      ['王五', 'A003'],
    ]);
  });

  it('refuses a CSV row with more cells than the header, naming the row and the extra cells', async () => {
    const text = ['姓名,身份证号,部门', `张三,${ID(53)},技术部`, `李四,${ID(54)},研发,二部`].join('\r\n');
    const report = await ws.call('roster.import', sheetFile('名单.csv', new TextEncoder().encode(text)));
    expect(report).toMatchObject({ ok: false, refused: true, created: 0 });
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]).toMatchObject({ row: 3, name: '李四' });
    expect(report.errors[0]!.message).toContain('二部');
    expect(count('employees')).toBe(0);
  });

  it('says every error in plain Chinese with the row and the person, never a validator’s words', async () => {
    const rows = [
      [
        '姓名',
        '身份证号',
        '人员类别',
        '手机',
        '入职日期',
        '学历',
        '毕业院校',
        '毕业时间',
        '现职称',
        '取得时间',
        '取得方式',
      ],
      ['甲', ID(60), '合同工', '1234', '2020-13-01', '本科', '南京大学', '2010.07', '工程师', '2016-12-01', '评审'],
      ['乙', ID(61), '企业', null, null, null, '东南大学', '2011.07', '工程师', '某年', '买的'],
      ['丙', ID(62), '企业', null, null, '小学', null, '去年', '首席专家', '2016-12-01', null],
      ['丁', ID(63), '企业', null, null, '本科', null, null, '中级', '2016-12-01', null],
    ];
    const report = await ws.call('roster.import', sheetFile('台账.xlsx', await sheetXlsx(rows)));
    expect(report.ok).toBe(false);
    expect(report.errors.map((e) => e.row)).toEqual(expect.arrayContaining([2, 3, 4]));
    for (const error of report.errors) {
      expect(error.message, JSON.stringify(error)).not.toMatch(
        /无效输入|期望|expected|invalid|received|undefined|null/i,
      );
      expect(error.name, JSON.stringify(error)).toBe(rows[error.row - 1]![0]);
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(count('employees')).toBe(0);
  });
});
