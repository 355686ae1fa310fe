/** Reminders on a real workspace: who becomes eligible, windows, 备案表 expiry, dismissal and announcing once. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await openTestWorkspace();
});
afterEach(() => ws.cleanup());

async function graduate(name: string, start: string, seq: number) {
  const { person } = await ws.call('people.save', {
    name,
    idNumber: makeIdNumber('320102', '1995-01-01', seq),
    workStartedOn: start,
  });
  await ws.call('records.save', {
    kind: 'education',
    employeeId: person.id,
    level: '本科',
    degree: '学士',
    graduatedOn: `${start.slice(0, 4)}-06-30`,
  });
  return person;
}

describe('reminders', () => {
  it('tells when someone becomes eligible, within a week ahead or a month back', async () => {
    await graduate('三天后', '2025-11-26', 11);
    await graduate('上周', '2025-11-16', 13);
    await graduate('两个月后', '2026-01-23', 15);
    await graduate('早就可以', '2024-07-01', 17);
    const reminders = await ws.call('reminders.list', { asOf: '2026-11-23' });
    const eligible = reminders.filter((r) => r.kind === 'eligible');
    expect(eligible.map((r) => r.title)).toEqual(['上周可申报初定助理级', '三天后可申报初定助理级']);
    expect(eligible[1]!.body).toContain('将于 2026-11-26');
    expect(eligible[0]!.link).toMatchObject({ type: 'person' });
  });

  it('tells when the window is about to close with eligible people not in a batch', async () => {
    await graduate('上周', '2025-11-16', 13);
    const reminders = await ws.call('reminders.list', { asOf: '2026-11-23' });
    expect(reminders.find((r) => r.kind === 'windowCloses')).toMatchObject({
      title: '受理窗口 2026-11-30 关闭',
      due: '2026-11-30',
    });
    const opening = await ws.call('reminders.list', { asOf: '2026-12-20' });
    expect(opening.find((r) => r.kind === 'windowOpens')).toMatchObject({ due: '2027-01-01' });
  });

  it('tells when a 学信网备案表 is about to expire', async () => {
    const person = await graduate('张三', '2020-07-01', 11);
    ws.app.database.sqlite
      .prepare(
        "INSERT INTO documents (employee_id, material_type, file_name, stored_path, sha256, bytes, mime, source, valid_until) VALUES (?, '学信网备案表', 'a.pdf', 'x', 'y', 1, 'application/pdf', '扫描', '2026-12-01')",
      )
      .run(person.id);
    const reminders = await ws.call('reminders.list', { asOf: '2026-11-23' });
    expect(reminders.find((r) => r.kind === 'recordExpires')).toMatchObject({
      title: '张三的学信网备案表即将过期',
      due: '2026-12-01',
    });
  });

  it('tells of a 退回修改, a 备案表 expiring before its batch’s deadline, and eligible people in no batch', async () => {
    const returned = await graduate('退回者', '2020-07-01', 11);
    const expiring = await graduate('备案者', '2020-07-01', 13);
    // Eligible since 2021, every year assessed and trained, and in no batch.
    const waiting = await graduate('久等者', '2020-07-01', 15);
    for (let year = 2021; year <= 2025; year++) {
      await ws.call('records.save', { kind: 'assessment', employeeId: waiting.id, year, result: '合格' });
      await ws.call('records.save', { kind: 'ce', employeeId: waiting.id, year, hours: 90, category: '专业' });
    }
    const batch = await ws.call('batches.save', { name: '2026年初定', type: '初定', deadline: '2027-03-31' });
    await ws.call('batches.addPeople', {
      batchId: batch.id,
      people: [{ personId: returned.id }, { personId: expiring.id }],
    });
    const [first, second] = (await ws.call('batches.get', { id: batch.id })).declarations;
    const reason = '继续教育证书不清晰，请重新上传';
    for (const status of ['材料齐全', '已导出', '已提交'] as const)
      await ws.call('declarations.setStatus', { ids: [first!.id], status, force: true, reason: '测试' });
    await ws.call('declarations.setStatus', { ids: [first!.id], status: '退回修改', reason });
    // Valid for months yet, but not until the batch's deadline.
    ws.app.database.sqlite
      .prepare(
        "INSERT INTO documents (employee_id, material_type, file_name, stored_path, sha256, bytes, mime, source, valid_until) VALUES (?, '学信网备案表', 'a.pdf', 'x', 'y', 1, 'application/pdf', '扫描', '2027-02-28')",
      )
      .run(expiring.id);

    const reminders = await ws.call('reminders.list', { asOf: '2026-12-06' });
    expect(reminders.find((r) => r.kind === 'returned')).toMatchObject({
      title: '退回者的申报被退回修改',
      body: `「2026年初定」：${reason}`,
      link: { type: 'declaration', id: first!.id },
    });
    expect(reminders.find((r) => r.kind === 'recordBeforeDeadline')).toMatchObject({
      title: '备案者的学信网备案表在提交截止前过期',
      body: '有效期至 2027-02-28，早于「2026年初定」的提交截止日 2027-03-31，请重新下载',
      link: { type: 'declaration', id: second!.id },
    });
    expect(reminders.find((r) => r.kind === 'eligibleWaiting')).toMatchObject({
      title: '1人现在可申报，尚未加入申报批次',
      body: '久等者现在可申报，尚未加入任何申报批次',
      link: { type: 'dashboard' },
    });
  });

  it('keeps a dismissal, and announces each reminder once', async () => {
    await graduate('三天后', '2025-11-26', 11);
    const announced = ws.app.services.eligibility.announceReminders('2026-11-23');
    expect(announced.length).toBeGreaterThan(0);
    expect(ws.events.filter((e) => e.name === 'reminders.new')).toHaveLength(1);
    expect(ws.app.services.eligibility.announceReminders('2026-11-23')).toEqual([]);
    const [first] = await ws.call('reminders.list', { asOf: '2026-11-23' });
    await ws.call('reminders.dismiss', { key: first!.key });
    expect((await ws.call('reminders.list', { asOf: '2026-11-23' })).map((r) => r.key)).not.toContain(first!.key);
  });
});
