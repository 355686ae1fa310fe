/** The dashboard's buckets, acceptance windows, the editable pack and the export, on a real workspace. */
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PACK } from '../../../shared/eligibility/defaultPack';
import { nextWindow } from '../../../shared/eligibility/windows';
import { makeIdNumber } from '../../support/people';
import { smallPdf } from '../../support/documents';
import { openTestWorkspace, toBase64, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await openTestWorkspace();
});
afterEach(() => ws.cleanup());

/** A 本科 graduate starting work on `start`, with passing assessments and hours for every year. */
async function graduate(name: string, start: string, seq: number, department = '技术部') {
  const { person } = await ws.call('people.save', {
    name,
    idNumber: makeIdNumber('320102', '1995-01-01', seq),
    workStartedOn: start,
    department,
  });
  await ws.call('records.save', {
    kind: 'education',
    employeeId: person.id,
    level: '本科',
    degree: '学士',
    // The 30 June before the work start.
    graduatedOn: `${Number(start.slice(0, 4)) - (start.slice(5) < '07-01' ? 1 : 0)}-06-30`,
  });
  for (let year = Number(start.slice(0, 4)) + 1; year < 2027; year++) {
    await ws.call('records.save', { kind: 'assessment', employeeId: person.id, year, result: '合格' });
    await ws.call('records.save', { kind: 'ce', employeeId: person.id, year, hours: 90, category: '专业' });
  }
  return person;
}

describe('eligibility dashboard', () => {
  it('sorts people into now, 30/90/180 days, later, blocked', async () => {
    await graduate('现在', '2025-07-01', 11);
    await graduate('二十天', '2025-12-13', 13);
    await graduate('六十天', '2026-01-22', 15);
    await graduate('一百五十天', '2026-04-22', 17);
    await graduate('一年后', '2026-11-01', 19);
    const { person } = await ws.call('people.save', {
      name: '无学历',
      idNumber: makeIdNumber('320102', '1995-01-01', 21),
      workStartedOn: '2020-07-01',
    });
    void person;
    const board = await ws.call('eligibility.dashboard', { asOf: '2026-11-23' });
    const byName = Object.fromEntries(board.rows.map((r) => [r.name, r.bucket]));
    expect(byName).toEqual({
      现在: 'now',
      二十天: 'within30',
      六十天: 'within90',
      一百五十天: 'within180',
      一年后: 'later',
      无学历: 'blocked',
    });
    expect(board.counts).toEqual({ now: 1, within30: 1, within90: 1, within180: 1, later: 1, blocked: 1, done: 0 });
    expect(board.pack.name).toBe('江苏 工程系列 (default)');
  });

  it('names the acceptance window open on, or next after, the eligible date', async () => {
    expect(nextWindow(DEFAULT_PACK, '2026-06-01')).toEqual({ from: '2026-01-01', to: '2026-11-30' });
    expect(nextWindow(DEFAULT_PACK, '2026-12-05')).toEqual({ from: '2027-01-01', to: '2027-11-30' });
    const odd = {
      acceptanceWindows: [1, 3, 5, 7, 9, 11].map((m) => ({
        from: `${String(m).padStart(2, '0')}-01`,
        to: `${String(m).padStart(2, '0')}-${m === 11 ? 30 : 31}`,
      })),
    };
    expect(nextWindow(odd, '2026-02-10')).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    // A window across the new year that opened last December is still open in January.
    const winter = { acceptanceWindows: [{ from: '12-01', to: '01-31' }] };
    expect(nextWindow(winter, '2026-01-15')).toEqual({ from: '2025-12-01', to: '2026-01-31' });
    expect(nextWindow(winter, '2026-02-01')).toEqual({ from: '2026-12-01', to: '2027-01-31' });
    await graduate('二十天', '2025-12-13', 13);
    const board = await ws.call('eligibility.dashboard', { asOf: '2026-11-23' });
    expect(board.rows[0]!.window).toEqual({ from: '2027-01-01', to: '2027-11-30' });
  });

  it('explains a person’s step: rule, education, source and blockers', async () => {
    const person = await graduate('现在', '2025-07-01', 11);
    const { explanation, row } = await ws.call('eligibility.person', { id: person.id, asOf: '2026-11-23' });
    expect(row.next).toMatchObject({ route: '初定', level: '助理级', eligibleOn: '2026-07-01', eligibleNow: true });
    expect(explanation).toContain('下一步：初定助理级，最早 2026-07-01（现在可申报）');
    expect(explanation.some((l) => l.startsWith('来源：') && l.includes('可信度 B'))).toBe(true);
    expect(explanation.some((l) => l.startsWith('再下一步：评审中级'))).toBe(true);
  });

  it('takes a regulated series’ practice licence from the person’s 执业资格证书 materials', async () => {
    const person = await graduate('护士', '2024-07-01', 23);
    await ws.call('records.save', {
      kind: 'title',
      employeeId: person.id,
      series: '卫生技术',
      level: '员级',
      obtainedOn: '2025-07-01',
      via: '初定',
    });
    const codes = async () =>
      (await ws.call('eligibility.person', { id: person.id, asOf: '2026-11-23' })).row.next!.blockers.map(
        (b) => b.code,
      );
    expect(await codes()).toEqual(['MISSING_LICENCE']);
    const [licence] = await ws.call('documents.add', {
      employeeId: person.id,
      materialType: '执业资格证书',
      files: [{ fileName: '护士执业证书.pdf', base64: toBase64(await smallPdf('licence')) }],
    });
    expect(await codes()).toEqual([]);
    await ws.call('documents.trash', { id: licence!.documentId });
    expect(await codes()).toEqual(['MISSING_LICENCE']);
  });

  it('keeps an edited pack per workspace, validates it, and resets to the default', async () => {
    await graduate('现在', '2025-07-01', 11);
    const pack = await ws.call('eligibility.pack.get', {});
    pack.chuding.find((r) => r.id === 'chuding.current.benke')!.outcomes[0]!.years = 2;
    pack.name = '南京 工程系列';
    await ws.call('eligibility.pack.save', pack);
    const board = await ws.call('eligibility.dashboard', { asOf: '2026-11-23' });
    expect(board.pack.name).toBe('南京 工程系列');
    expect(board.rows[0]!.next!.eligibleOn).toBe('2027-07-01');
    const bad = await ws.app.invoke('eligibility.pack.save', {
      ...pack,
      acceptanceWindows: [{ from: '1-1', to: '11-30' }],
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    await ws.call('eligibility.pack.reset', {});
    expect((await ws.call('eligibility.pack.get', {})).name).toBe('江苏 工程系列 (default)');
  });

  it('exports a filtered list to .xlsx', async () => {
    await graduate('现在', '2025-07-01', 11, '技术部');
    await graduate('一年后', '2026-11-01', 19, '质量部');
    const file = await ws.call('eligibility.export', { asOf: '2026-11-23', buckets: ['now'] });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(1).value).toBe('现在');
    expect(sheet.getRow(2).getCell(4).value).toBe('现在可申报');
  });
});
