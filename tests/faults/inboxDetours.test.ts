/**
 * kill -9 off the straight path: a stack split at its cover sheets, a name two people share
 * (to review, then assigned by the user), an exact duplicate (then discarded by the user) and a
 * damaged file (to quarantine). The pipeline runs in a child that SIGKILLs itself at a state;
 * after every kill nothing dropped is lost and nothing is filed twice, and at the end each file
 * has reached exactly the outcome it would have without the kills.
 */
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Of } from '../../electron/services/library/library';
import { smallPdf } from '../support/documents';
import { makeIdNumber } from '../support/people';
import { openTestWorkspace, tempDir } from '../support/workspace';
import { renderedPageJpeg, scanPageJpeg, scannedPdf } from '../unit/inbox/support';
import { inspectWorkspace, runInboxChild } from './support';

interface World {
  dataDir: string;
  scanDir: string;
  /** Each dropped file's name and sha256. */
  sources: Map<string, string>;
  ids: { chen: number; wangA: number; wangB: number };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

// One file at a time, as in inbox.test.ts: a kill while another file is in the engine counts against it.
const child = async (world: World, killAt: string, action?: object) =>
  (await runInboxChild(world.dataDir, killAt, action, { concurrency: 1 })).killed;

async function newWorld(): Promise<World> {
  const ws = await openTestWorkspace();
  const scanDir = tempDir('zhicheng-detour-scan-');
  dirs.push(ws.dir, scanDir);
  const save = async (name: string, seq: number) =>
    (
      await ws.call('people.save', {
        name,
        idNumber: makeIdNumber('320102', '1990-05-06', seq),
        workStartedOn: '2012-07-01',
        category: '企业',
      })
    ).person.id;
  const ids = { chen: await save('陈静怡', 7), wangA: await save('王芳', 8), wangB: await save('王芳', 9) };
  const covers = await ws.app.services.inbox.coverSheets([
    { employeeId: ids.chen, materialType: '学位证书' },
    { employeeId: ids.wangA, materialType: '社保缴费证明' },
  ]);
  ws.app.database.sqlite
    .prepare('INSERT INTO watched_folders (path, stable_seconds, after_filing) VALUES (?, 0, ?)')
    .run(scanDir, 'move');
  ws.app.close();

  const pledge = await smallPdf('pledge of chen');
  const dropped: Array<[string, Uint8Array]> = [
    // The scanner's stack: cover, a page, cover, a page.
    [
      'SCN_0001.pdf',
      await scannedPdf([
        renderedPageJpeg(covers, 1, 100),
        await scanPageJpeg(1, 100),
        renderedPageJpeg(covers, 2, 100),
        await scanPageJpeg(2, 100),
      ]),
    ],
    ['王芳_学历证书.pdf', await smallPdf('diploma of wang')],
    ['陈静怡_诚信承诺书.pdf', pledge],
    ['陈静怡_诚信承诺书_再扫.pdf', pledge],
    ['陈静怡_社保缴费证明.pdf', Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R')],
  ];
  const sources = new Map<string, string>();
  for (const [name, bytes] of dropped) {
    writeFileSync(join(scanDir, name), bytes);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(join(scanDir, name), old, old);
    sources.set(name, sha256Of(bytes));
  }
  return { dataDir: ws.dir, scanDir, sources, ids };
}

/** The sha256 of every file under `dir`. */
function hashesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => sha256Of(readFileSync(join(e.parentPath, e.name))));
}

function invariants(world: World, label: string) {
  const db = new Database(join(world.dataDir, 'zhicheng.sqlite'), { readonly: true });
  try {
    const docs = db.prepare('SELECT employee_id, material_type, year, status FROM documents').all() as Array<{
      employee_id: number | null;
      material_type: string;
      year: number | null;
      status: string;
    }>;
    const active = docs.filter((d) => d.status === 'active');
    // Never filed twice: one active document per person, material and year.
    const keys = active.map((d) => `${d.employee_id}|${d.material_type}|${d.year}`);
    expect(new Set(keys).size, `${label}: ${keys.join(', ')}`).toBe(keys.length);
    const rows = db.prepare('SELECT rel_path, parent_id FROM inbox_files').all() as Array<{
      rel_path: string;
      parent_id: number | null;
    }>;
    // One journal row per dropped file (the stack's parts are its children).
    const top = rows.filter((r) => r.parent_id === null).map((r) => r.rel_path);
    expect(new Set(top).size, label).toBe(top.length);
    expect(top.length, label).toBeLessThanOrEqual(world.sources.size);
  } finally {
    db.close();
  }
  // Never lost: every dropped file's bytes are still in the scan folder or in the library.
  const kept = new Set([...hashesUnder(world.scanDir), ...hashesUnder(join(world.dataDir, 'library'))]);
  for (const [name, sha] of world.sources) expect(kept.has(sha), `${label}: ${name} lost`).toBe(true);
}

describe('kill -9 off the straight path', () => {
  it('splitting a stack, to review and assigned, a duplicate discarded, a damaged file quarantined', async () => {
    const world = await newWorld();
    const killedAt: string[] = [];
    const step = async (point: string, action?: object) => {
      if (await child(world, point, action)) killedAt.push(point);
      invariants(world, `after kill at ${point}`);
    };
    // The pipeline on its own: each run resumes the last one's work, killed at whichever of these
    // it reaches first (the order depends on how long each file takes, not on the list).
    const own = ['state:split', 'state:needs_review', 'state:duplicate', 'state:quarantined'];
    const ownKilled: string[] = [];
    for (let run = 0; run < own.length; run++) {
      const { killedAt: point } = await runInboxChild(
        world.dataDir,
        own.filter((p) => !ownKilled.includes(p)).join(','),
        undefined,
        { concurrency: 1 },
      );
      if (!point) break;
      ownKilled.push(point);
      invariants(world, `after kill at ${point}`);
    }
    expect([...ownKilled].sort()).toEqual([...own].sort());
    await step('none');
    // The user assigns the shared name's file to the first 王芳, killed at each step after it.
    const assign = { op: 'assign', name: '王芳_学历证书.pdf', employeeId: world.ids.wangA, materialType: '学历证书' };
    const assigned = ['state:matched', 'state:compressed', 'file:stored', 'state:filed', 'release:moved'];
    for (const point of assigned) await step(point, assign);
    // And discards the re-scan of the pledge.
    await step('state:discarded', { op: 'discard', name: '陈静怡_诚信承诺书_再扫.pdf' });
    expect(await child(world, 'none')).toBe(false);

    // Every point was reached, and killed there, once.
    expect(killedAt).toEqual([...assigned, 'state:discarded']);
    invariants(world, 'at the end');

    const db = new Database(join(world.dataDir, 'zhicheng.sqlite'), { readonly: true });
    try {
      const { chen, wangA, wangB } = world.ids;
      const active = db
        .prepare(
          "SELECT employee_id, material_type FROM documents WHERE status = 'active' ORDER BY employee_id, material_type",
        )
        .all();
      expect(active).toEqual([
        { employee_id: chen, material_type: '学位证书' },
        { employee_id: chen, material_type: '诚信承诺书' },
        { employee_id: wangA, material_type: '学历证书' },
        { employee_id: wangA, material_type: '社保缴费证明' },
      ]);
      expect(active.some((d) => (d as { employee_id: number }).employee_id === wangB)).toBe(false);
      const states = Object.fromEntries(
        (
          db.prepare('SELECT rel_path, state FROM inbox_files WHERE parent_id IS NULL').all() as Array<{
            rel_path: string;
            state: string;
          }>
        ).map((r) => [r.rel_path, r.state]),
      );
      expect(states).toEqual({
        'SCN_0001.pdf': 'released',
        '王芳_学历证书.pdf': 'released',
        '陈静怡_诚信承诺书.pdf': 'released',
        '陈静怡_诚信承诺书_再扫.pdf': 'discarded',
        '陈静怡_社保缴费证明.pdf': 'quarantined',
      });
      const parts = db.prepare('SELECT state FROM inbox_files WHERE parent_id IS NOT NULL').all();
      expect(parts).toEqual([{ state: 'released' }, { state: 'released' }]);
      // However many processes it took, each file reached 'filed' once.
      const filed = db
        .prepare("SELECT file_id, count(*) AS n FROM inbox_events WHERE state = 'filed' GROUP BY file_id")
        .all() as Array<{ n: number }>;
      expect(filed.map((f) => f.n)).toEqual([1, 1, 1, 1]);
    } finally {
      db.close();
    }
    const state = inspectWorkspace(world.dataDir);
    expect(state.integrity).toBe('ok');
    expect(state.documents.filter((d) => !d.fileOk)).toEqual([]);
    expect(state.temps).toEqual([]);
  }, 240_000);
});
