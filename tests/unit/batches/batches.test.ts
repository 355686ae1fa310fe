/** Batches, declarations, checklists and statuses on a real workspace. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { smallPdf } from '../../support/documents';
import { creditCode } from '../letters/support';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await openTestWorkspace();
});
afterEach(() => ws.cleanup());

async function person(name: string, seq: number, category: '事业编制' | '企业' = '企业') {
  const { person } = await ws.call('people.save', {
    name,
    idNumber: makeIdNumber('320102', '1995-01-01', seq),
    workStartedOn: '2022-07-01',
    category,
  });
  await ws.call('records.save', {
    kind: 'education',
    employeeId: person.id,
    level: '本科',
    degree: '学士',
    graduatedOn: '2022-06-30',
  });
  return person;
}

async function file(
  personId: number,
  materialType: string,
  year: number | null = null,
  validUntil: string | null = null,
) {
  const bytes = await smallPdf(`${materialType} ${year ?? ''}`);
  return ws.app.services.library.store(bytes, {
    employeeId: personId,
    declarationId: null,
    materialType,
    year,
    title: null,
    fileName: `${materialType}.pdf`,
    mime: 'application/pdf',
    pages: 1,
    source: '扫描',
    originalId: null,
    validUntil,
  });
}

describe('batches and declarations', () => {
  it('creates a batch, adds people once each with a sequence number, and counts them', async () => {
    const batch = await ws.call('batches.save', {
      name: '2026年初定第一批',
      type: '初定',
      region: '江苏省/南京市/市本级',
      deadline: '2026-12-31',
    });
    const a = await person('张三', 11);
    const b = await person('李四', 13);
    const added = await ws.call('batches.addPeople', {
      batchId: batch.id,
      people: [{ personId: a.id, targetLevel: '助理级', specialty: '工程/电子信息/通信工程' }, { personId: b.id }],
    });
    expect(added).toMatchObject({ added: 2, skipped: [] });
    const again = await ws.call('batches.addPeople', { batchId: batch.id, people: [{ personId: a.id }] });
    expect(again.skipped).toEqual([{ personId: a.id, reason: '张三已在本批次中' }]);
    const { batch: saved, declarations } = await ws.call('batches.get', { id: batch.id });
    expect(saved).toMatchObject({ total: 2, byStatus: { 准备中: 2 } });
    expect(declarations.map((d) => [d.seq, d.name, d.series])).toEqual([
      [1, '张三', '工程'],
      [2, '李四', null],
    ]);
    const bad = await ws.app.invoke('batches.addPeople', {
      batchId: batch.id,
      people: [{ personId: a.id, specialty: '工程//通信' }],
    });
    expect(!bad.ok && bad.error.message).toContain('系列/专业/子专业');
  });

  it('lists what is missing and ticks it off as documents arrive', async () => {
    const batch = await ws.call('batches.save', { name: '初定', type: '初定', deadline: '2025-12-31' });
    const a = await person('张三', 11, '事业编制');
    await ws.call('batches.addPeople', { batchId: batch.id, people: [{ personId: a.id }] });
    const id = (await ws.call('batches.get', { id: batch.id })).declarations[0]!.id;
    let detail = await ws.call('declarations.get', { id });
    expect(detail.checklist.items.filter((i) => i.required).map((i) => i.label)).toEqual([
      '本科毕业证书',
      '学士学位证书',
      '学信网学历电子注册备案表',
      '2023年度考核表',
      '2024年度考核表',
      '2023年继续教育证书',
      '2024年继续教育证书',
      '单位同意申报证明',
      '诚信承诺书',
    ]);
    expect(detail.checklist.missing).toContain('缺少2024年度考核表');
    expect(detail.checklist.missing).toContain('工作总结0字，不足800字');

    for (const type of ['学历证书', '学位证书', '单位同意证明', '诚信承诺书']) await file(a.id, type);
    for (const year of [2023, 2024]) {
      await file(a.id, '年度考核表', year);
      await file(a.id, '继续教育证书', year);
    }
    await file(a.id, '学信网备案表', null, '2025-11-30');
    detail = await ws.call('declarations.update', {
      id,
      targetLevel: '助理级',
      specialty: '工程/电子信息/通信工程',
      summary: '工作'.repeat(450),
    });
    expect(detail.checklist.missing).toEqual(['备案表有效期至 2025-11-30，早于提交截止日 2025-12-31，请重新下载']);
    await file(a.id, '学信网备案表', null, '2026-02-28');
    detail = await ws.call('declarations.get', { id });
    expect(detail.checklist).toMatchObject({ complete: true, missing: [] });
    expect(detail.checklist.summary).toMatchObject({ characters: 900, problems: [] });
  });

  it('asks 历史登记 for at least 2 of 申报表/老证书/批文 and 补办 for all three kinds', async () => {
    const a = await person('张三', 11);
    const history = await ws.call('batches.save', { name: '历史', type: '历史职称数据登记' });
    const reissue = await ws.call('batches.save', { name: '补办', type: '证书补办' });
    await ws.call('batches.addPeople', { batchId: history.id, people: [{ personId: a.id }] });
    await ws.call('batches.addPeople', { batchId: reissue.id, people: [{ personId: a.id }] });
    const declarationOf = async (batchId: number) =>
      ws.call('declarations.get', { id: (await ws.call('batches.get', { id: batchId })).declarations[0]!.id });
    await file(a.id, '老证书');
    expect((await declarationOf(history.id)).checklist.complete).toBe(false);
    await file(a.id, '批文');
    expect((await declarationOf(history.id)).checklist.complete).toBe(true);
    expect((await declarationOf(reissue.id)).checklist.missing).toEqual([
      '缺少证书作废登报声明',
      '缺少证书补办(换发)申请表',
    ]);
  });

  it('moves statuses along their path with dated history, needs a reason for 退回修改, and refuses jumps', async () => {
    const batch = await ws.call('batches.save', { name: '评审', type: '评审' });
    const a = await person('张三', 11);
    const b = await person('李四', 13);
    await ws.call('batches.addPeople', { batchId: batch.id, people: [{ personId: a.id }, { personId: b.id }] });
    const ids = (await ws.call('batches.get', { id: batch.id })).declarations.map((d) => d.id);
    const override = { force: true, reason: '材料已线下备齐' };
    expect(await ws.call('declarations.setStatus', { ids, status: '材料齐全', ...override })).toEqual({
      changed: 2,
      refused: [],
    });
    const jump = await ws.call('declarations.setStatus', { ids, status: '已通过' });
    expect(jump.refused[0]!.message).toContain('不能从“材料齐全”改为“已通过”');
    await ws.call('declarations.setStatus', { ids: [ids[0]!], status: '已导出', ...override });
    await ws.call('declarations.setStatus', { ids: [ids[0]!], status: '已提交', ...override });
    const noReason = await ws.app.invoke('declarations.setStatus', { ids: [ids[0]!], status: '退回修改' });
    expect(!noReason.ok && noReason.error.message).toContain('退回原因');
    await ws.call('declarations.setStatus', {
      ids: [ids[0]!],
      status: '退回修改',
      reason: '继续教育证书不清晰，请重新上传',
    });
    const detail = await ws.call('declarations.get', { id: ids[0]! });
    expect(detail.declaration).toMatchObject({ status: '退回修改', returnReason: '继续教育证书不清晰，请重新上传' });
    expect(detail.history.map((h) => h.toStatus)).toEqual(['准备中', '材料齐全', '已导出', '已提交', '退回修改']);
    expect(detail.history.every((h) => h.changedBy === 'test' && h.changedAt.length > 10)).toBe(true);
  });
});

describe('the 评审 checklist', () => {
  it('asks for the title held now (职称证书), which the 初定 one does not', async () => {
    const a = await person('张三', 11);
    const review = await ws.call('batches.save', { name: '评审', type: '评审' });
    const initial = await ws.call('batches.save', { name: '初定', type: '初定' });
    for (const batchId of [review.id, initial.id])
      await ws.call('batches.addPeople', { batchId, people: [{ personId: a.id }] });
    const missingIn = async (batchId: number) =>
      (await ws.call('declarations.get', { id: (await ws.call('batches.get', { id: batchId })).declarations[0]!.id }))
        .checklist.missing;
    expect(await missingIn(review.id)).toContain('缺少现专业技术资格证书（职称证书）');
    expect(await missingIn(initial.id)).not.toContain('缺少现专业技术资格证书（职称证书）');
    await file(a.id, '职称证书');
    expect(await missingIn(review.id)).not.toContain('缺少现专业技术资格证书（职称证书）');
  });
});

describe('lists kept by the pages', () => {
  it('are told when a batch, a unit or a letter template changes, so no picker shows a stale list', async () => {
    const changed = () => ws.events.filter((e) => e.name === 'lists.changed').map((e) => e.payload);
    const batch = await ws.call('batches.save', { name: '第二批', type: '初定' });
    expect(changed()).toEqual([{ list: 'batches' }]);
    await ws.call('batches.delete', { id: batch.id });
    await ws.call('units.save', { name: '江苏恒泰电力工程有限公司', creditCode: creditCode() });
    expect(changed()).toEqual([{ list: 'batches' }, { list: 'batches' }, { list: 'units' }]);
    // A refused change tells nobody.
    await ws.app.invoke('batches.delete', { id: 9999 });
    expect(changed()).toHaveLength(3);
  });
});

describe('eligibility on the batch', () => {
  it('says when a person added is blocked by the rules, and shows each declaration’s standing', async () => {
    const batch = await ws.call('batches.save', { name: '初定', type: '初定' });
    const a = await person('张三', 11);
    const b = await person('李四', 13);
    // 李四 has every year since he started assessed 合格 with his continuing education done.
    for (let year = 2022; year <= 2026; year++) {
      await ws.call('records.save', { kind: 'assessment', employeeId: b.id, year, result: '合格' });
      await ws.call('records.save', { kind: 'ce', employeeId: b.id, year, hours: 90, category: '专业' });
    }
    const added = await ws.call('batches.addPeople', {
      batchId: batch.id,
      people: [{ personId: a.id }, { personId: b.id }],
    });
    expect(added.blocked).toEqual([
      { personId: a.id, name: '张三', blockers: expect.arrayContaining([expect.stringContaining('继续教育')]) },
    ]);
    const rows = (await ws.call('batches.get', { id: batch.id })).declarations;
    expect(rows.map((r) => [r.name, r.eligibility?.bucket])).toEqual([
      ['张三', 'blocked'],
      ['李四', expect.not.stringMatching('blocked')],
    ]);
    expect(rows[0]!.eligibility!.blockers[0]).toMatch(/^缺少2023年度考核结果|继续教育/);

    // 历史登记 records titles already held: no eligibility there.
    const history = await ws.call('batches.save', { name: '历史', type: '历史职称数据登记' });
    const none = await ws.call('batches.addPeople', { batchId: history.id, people: [{ personId: a.id }] });
    expect(none.blocked).toEqual([]);
    expect((await ws.call('batches.get', { id: history.id })).declarations[0]!.eligibility).toBeNull();
  });
});

describe('status guards: a status the record contradicts needs an override with a reason', () => {
  it('refuses 材料齐全 with items missing and 已导出/已提交 with no kit, listing what is missing', async () => {
    const batch = await ws.call('batches.save', { name: '历史', type: '历史职称数据登记' });
    const a = await person('张三', 11);
    await ws.call('batches.addPeople', { batchId: batch.id, people: [{ personId: a.id }] });
    const id = (await ws.call('batches.get', { id: batch.id })).declarations[0]!.id;

    const incomplete = await ws.app.invoke('declarations.setStatus', { ids: [id], status: '材料齐全' });
    expect(incomplete).toMatchObject({
      ok: false,
      error: { code: 'CHECKLIST_INCOMPLETE', details: { missing: ['缺少原申报表、老证书、批文（至少2项）'] } },
    });
    const noReason = await ws.app.invoke('declarations.setStatus', { ids: [id], status: '材料齐全', force: true });
    expect(!noReason.ok && noReason.error.message).toContain('须填写理由');

    await file(a.id, '老证书');
    await file(a.id, '批文');
    await ws.call('declarations.setStatus', { ids: [id], status: '材料齐全' });
    const notExported = await ws.app.invoke('declarations.setStatus', { ids: [id], status: '已导出' });
    expect(notExported).toMatchObject({
      ok: false,
      error: { code: 'CHECKLIST_INCOMPLETE', details: { missing: ['尚未导出上传材料包'] } },
    });
    expect((await ws.call('batches.get', { id: batch.id })).declarations[0]).toMatchObject({
      status: '材料齐全',
      kitExported: false,
    });

    await ws.app.services.kits.export({ batchId: batch.id, outDir: join(ws.dir, 'kits') });
    expect((await ws.call('batches.get', { id: batch.id })).declarations[0]!.kitExported).toBe(true);
    await ws.call('declarations.setStatus', { ids: [id], status: '已导出' });
    await ws.call('declarations.setStatus', { ids: [id], status: '已提交' });
    expect((await ws.call('declarations.get', { id })).declaration.status).toBe('已提交');
  });

  it('takes an override with a reason and keeps what was missing and why in the history', async () => {
    const batch = await ws.call('batches.save', { name: '初定', type: '初定' });
    const a = await person('张三', 11);
    const b = await person('李四', 13);
    await ws.call('batches.addPeople', { batchId: batch.id, people: [{ personId: a.id }, { personId: b.id }] });
    const ids = (await ws.call('batches.get', { id: batch.id })).declarations.map((d) => d.id);
    const refused = await ws.call('declarations.setStatus', { ids, status: '材料齐全' });
    expect(refused.changed).toBe(0);
    expect(refused.refused.map((r) => r.missing)).toEqual([
      expect.arrayContaining(['缺少单位同意申报证明']),
      expect.arrayContaining(['缺少单位同意申报证明']),
    ]);
    await ws.call('declarations.setStatus', { ids: [ids[0]!], status: '材料齐全', force: true, reason: '原件已核' });
    const history = (await ws.call('declarations.get', { id: ids[0]! })).history;
    expect(history.at(-1)).toMatchObject({
      toStatus: '材料齐全',
      reason: expect.stringMatching(/^越过检查（缺少.*）：原件已核$/),
    });
  });
});

describe('catalogue and checklist rules', () => {
  it('offers Jiangsu’s regions down to 市本级 and the 工程 specialties, editable', async () => {
    const { regions, specialties } = await ws.call('catalogue.get', {});
    const nanjing = regions[0]!.children!.find((c) => c.label === '南京市')!;
    expect(nanjing.children!.map((c) => c.label)).toContain('市本级');
    expect(regions[0]!.children!).toHaveLength(14);
    expect(specialties[0]!.children!.find((c) => c.label === '电子信息')!.children!.map((c) => c.label)).toContain(
      '通信工程',
    );
    await ws.call('catalogue.saveSpecialties', [
      { label: '工程', children: [{ label: '电力工程', children: [{ label: '电气工程' }] }] },
    ]);
    expect((await ws.call('catalogue.get', {})).specialties[0]!.children![0]!.label).toBe('电力工程');
  });

  it('asks for the 社保缴费证明 where the region’s rules say so', async () => {
    const a = await person('张三', 11);
    const batch = await ws.call('batches.save', { name: '初定', type: '初定' });
    await ws.call('batches.addPeople', { batchId: batch.id, people: [{ personId: a.id }] });
    const id = (await ws.call('batches.get', { id: batch.id })).declarations[0]!.id;
    expect((await ws.call('declarations.get', { id })).checklist.missing).not.toContain('缺少社保缴费证明');
    const rules = await ws.call('checklist.rules.get', {});
    await ws.call('checklist.rules.save', { ...rules, socialInsuranceRequired: true });
    expect((await ws.call('declarations.get', { id })).checklist.missing).toContain('缺少社保缴费证明');
  });

  it('asks for it only in the regions listed, a city including its districts', async () => {
    const a = await person('张三', 11);
    const missingIn = async (region: string) => {
      const batch = await ws.call('batches.save', { name: region, type: '初定', region });
      await ws.call('batches.addPeople', { batchId: batch.id, people: [{ personId: a.id }] });
      const id = (await ws.call('batches.get', { id: batch.id })).declarations[0]!.id;
      return (await ws.call('declarations.get', { id })).checklist.missing.includes('缺少社保缴费证明');
    };
    const rules = await ws.call('checklist.rules.get', {});
    expect(rules.socialInsuranceRegions).toEqual([]);
    await ws.call('checklist.rules.save', { ...rules, socialInsuranceRegions: ['江苏省/苏州市'] });
    expect(await missingIn('江苏省/苏州市/吴江区')).toBe(true);
    expect(await missingIn('江苏省/苏州市')).toBe(true);
    expect(await missingIn('江苏省/南京市/市本级')).toBe(false);
  });

  it('asks a regulated series for its 执业资格证书, ticked by the file', async () => {
    const a = await person('李医生', 12);
    const batch = await ws.call('batches.save', { name: '卫生', type: '评审' });
    await ws.call('batches.addPeople', {
      batchId: batch.id,
      people: [{ personId: a.id, targetLevel: '中级', specialty: '卫生技术/临床医学/内科' }],
    });
    const id = (await ws.call('batches.get', { id: batch.id })).declarations[0]!.id;
    expect((await ws.call('declarations.get', { id })).checklist.missing).toContain('缺少执业资格证书');
    await file(a.id, '执业资格证书');
    expect((await ws.call('declarations.get', { id })).checklist.missing).not.toContain('缺少执业资格证书');
    const rules = await ws.call('checklist.rules.get', {});
    await ws.call('checklist.rules.save', { ...rules, licensedSeries: [] });
    const items = (await ws.call('declarations.get', { id })).checklist.items.map((i) => i.key);
    expect(items).not.toContain('licence');
  });
});
