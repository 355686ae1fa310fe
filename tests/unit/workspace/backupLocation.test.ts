/**
 * Backups in a folder the user chose outside the workspace (another disk, a network drive): made
 * there, listed with the ones already in the workspace's own folder, restored from, named when the
 * database cannot be opened, found by the CLI; a folder inside the library refused; a location out
 * of reach; an imported workspace that does not bring one.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/services/compose';
import { runCliJson } from '../../support/cli';
import { importWorkspace } from '../../../electron/services/backup/archive';
import { heldFilesDir } from '../../../electron/services/backup/heldFiles';
import { LOCATION_FILE } from '../../../electron/services/backup/backupLocation';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../../support/workspace';
import { documentBytes, dump, seed } from './support';

const open: TestWorkspace[] = [];
const folders: string[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.cleanup();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});
async function workspace(dir?: string) {
  const ws = await openTestWorkspace(dir);
  open.push(ws);
  return ws;
}
/** A folder outside every workspace, standing in for another disk or a network drive. */
function elsewhere(): string {
  const dir = tempDir('zhicheng-nas-');
  folders.push(dir);
  return dir;
}

describe('a backup location outside the workspace', () => {
  it('gets the new backups, lists them with the earlier ones, restores from them, and is named when the database is damaged', async () => {
    const ws = await workspace();
    const people = await seed(ws, 2);
    const earlier = await ws.call('backups.create', {});
    expect(earlier.dir).toBe(ws.app.paths.backupsDir);

    const nas = elsewhere();
    const location = await ws.call('backups.setLocation', { folder: nas });
    expect(location.folder).toBe(nas);
    expect(dirname(location.dir)).toBe(nas);
    const made = await ws.call('backups.create', {});
    expect(made.dir).toBe(location.dir);
    expect(existsSync(join(location.dir, made.name))).toBe(true);
    expect(existsSync(join(ws.app.paths.backupsDir, made.name))).toBe(false);

    const listed = await ws.call('backups.list', {});
    expect(listed).toMatchObject({ dir: location.dir, folder: nas, reachable: true });
    expect(listed.backups.map((b) => [b.name, b.dir])).toEqual([
      [made.name, location.dir],
      [earlier.name, ws.app.paths.backupsDir],
    ]);

    // Changed after the backup, then restored from the one in the chosen folder.
    const before = dump(ws.app.database.sqlite);
    await ws.call('people.save', { id: people[0]!.id, name: '改过的名字', idNumber: people[0]!.idNumber });
    await seed(ws, 1, '后');
    const restored = await ws.call('backups.restore', { name: made.name });
    expect(dump(ws.app.database.sqlite)).toEqual(before);
    expect(restored.safety.dir).toBe(location.dir);

    // The database damaged: the refusal names the newest sound backup and the folder it is in.
    ws.app.close();
    truncateSync(ws.app.paths.dbFile, Math.floor(statSync(ws.app.paths.dbFile).size / 2));
    const opening = openApp({ dataDir: ws.dir, startup: { integrityCheck: false } });
    await expect(opening).rejects.toThrow(/^数据库文件已损坏，无法打开/);
    await expect(opening).rejects.toThrow(`「${restored.safety.name}」（在「${location.dir}」中）`);

    // The CLI finds them in both folders, without the database, and restores the latest.
    const shown = await runCliJson('workspace', 'backups', '--data', ws.dir, '--json');
    expect(shown.code).toBe(0);
    expect(shown.json).toMatchObject({ ok: true, dir: location.dir, dirs: [location.dir, ws.app.paths.backupsDir] });
    expect((shown.json['backups'] as Array<{ name: string }>).map((b) => b.name)).toEqual([
      restored.safety.name,
      made.name,
      earlier.name,
    ]);
    const cli = await runCliJson('workspace', 'restore', '--data', ws.dir, '--latest', '--json');
    expect(cli).toMatchObject({ code: 0, json: { ok: true, from: restored.safety.name } });
    ws.app = await openApp({ dataDir: ws.dir, actor: 'test', startup: { integrityCheck: false } });
    expect(await ws.app.invoke('people.list', {})).toMatchObject({ value: { total: 3 } });
  });

  it('brings a deleted person’s files back from a backup in the chosen folder', async () => {
    const ws = await workspace();
    await ws.call('backups.setLocation', { folder: elsewhere() });
    const people = await seed(ws, 2);
    const bytes = documentBytes(ws.app.database.sqlite, ws.app.paths.libraryDir);
    const backup = await ws.call('backups.create', {});
    await ws.call('people.delete', { id: people[0]!.id });
    // Held beside the workspace's own backups, whatever the chosen location.
    const held = heldFilesDir(ws.app.paths.backupsDir);
    expect(readdirSync(held, { recursive: true }).some((p) => String(p).endsWith('.pdf'))).toBe(true);
    const restored = await ws.call('backups.restore', { name: backup.name });
    expect(restored.missingFiles).toBe(0);
    expect(documentBytes(ws.app.database.sqlite, ws.app.paths.libraryDir)).toEqual(bytes);
  });

  it('refuses a folder inside the library or among the held files, or not a full path, in Chinese', async () => {
    const ws = await workspace();
    const inLibrary = join(ws.app.paths.libraryDir, '备份');
    mkdirSync(inLibrary);
    for (const folder of [inLibrary, ws.app.paths.libraryDir]) {
      const refused = await ws.app.invoke('backups.setLocation', { folder });
      expect(refused).toEqual({
        ok: false,
        error: { code: 'BAD_INPUT', message: `「${folder}」在工作区的文档库之内，不能存放备份，请换一个文件夹` },
      });
      // The field's own check says the same before anything is saved.
      expect(await ws.app.invoke('folders.check', { path: folder, purpose: 'backup' })).toEqual(refused);
    }
    const held = join(ws.app.paths.backupsDir, 'deleted-files');
    mkdirSync(held, { recursive: true });
    expect(await ws.app.invoke('backups.setLocation', { folder: held })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('在工作区的备份文件夹之内') },
    });
    expect(await ws.app.invoke('backups.setLocation', { folder: '备份' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining('「备份」不是完整路径') },
    });
    expect(existsSync(join(ws.dir, LOCATION_FILE))).toBe(false);
    expect((await ws.call('backups.list', {})).folder).toBeNull();
    // The workspace's own backups folder itself is the default.
    expect(await ws.call('backups.setLocation', { folder: ws.app.paths.backupsDir })).toEqual({
      folder: null,
      dir: ws.app.paths.backupsDir,
    });
  });

  it('out of reach: 立即备份 refuses naming it, the daily backup goes to the workspace’s own folder', async () => {
    const ws = await workspace();
    await seed(ws, 1);
    const nas = elsewhere();
    await ws.call('backups.setLocation', { folder: nas });
    rmSync(nas, { recursive: true }); // the network drive disconnected
    expect(await ws.app.invoke('backups.create', {})).toEqual({
      ok: false,
      error: { code: 'REFUSED', message: expect.stringContaining(`备份位置「${nas}」现在无法访问`) },
    });
    expect((await ws.call('backups.list', {})).reachable).toBe(false);
    ws.app.close();
    ws.app = await openApp({ dataDir: ws.dir, actor: 'test', startup: { integrityCheck: false } });
    const [daily] = (await ws.call('backups.list', {})).backups;
    expect(daily).toMatchObject({ kind: 'daily', dir: ws.app.paths.backupsDir, verified: true });
  });

  it('going back to the workspace’s own folder still lists the backups made in the chosen one', async () => {
    const ws = await workspace();
    await seed(ws, 1);
    const nas = elsewhere();
    await ws.call('backups.setLocation', { folder: nas });
    const there = await ws.call('backups.create', {});
    const back = await ws.call('backups.setLocation', { folder: null });
    expect(back).toEqual({ folder: null, dir: ws.app.paths.backupsDir });
    const here = await ws.call('backups.create', {});
    expect(here.dir).toBe(ws.app.paths.backupsDir);
    // Chosen again: the same folder of this workspace's inside it, with its backups.
    const again = await ws.call('backups.setLocation', { folder: nas });
    expect(again.dir).toBe(there.dir);
    expect((await ws.call('backups.list', {})).backups.map((b) => b.name)).toEqual([here.name, there.name]);
  });

  it('a backup or restore cut short leaves no copy of the database there or at home after the next start', async () => {
    const ws = await workspace();
    await seed(ws, 1);
    const { dir } = await ws.call('backups.setLocation', { folder: elsewhere() });
    const kept = await ws.call('backups.create', {});
    const scratch = [
      join(dir, '.0badc0de.partial'),
      join(ws.app.paths.backupsDir, '.0badc0de.partial'),
      join(ws.app.paths.backupsDir, '.restore-0badc0de.sqlite'),
    ];
    for (const file of scratch) copyFileSync(ws.app.paths.dbFile, file);
    ws.app.close();
    ws.app = await openApp({ dataDir: ws.dir, actor: 'test', startup: { integrityCheck: false } });
    for (const file of scratch) expect(existsSync(file)).toBe(false);
    expect(existsSync(join(dir, kept.name))).toBe(true);
  });
});

describe('an imported workspace', () => {
  it('does not bring the backup location of the one it came from', async () => {
    const ws = await workspace();
    await seed(ws, 1);
    await ws.call('backups.setLocation', { folder: elsewhere() });
    const archive = await ws.call('workspace.export', { folder: elsewhere() });
    const target = join(elsewhere(), '导入的工作区');
    await importWorkspace(archive.file, target, ws.app.database.migrationsFolder);
    expect(existsSync(join(target, LOCATION_FILE))).toBe(false);
    const imported = await workspace(target);
    expect(await imported.call('backups.list', {})).toMatchObject({ folder: null, dir: imported.app.paths.backupsDir });
    expect((await imported.call('backups.create', {})).dir).toBe(imported.app.paths.backupsDir);
  });
});
