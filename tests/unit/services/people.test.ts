/** People, their records and units through the API on a real SQLite file. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await openTestWorkspace();
});
afterEach(() => ws.cleanup());

const ID = makeIdNumber('320106', '1992-03-04', 21);
const audit = () =>
  ws.app.database.sqlite.prepare('SELECT action, detail FROM audit_log ORDER BY id').all() as Array<{
    action: string;
    detail: string | null;
  }>;

describe('people', () => {
  it('adds a person, deriving gender and birth date from the ID number and normalising dates', async () => {
    const detail = await ws.call('people.save', {
      name: '张三',
      idNumber: ID.toLowerCase(),
      hiredOn: '2015年7月',
      phone: '138 1234 5678',
    });
    expect(detail.person).toMatchObject({
      name: '张三',
      idNumber: ID,
      gender: '男',
      birthDate: '1992-03-04',
      hiredOn: '2015-07',
      phone: '13812345678',
    });
    expect(audit()).toEqual([{ action: '新增人员', detail: '张三' }]);
  });

  it('refuses a second person with the same ID number', async () => {
    await ws.call('people.save', { name: '张三', idNumber: ID });
    const result = await ws.app.invoke('people.save', { name: '李四', idNumber: ID });
    expect(result).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '身份证号已登记在「张三」名下，不能重复' },
    });
  });

  it('edits, then deletes a person with their records', async () => {
    const { person } = await ws.call('people.save', { name: '张三', idNumber: ID });
    const edited = await ws.call('people.save', { ...person, department: '技术部', category: '企业' });
    expect(edited.person).toMatchObject({ id: person.id, department: '技术部', category: '企业' });
    await ws.call('records.save', {
      kind: 'education',
      employeeId: person.id,
      level: '本科',
      degree: '学士',
      graduatedOn: '2014-06-30',
    });
    await ws.call('people.delete', { id: person.id });
    expect(await ws.app.invoke('people.get', { id: person.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(ws.app.database.sqlite.prepare('SELECT count(*) AS n FROM educations').get()).toEqual({ n: 0 });
    expect(audit().map((a) => a.action)).toEqual(['新增人员', '修改人员', '新增学历', '删除人员']);
  });

  it('keeps each kind of record, validated, and lists the highest education and title', async () => {
    const { person } = await ws.call('people.save', { name: '张三', idNumber: ID });
    const base = { employeeId: person.id };
    await ws.call('records.save', {
      kind: 'education',
      ...base,
      level: '本科',
      degree: '学士',
      graduatedOn: '2014.06',
    });
    await ws.call('records.save', {
      kind: 'education',
      ...base,
      level: '硕士',
      degree: '硕士',
      graduatedOn: '2017-06-30',
    });
    await ws.call('records.save', { kind: 'work', ...base, startOn: '2017-07-01', organization: '某某设计院' });
    await ws.call('records.save', {
      kind: 'title',
      ...base,
      series: '工程',
      level: '助理级',
      obtainedOn: '2018-12-01',
      via: '初定',
    });
    await ws.call('records.save', { kind: 'assessment', ...base, year: 2024, result: '合格' });
    await ws.call('records.save', { kind: 'ce', ...base, year: 2024, hours: '90', category: '专业' });
    const full = await ws.call('people.get', { id: person.id });
    expect(full.educations.map((e) => e.graduatedOn)).toEqual(['2014-06', '2017-06-30']);
    expect(full.work).toHaveLength(1);
    expect(full.titles[0]).toMatchObject({ level: '助理级', via: '初定' });
    expect(full.assessments[0]).toMatchObject({ year: 2024, result: '合格' });
    expect(full.ce[0]).toMatchObject({ year: 2024, hours: 90, category: '专业' });
    const row = (await ws.call('people.list', {})).rows[0]!;
    expect(row).toMatchObject({ educationLevel: '硕士', titleLevel: '助理级' });
  });

  it('refuses a second assessment for the same year, and bad records with the field named', async () => {
    const { person } = await ws.call('people.save', { name: '张三', idNumber: ID });
    await ws.call('records.save', { kind: 'assessment', employeeId: person.id, year: 2024, result: '合格' });
    expect(
      await ws.app.invoke('records.save', { kind: 'assessment', employeeId: person.id, year: 2024, result: '优秀' }),
    ).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: '该年度已有考核记录，请修改原记录' },
    });
    const bad = await ws.app.invoke('records.save', {
      kind: 'title',
      employeeId: person.id,
      series: '工程',
      level: '高级',
      obtainedOn: '2030-01-01',
      via: '初定',
    });
    expect(!bad.ok && bad.error.message).toContain('级别应为：员级、助理级、中级、副高级、正高级');
    expect(!bad.ok && bad.error.message).toContain('取得时间：2030-01-01 晚于今天');
  });

  it('updates and deletes a record only through its own person', async () => {
    const { person } = await ws.call('people.save', { name: '张三', idNumber: ID });
    const other = await ws.call('people.save', { name: '李四', idNumber: makeIdNumber('320106', '1990-01-01', 33) });
    const saved = await ws.call('records.save', {
      kind: 'work',
      employeeId: person.id,
      startOn: '2017-07',
      organization: 'A',
    });
    const workId = saved.work[0]!.id;
    const stolen = await ws.app.invoke('records.save', {
      kind: 'work',
      id: workId,
      employeeId: other.person.id,
      startOn: '2017-07',
      organization: 'B',
    });
    expect(stolen).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const after = await ws.call('records.delete', { kind: 'work', id: workId });
    expect(after.work).toEqual([]);
  });

  it('searches by name, ID, department, 工号 and phone, and filters by department and category', async () => {
    await ws.call('people.save', {
      name: '张三',
      idNumber: ID,
      department: '技术部',
      employeeNo: 'E001',
      category: '企业',
    });
    await ws.call('people.save', {
      name: '李四',
      idNumber: makeIdNumber('320106', '1990-01-01', 33),
      department: '质量部',
      phone: '13900001111',
    });
    const names = async (query: object) => (await ws.call('people.list', query)).rows.map((r) => r.name);
    expect(await names({ search: '张' })).toEqual(['张三']);
    expect(await names({ search: ID.slice(-6) })).toEqual(['张三']);
    expect(await names({ search: 'E001' })).toEqual(['张三']);
    expect(await names({ search: '0000111' })).toEqual(['李四']);
    expect(await names({ search: '%' })).toEqual([]);
    // LIKE's wildcards typed are found as they are, not as wildcards.
    await ws.call('people.save', {
      name: '王五',
      idNumber: makeIdNumber('320106', '1991-01-01', 35),
      department: '研发_一组',
    });
    expect(await names({ search: '_一' })).toEqual(['王五']);
    expect(await names({ search: '_' })).toEqual(['王五']);
    expect(await names({ department: '质量部' })).toEqual(['李四']);
    expect(await names({ category: '企业' })).toEqual(['张三']);
    expect((await ws.call('people.list', {})).departments).toEqual(['技术部', '研发_一组', '质量部']);
  });
});

describe('units', () => {
  it('makes the first unit the default, refuses a duplicate credit code, and moves the default', async () => {
    const a = await ws.call('units.save', { name: '甲公司', creditCode: '91110000600037341L' });
    expect(a.isDefault).toBe(true);
    const dup = await ws.app.invoke('units.save', { name: '乙公司', creditCode: '91110000600037341L' });
    expect(dup).toEqual({ ok: false, error: { code: 'CONFLICT', message: '统一社会信用代码已属于「甲公司」' } });
    const b = await ws.call('units.save', { name: '乙公司', creditCode: '12100000400000770H' }).catch((e: Error) => e);
    expect(b).toBeInstanceOf(Error); // wrong check character
  });

  it('refuses to delete a unit that still has people, or the default while others exist', async () => {
    const a = await ws.call('units.save', { name: '甲公司', creditCode: '91110000600037341L' });
    await ws.call('people.save', { name: '张三', idNumber: ID, unitId: a.id });
    const refused = await ws.app.invoke('units.delete', { id: a.id });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'REFUSED', message: '「甲公司」下还有1人，请先把他们调到其他单位' },
    });
  });
});
