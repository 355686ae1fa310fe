/**
 * A read-only workspace: the app must not half-write anything, and must say what is wrong. As
 * root (CI) chmod does not stop writes, so the child runs as the unprivileged `nobody` (setpriv).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePeople, makeIdNumber, rosterRows, xlsxBytes } from '../support/people';
import { openTestWorkspace, tempDir } from '../support/workspace';
import { randomPdf, rosterFixture } from './fixtures';
import { HAN, inspectWorkspace, ROOT, runChild, type ChildOptions } from './support';

const NOBODY = { uid: 65534, gid: 65534 };
const asRoot = process.getuid?.() === 0;
const asUnprivileged: ChildOptions = asRoot ? { user: NOBODY } : {};
// As root the child runs as nobody, who must be able to read the checkout (a clone under a 0700
// home cannot be): then these tests cannot run, and say why instead of failing for the wrong reason.
const nobodyCanRead =
  !asRoot ||
  spawnSync('setpriv', [
    '--reuid=65534',
    '--regid=65534',
    '--clear-groups',
    'test',
    '-r',
    join(ROOT, 'node_modules/tsx/package.json'),
  ]).status === 0;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) {
    chmodTree(dir, 0o755, 0o644);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Sets every folder and file under `dir` (and `dir`) to the given modes. */
function chmodTree(dir: string, dirMode: number, fileMode: number): void {
  chmodSync(dir, dirMode);
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    chmodSync(path, statSync(path).isDirectory() ? dirMode : fileMode);
  }
}

describe.skipIf(!nobodyCanRead)('a read-only workspace (skipped: user nobody cannot read the checkout)', () => {
  it('is refused at opening with a Chinese message, and left exactly as it was', async () => {
    const { dataDir, file } = await rosterFixture(10);
    dirs.push(dataDir);
    rmSync(file);
    const folder = tempDir('zhicheng-fault-roster-');
    dirs.push(folder);
    chmodSync(folder, 0o755);
    const roster = join(folder, '名单.xlsx');
    writeFileSync(roster, await xlsxBytes(rosterRows(generatePeople(10, 5))), { mode: 0o644 });
    chmodTree(dataDir, 0o555, 0o444);
    const before = readdirSync(dataDir, { recursive: true }).sort();

    const run = await runChild('roster', dataDir, { file: roster }, asUnprivileged);
    expect(run.answer, run.stderr).toMatchObject({ ok: false });
    const message = run.answer!.message ?? run.answer!.error!.message;
    expect(message).toMatch(HAN);
    expect(message).toMatch(/只读|写入权限/);
    expect(readdirSync(dataDir, { recursive: true }).sort()).toEqual(before);
    chmodTree(dataDir, 0o755, 0o644);
    expect(inspectWorkspace(dataDir)).toMatchObject({ integrity: 'ok', people: 0 });
  });

  it('with a read-only library: filing is refused with a Chinese message, no row is written', async () => {
    const ws = await openTestWorkspace();
    await ws.call('people.save', { name: '张三', idNumber: makeIdNumber('320102', '1990-01-01', 7) });
    ws.app.close();
    dirs.push(ws.dir);
    const folder = tempDir('zhicheng-fault-doc-');
    dirs.push(folder);
    chmodSync(folder, 0o755);
    const file = join(folder, '毕业证书.pdf');
    writeFileSync(file, await randomPdf('zs', 20_000));
    chmodSync(file, 0o644);
    // The database stays writable by the child; the library folder does not.
    chmodTree(ws.dir, 0o777, 0o666);
    chmodTree(join(ws.dir, 'library'), 0o555, 0o444);

    const run = await runChild('document', ws.dir, { file }, asUnprivileged);
    expect(run.answer, run.stderr).toMatchObject({
      ok: false,
      error: { code: 'REFUSED', message: expect.stringMatching(/^没有写入权限/) },
    });
    const state = inspectWorkspace(ws.dir);
    expect(state).toMatchObject({ integrity: 'ok', documents: [], libraryFiles: [] });
  });
});
