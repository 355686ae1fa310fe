/** The column mapping: an unknown header sent to a field (or ignored), remembered for the next file with the same headers. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generatePeople } from '../../support/people';
import { detailOf, seedRoster, sheetFile, sheetXlsx } from '../../support/ledger';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
const people = generatePeople(3, 91);
const [a, b, c] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0]];
beforeEach(async () => {
  ws = await openTestWorkspace();
  await seedRoster(ws, people);
});
afterEach(() => ws.cleanup());

const ledger = (rows: Array<[typeof a, string]>) => [
  ['姓名', '身份证号', '部门', '现职称', '取得时间', '评聘文号'],
  ...rows.map(([p, no]) => [p.name, p.idNumber, p.department, '工程师', '2019-12-01', no]),
];

describe('column mapping', () => {
  it('uses an unknown header mapped to a field, and remembers it for the next file with the same headers', async () => {
    const first = sheetFile('台账.xlsx', await sheetXlsx(ledger([[a, '苏职称〔2019〕12号']])));
    const preview = await ws.call('records.preview', first);
    expect(preview.notices).toContain('未识别的列：评聘文号，已忽略');
    expect(preview.columns.find((col) => col.label === '评聘文号')).toMatchObject({ status: 'unknown' });
    expect(preview.mappingTargets).toContainEqual({ target: 'title.certificateNo', label: '职称：职称证书编号' });

    const mapped = await ws.call('records.preview', { ...first, mapping: { 评聘文号: 'title.certificateNo' } });
    expect(mapped.columns.find((col) => col.label === '评聘文号')).toMatchObject({
      status: 'mapped',
      target: 'title.certificateNo',
    });
    expect(mapped.notices.join()).not.toContain('未识别');
    const report = await ws.call('records.import', { ...first, mapping: { 评聘文号: 'title.certificateNo' } });
    expect(report).toMatchObject({ ok: true, kind: 'ledger', records: { title: 1 } });
    expect((await detailOf(ws, a.idNumber)).titles[0]!.certificateNo).toBe('苏职称〔2019〕12号');

    // The next file with the same headers needs no mapping.
    const next = sheetFile('台账2.xlsx', await sheetXlsx(ledger([[b, '苏职称〔2020〕7号']])));
    const again = await ws.call('records.import', next);
    expect(again).toMatchObject({ ok: true, records: { title: 1 } });
    expect(again.columns.find((col) => col.label === '评聘文号')).toMatchObject({ status: 'mapped' });
    expect((await detailOf(ws, b.idNumber)).titles[0]!.certificateNo).toBe('苏职称〔2020〕7号');
  });

  it('ignores a column mapped to nothing, and says it was ignored by the mapping', async () => {
    const file = sheetFile('台账.xlsx', await sheetXlsx(ledger([[c, '苏职称〔2021〕3号']])));
    const report = await ws.call('records.import', { ...file, mapping: { 评聘文号: null } });
    expect(report).toMatchObject({ ok: true, records: { title: 1 } });
    expect(report.columns.find((col) => col.label === '评聘文号')).toMatchObject({ status: 'ignored', target: null });
    expect(report.notices).toContain('按列对应忽略的列：评聘文号');
    expect(report.notices.join()).not.toContain('未识别');
    expect((await detailOf(ws, c.idNumber)).titles[0]!.certificateNo).toBeNull();
  });

  it('lets a records list name its result column anything once mapped', async () => {
    const rows = [
      ['身份证号', '年度', '考评情况'],
      [a.idNumber, 2024, '优秀'],
    ];
    const file = sheetFile('考核.xlsx', await sheetXlsx(rows));
    const report = await ws.call('records.import', {
      ...file,
      kind: 'assessment',
      mapping: { 考评情况: 'assessment.result' },
    });
    expect(report).toMatchObject({ ok: true, kind: 'assessment', created: 1 });
    expect((await detailOf(ws, a.idNumber)).assessments.map((x) => [x.year, x.result])).toEqual([[2024, '优秀']]);
  });

  it('refuses a mapping to a field that does not exist, in Chinese', async () => {
    const file = sheetFile('台账.xlsx', await sheetXlsx(ledger([[a, 'x']])));
    const result = await ws.app.invoke('records.preview', {
      ...file,
      validOnly: false,
      mapping: { 评聘文号: 'title.nothing' },
    } as never);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('列对应的目标字段不存在');
  });
});
