/**
 * kill -9 during a workspace export or import: the copies holding every 身份证号 do not stay in
 * the user's folder, the next start removes what the export left, and a retried import works.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS } from '../../db';
import { importWorkspace } from '../../electron/services/backup/archive';
import { openTestWorkspace, tempDir } from '../support/workspace';
import { seed } from '../unit/workspace/support';

const ROOT = resolve(import.meta.dirname, '../..');
const CHILD = join(import.meta.dirname, 'archiveChild.ts');

/** Runs the child and resolves with the signal that ended it (null when it finished). */
function runChild(...args: string[]): Promise<NodeJS.Signals | null> {
  return new Promise((done) => {
    const child = execFile(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: ROOT, timeout: 90_000 });
    child.on('exit', (_code, signal) => done(signal));
  });
}

const dir = tempDir('zhicheng-killed-archive-');

async function workspaceWithFiles(name: string): Promise<string> {
  const ws = await openTestWorkspace(join(dir, name));
  await seed(ws, 3);
  ws.app.close();
  return ws.dir;
}

it('an export killed mid-write leaves no copy in the chosen folder once the app starts again', async () => {
  const data = await workspaceWithFiles('export');
  const folder = join(dir, 'chosen-folder');
  mkdirSync(folder);
  expect(await runChild('export', data, folder, '3')).toBe('SIGKILL');
  // The kill came while the archive was being written: its temporary file is there now.
  expect(readdirSync(folder).some((n) => n.endsWith('.partial'))).toBe(true);
  expect(readdirSync(folder).filter((n) => n.endsWith('.sqlite'))).toEqual([]);

  const ws = await openTestWorkspace(data);
  ws.app.close();
  expect(readdirSync(folder)).toEqual([]);
  expect(readdirSync(data).filter((n) => n.startsWith('.export-'))).toEqual([]);
});

it('an import killed mid-write can be run again into the same folder', async () => {
  const data = await workspaceWithFiles('import-source');
  const ws = await openTestWorkspace(data);
  const archive = join(dir, 'moved.zip');
  renameSync((await ws.call('workspace.export', { folder: dir })).file, archive);
  ws.app.close();
  const target = join(dir, 'import-target');
  expect(await runChild('import', archive, target, '4')).toBe('SIGKILL');
  expect(readdirSync(target).some((n) => n.startsWith('.import-'))).toBe(true);

  const result = await importWorkspace(archive, target, DEFAULT_MIGRATIONS);
  expect(result.counts.people).toBe(3);
  expect(readdirSync(target).sort()).toEqual(['backups', 'library', 'zhicheng.sqlite']);
  expect(existsSync(join(target, 'zhicheng.sqlite'))).toBe(true);
});
