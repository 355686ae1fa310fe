/** Roster import end to end through dispatch() into a real SQLite file. */
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { csvText, generatePeople, makeIdNumber, rosterRows, xlsxBytes } from '../../support/people';
import { openTestWorkspace, toBase64, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
beforeEach(async () => {
  ws = await openTestWorkspace();
});
afterEach(() => ws.cleanup());

const file = async (rows: Parameters<typeof xlsxBytes>[0], fileName = '名单.xlsx') => ({
  fileName,
  base64: toBase64(await xlsxBytes(rows)),
});
const withWrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
const peopleCount = () =>
  (ws.app.database.sqlite.prepare('SELECT count(*) AS n FROM employees').get() as { n: number }).n;

describe('roster import', () => {
  it('imports a good file and lists the people', async () => {
    const people = generatePeople(50, 3);
    const report = await ws.call('roster.import', await file(rosterRows(people)));
    expect(report).toMatchObject({ ok: true, refused: false, created: 50, updated: 0, unchanged: 0, errors: [] });
    const list = await ws.call('people.list', {});
    expect(list.total).toBe(50);
    const first = list.rows.find((r) => r.idNumber === people[0]!.idNumber)!;
    expect(first).toMatchObject({
      name: people[0]!.name,
      department: people[0]!.department,
      hiredOn: people[0]!.hiredOn,
    });
    expect(ws.events.some((e) => e.name === 'people.changed')).toBe(true);
  });

  it('changes nothing when any row is bad, and lists every error', async () => {
    await ws.call('roster.import', await file(rosterRows(generatePeople(5, 1))));
    const rows = rosterRows(generatePeople(10, 2));
    rows[3]![1] = withWrongCheck(rows[3]![1] as string);
    rows[7]![4] = '2020年13月';
    const before = ws.app.database.sqlite.prepare('SELECT * FROM employees ORDER BY id').all();
    const report = await ws.call('roster.import', await file(rows));
    expect(report).toMatchObject({ ok: false, refused: true, created: 0, updated: 0, unchanged: 0 });
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [4, '身份证号'],
      [8, '入职日期'],
    ]);
    expect(ws.app.database.sqlite.prepare('SELECT * FROM employees ORDER BY id').all()).toEqual(before);
  });

  it('imports only the valid rows when asked to', async () => {
    const rows = rosterRows(generatePeople(10, 2));
    rows[3]![1] = withWrongCheck(rows[3]![1] as string);
    const report = await ws.call('roster.import', { ...(await file(rows)), validOnly: true });
    expect(report).toMatchObject({ ok: true, refused: false, created: 9 });
    expect(report.errors).toHaveLength(1);
    expect(peopleCount()).toBe(9);
  });

  it('previews a re-import as new / changed with the fields / unchanged, then applies it by ID number', async () => {
    const people = generatePeople(6, 9);
    await ws.call('roster.import', await file(rosterRows(people.slice(0, 5))));
    const rows = rosterRows(people);
    rows[1]![2] = '新部门';
    rows[2]![3] = '';
    const preview = await ws.call('roster.preview', await file(rows));
    expect(preview).toMatchObject({ dryRun: true, created: 1, updated: 1, unchanged: 4 });
    expect(preview.changes).toEqual([
      {
        row: 2,
        name: people[0]!.name,
        idNumber: people[0]!.idNumber,
        kind: 'changed',
        fields: [{ column: '部门', before: people[0]!.department, after: '新部门' }],
      },
      { row: 7, name: people[5]!.name, idNumber: people[5]!.idNumber, kind: 'new', fields: [] },
    ]);
    expect(peopleCount()).toBe(5);

    const report = await ws.call('roster.import', await file(rows));
    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 4 });
    const list = await ws.call('people.list', { search: people[0]!.idNumber });
    expect(list.rows[0]!.department).toBe('新部门');
    // An empty cell does not clear what is stored.
    const kept = await ws.call('people.list', { search: people[1]!.idNumber });
    expect(kept.rows[0]!.phone).toBe(people[1]!.phone);
  });

  it('reads CSV in UTF-8 (with BOM) and in GBK', async () => {
    const people = generatePeople(4, 5);
    const text = csvText(rosterRows(people));
    const utf8 = await ws.call('roster.preview', { fileName: 'a.csv', base64: toBase64(`\uFEFF${text}`) });
    expect(utf8).toMatchObject({ errors: [], created: 4 });
    const gbk = iconv.encode(text, 'gbk');
    const report = await ws.call('roster.import', { fileName: '名单.CSV', base64: toBase64(gbk) });
    expect(report).toMatchObject({ ok: true, created: 4 });
    const names = (await ws.call('people.list', {})).rows.map((r) => r.name).sort();
    expect(names).toEqual(people.map((p) => p.name).sort());
  });

  it('resolves the 单位 column by name or credit code, empty meaning the default unit', async () => {
    const main = await ws.call('units.save', { name: '江苏某某工程有限公司', creditCode: '91110000600037341L' });
    const other = await ws
      .call('units.save', {
        name: '某某设计院',
        creditCode: '91320100MA1MXXXXXX'.replace(/X/g, '1').slice(0, 17) + 'X',
      })
      .catch(() => null);
    expect(other).toBeNull(); // a bad credit code is refused
    const a = makeIdNumber('320102', '1990-01-01', 11);
    const b = makeIdNumber('320102', '1991-01-01', 12);
    const report = await ws.call(
      'roster.import',
      await file([
        ['姓名', '身份证号', '单位'],
        ['张三', a, ''],
        ['李四', b, '91110000600037341L'],
      ]),
    );
    expect(report.created).toBe(2);
    const rows = (await ws.call('people.list', {})).rows;
    expect(rows.every((r) => r.unitId === main.id && r.unitName === '江苏某某工程有限公司')).toBe(true);
  });

  it('refuses files that are not rosters with a message naming the file', async () => {
    const notXlsx = await ws.app.invoke('roster.import', { fileName: '名单.xlsx', base64: toBase64('not a zip') });
    expect(notXlsx).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(!notXlsx.ok && notXlsx.error.message).toContain('「名单.xlsx」');
    const xls = await ws.app.invoke('roster.import', { fileName: '旧.xls', base64: toBase64('x') });
    expect(!xls.ok && xls.error.message).toContain('另存为 .xlsx');
  });

  it.each(['读取文件', '校验'])('writes nothing when cancelled during %s', async (phase) => {
    const bytes = await xlsxBytes(rosterRows(generatePeople(300, 4)));
    const jobId = `cancel-${phase}`;
    ws.onEvent = (name, payload) => {
      if (name === 'job.progress' && (payload as { phase: string }).phase === phase)
        void ws.app.invoke('jobs.cancel', { jobId });
    };
    const result = await ws.app.invoke('roster.import', { fileName: 'big.xlsx', base64: toBase64(bytes), jobId });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(peopleCount()).toBe(0);
  });

  it('reports progress up to the end of the write', async () => {
    await ws.call('roster.import', { ...(await file(rosterRows(generatePeople(1200, 4)))), jobId: 'p' });
    const writes = ws.events.filter(
      (e) => e.name === 'job.progress' && (e.payload as { phase: string }).phase === '写入',
    );
    expect(writes.map((e) => (e.payload as { done: number }).done)).toEqual([500, 1000, 1200]);
  });

  it('exports the roster and the export imports back unchanged', async () => {
    await ws.call('roster.import', await file(rosterRows(generatePeople(20, 8))));
    const exported = await ws.call('roster.export', {});
    expect(exported.fileName).toMatch(/^人员名单_\d{8}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.rowCount).toBe(21);
    const again = await ws.call('roster.import', exported);
    expect(again).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 20 });
  });

  it('offers a template that imports as an empty roster', async () => {
    const template = await ws.call('roster.template', {});
    const report = await ws.call('roster.preview', template);
    expect(report.errors[0]!.message).toContain('没有人员数据');
  });
});

describe('cancelling before the job starts', () => {
  it('honours a cancel that arrives before the import request', async () => {
    const ws2 = await openTestWorkspace();
    try {
      await ws2.call('jobs.cancel', { jobId: 'early' });
      const bytes = await xlsxBytes(rosterRows(generatePeople(5, 4)));
      const result = await ws2.app.invoke('roster.import', {
        fileName: 'a.xlsx',
        base64: toBase64(bytes),
        jobId: 'early',
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    } finally {
      ws2.cleanup();
    }
  });
});

describe('reading a workbook as HR saves one', () => {
  it('skips a hidden first sheet and gives every person a department merged down its rows', async () => {
    const people = generatePeople(4, 41);
    const workbook = new ExcelJS.Workbook();
    const hidden = workbook.addWorksheet('旧名单', { state: 'hidden' });
    hidden.addRow(['姓名', '身份证号']);
    hidden.addRow(['不该导入', makeIdNumber('320102', '1990-01-01', 1)]);
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['姓名', '身份证号', '部门', '入职日期']);
    people.forEach((p) => sheet.addRow([p.name, p.idNumber, '技术部', new Date(Date.UTC(2015, 6, 1))]));
    sheet.mergeCells('C2:C5'); // one 技术部 over the four people, as the sheet shows it
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const report = await ws.call('roster.import', { fileName: '名单.xlsx', base64: toBase64(bytes) });
    expect(report).toMatchObject({ ok: true, created: 4 });
    const list = await ws.call('people.list', {});
    expect(list.rows.map((r) => [r.name, r.department, r.hiredOn]).sort()).toEqual(
      people.map((p) => [p.name, '技术部', '2015-07-01']).sort(),
    );
  });

  it('reads every Chinese name whole in a sheet far larger than the reader’s pieces', async () => {
    // Streamed XML arrives in pieces of about 64 KB: a character cut between two must not become ��.
    const people = generatePeople(4000, 42);
    const report = await ws.call('roster.import', await file(rosterRows(people)));
    expect(report).toMatchObject({ ok: true, created: 4000 });
    const names = new Map((await ws.call('people.list', {})).rows.map((r) => [r.idNumber, r.name]));
    expect(people.filter((p) => names.get(p.idNumber) !== p.name)).toEqual([]);
  });
});
