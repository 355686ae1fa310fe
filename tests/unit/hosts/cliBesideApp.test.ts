/**
 * The CLI beside a running app, which holds the workspace's database exclusively: reading commands
 * are answered by the app, a writing one is refused with IN_USE (exit 2), and with no app to ask a
 * reading one is refused the same way — never the INTERNAL exit 1 it used to be.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serveReads } from '../../../electron/hosts/cli/appReads';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../../support/workspace';

const BIN = join(import.meta.dirname, '../../../bin/zhicheng.mjs');
/** Each run starts Node and waits out SQLite's busy timeout on the held database: slow on a busy machine. */
const BUDGET = 180_000;

let ws: TestWorkspace;
let stopReads: (() => Promise<void>) | null = null;
const idNumber = makeIdNumber('320102', '1990-05-06', 31);

async function zhicheng(...args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    return { code: 0, json: JSON.parse(stdout) };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, json: e.stdout ? JSON.parse(e.stdout) : null };
  }
}

beforeAll(async () => {
  // The "app": this process holds the workspace open, as the desktop app or `serve` does.
  ws = await openTestWorkspace();
  await ws.call('people.save', { name: '刘洋', idNumber, workStartedOn: '2015-07-01' });
  await ws.call('inbox.folders.add', { path: tempDir('zhicheng-beside-scan-'), stableSeconds: 0 });
  await ws.call('backups.create', {});
  stopReads = await serveReads(ws.app);
});
afterAll(async () => {
  await stopReads?.();
  ws.cleanup();
});

it(
  'answers reading commands through the running app',
  async () => {
    const eligibility = await zhicheng('eligibility', '--data', ws.dir, '--as-of', '2026-12-06', '--json');
    expect(eligibility.code).toBe(0);
    expect(eligibility.json).toMatchObject({ asOf: '2026-12-06', results: [{ idNumber }] });

    const folders = await zhicheng('inbox', 'folders', '--data', ws.dir, '--json');
    expect(folders).toMatchObject({ code: 0, json: { ok: true, folders: [{ path: expect.any(String) }] } });

    const backups = await zhicheng('workspace', 'backups', '--data', ws.dir, '--json');
    expect(backups.code).toBe(0);
    expect(backups.json.backups).toHaveLength(1);
  },
  BUDGET,
);

it(
  'refuses a writing command with IN_USE, exit 2, in the one failure shape',
  async () => {
    const created = await zhicheng('batch', 'create', '--data', ws.dir, '--type', '初定', '--name', '试', '--json');
    expect(created.code).toBe(2);
    expect(created.json).toEqual({ ok: false, code: 'IN_USE', message: expect.stringContaining('正被另一个') });
    expect(await ws.call('batches.list', {})).toEqual([]);
  },
  BUDGET,
);

it(
  'with no app to ask, refuses a reading command with IN_USE too',
  async () => {
    await stopReads!();
    stopReads = null;
    const eligibility = await zhicheng('eligibility', '--data', ws.dir, '--as-of', '2026-12-06', '--json');
    expect(eligibility).toMatchObject({ code: 2, json: { ok: false, code: 'IN_USE' } });
    const folders = await zhicheng('inbox', 'folders', '--data', ws.dir, '--json');
    expect(folders).toMatchObject({ code: 2, json: { ok: false, code: 'IN_USE' } });
  },
  BUDGET,
);
