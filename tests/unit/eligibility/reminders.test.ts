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
