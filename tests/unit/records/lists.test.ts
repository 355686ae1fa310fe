/** 职称, 学历 and 工作经历 lists, one record a row and several a person, through the real import. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../support/people';
import { csvBytes, detailOf, seedRoster, sheetFile, sheetXlsx } from '../../support/ledger';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
const people = generatePeople(2, 71);
const [a, b] = people as [(typeof people)[0], (typeof people)[0]];
beforeEach(async () => {
  ws = await openTestWorkspace();
  await seedRoster(ws, people);
});
afterEach(() => ws.cleanup());

describe('职称 list', () => {
  it('imports several titles a person, the series from the name or its own column', async () => {
    const rows = [
      ['姓名', '身份证号', '职称名称', '职称系列', '专业', '取得时间', '取得方式', '证书编号'],
      [a.name, a.idNumber, '助理工程师', null, '电气工程', '2012.09', '初定', 'Z-001'],
      [a.name, a.idNumber, '工程师', null, '电气工程', '2017年12月', '评审', 'Z-002'],
      [a.name, a.idNumber, '会计师', null, null, '2019-05-20', '考试', null],
      [b.name, b.idNumber, '中级', '经济', '人力资源管理', '2020/11/01', null, null],
    ];
    const report = await ws.call('records.import', sheetFile('职称.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, kind: 'title', shape: 'long', errors: [], created: 4 });
    const titles = (await detailOf(ws, a.idNumber)).titles
      .map((t) => [t.series, t.level, t.specialty, t.obtainedOn, t.via, t.certificateNo])
      .sort((x, y) => String(x[3]).localeCompare(String(y[3])));
    expect(titles).toEqual([
      ['工程', '助理级', '电气工程', '2012-09', '初定', 'Z-001'],
      ['工程', '中级', '电气工程', '2017-12', '评审', 'Z-002'],
      ['会计', '中级', null, '2019-05-20', '考试', null],
    ]);
    expect((await detailOf(ws, b.idNumber)).titles).toEqual([
      expect.objectContaining({
        series: '经济',
        level: '中级',
        specialty: '人力资源管理',
        obtainedOn: '2020-11-01',
        via: '评审',
      }),
    ]);
    expect(report.notices).toContain('1条职称未填取得方式：中级及以上按「评审」、以下按「初定」记录，可在人员页修改');
  });

  it('refuses a title without 取得时间 or with a name it does not know, naming the row', async () => {
    const rows = [
      ['姓名', '职称名称', '取得时间'],
      [a.name, '工程师', null],
      [b.name, '首席技师长', '2020-01-01'],
    ];
    const report = await ws.call('records.import', sheetFile('职称.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: false, refused: true, created: 0 });
    expect(report.errors.map((e) => [e.row, e.column, e.name])).toEqual([
      [2, '取得时间', a.name],
      [3, '职称名称', b.name],
    ]);
    expect(report.errors[1]!.message).toContain('首席技师长');
  });
});

describe('学历 list', () => {
  it('imports several educations a person with 学位, 院校, 专业 and dates', async () => {
    const rows = [
      ['姓名', '身份证号', '学历', '学位', '毕业院校', '所学专业', '入学时间', '毕业时间', '毕业证书编号'],
      [a.name, a.idNumber, '大专', null, '南京工程学院', '电力技术', '2005.09', '2008.07', 'D-1'],
      [a.name, a.idNumber, '大学本科', '工学学士', '河海大学', '电气工程及其自动化', '2010.03', '2012.07', 'D-2'],
      [a.name, a.idNumber, '硕士研究生', '硕士', '东南大学', '电力系统', null, '2016年6月', null],
    ];
    const report = await ws.call('records.import', sheetFile('学历.csv', csvBytes(rows, { encoding: 'gbk' })));
    expect(report).toMatchObject({ ok: true, kind: 'education', shape: 'long', errors: [], created: 3 });
    const educations = (await detailOf(ws, a.idNumber)).educations
      .map((e) => [e.level, e.degree, e.school, e.major, e.enrolledOn, e.graduatedOn, e.diplomaNo])
      .sort((x, y) => String(x[5]).localeCompare(String(y[5])));
    expect(educations).toEqual([
      ['大专', null, '南京工程学院', '电力技术', '2005-09', '2008-07', 'D-1'],
      ['本科', '学士', '河海大学', '电气工程及其自动化', '2010-03', '2012-07', 'D-2'],
      ['硕士', '硕士', '东南大学', '电力系统', null, '2016-06', null],
    ]);
  });
});

describe('工作经历 list', () => {
  it('reads 起止时间 as one 「2015.07-2019.06」 column, with 「至今」', async () => {
    const rows = [
      ['姓名', '身份证号', '起止时间', '单位', '部门及岗位'],
      [a.name, a.idNumber, '2015.07-2019.06', '江苏某某电力设计院', '设计部 助理工程师'],
      [a.name, a.idNumber, '2019.07-至今', '某某科技有限公司', '技术部 工程师'],
      [b.name, b.idNumber, '2018年7月—2020年6月', '某某建设集团', '项目部'],
    ];
    const report = await ws.call('records.import', sheetFile('工作经历.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, kind: 'work', shape: 'long', errors: [], created: 3 });
    const work = (await detailOf(ws, a.idNumber)).work.map((w) => [w.startOn, w.endOn, w.organization, w.position]);
    expect(work.sort()).toEqual([
      ['2015-07', '2019-06', '江苏某某电力设计院', '设计部 助理工程师'],
      ['2019-07', null, '某某科技有限公司', '技术部 工程师'],
    ]);
    expect((await detailOf(ws, b.idNumber)).work.map((w) => [w.startOn, w.endOn])).toEqual([['2018-07', '2020-06']]);
  });

  it('reads two columns 开始时间 / 结束时间, 「至今」 or empty for the current post', async () => {
    const rows = [
      ['姓名', '开始时间', '结束时间', '工作单位', '岗位'],
      [a.name, '2010-07-01', '2014-12-31', '某某研究所', '研究员助理'],
      [a.name, '2015-01-01', '至今', '某某科技有限公司', '工程师'],
      [b.name, '2016.03', null, '某某建设集团', '项目经理'],
    ];
    const report = await ws.call('records.import', sheetFile('工作经历.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: true, kind: 'work', errors: [], created: 3 });
    const work = (await detailOf(ws, a.idNumber)).work.map((w) => [w.startOn, w.endOn, w.organization, w.position]);
    expect(work.sort()).toEqual([
      ['2010-07-01', '2014-12-31', '某某研究所', '研究员助理'],
      ['2015-01-01', null, '某某科技有限公司', '工程师'],
    ]);
    expect((await detailOf(ws, b.idNumber)).work.map((w) => [w.startOn, w.endOn])).toEqual([['2016-03', null]]);
  });

  it('refuses a range it cannot read, naming the row and the person', async () => {
    const rows = [
      ['姓名', '起止时间', '单位'],
      [a.name, '2015年至2019年间', '某某研究所'],
    ];
    const report = await ws.call('records.import', sheetFile('工作经历.xlsx', await sheetXlsx(rows)));
    expect(report).toMatchObject({ ok: false, created: 0 });
    expect(report.errors).toEqual([
      { row: 2, column: '起止时间', name: a.name, message: expect.stringContaining('2015.07-2019.06') },
    ]);
  });
});
