/**
 * Where the page sends the upload kits: a folder the user names (checked again on the main side,
 * never among the workspace's library or backups, the chosen backup location included), else
 * the workspace's exports folder; the last one is offered next time, and forgotten when the
 * database comes from a backup or an archive.
 */
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
let batchId: number;
const folders: string[] = [];
const folder = () => {
  const dir = tempDir('zhicheng-kit-folder-');
  folders.push(dir);
  return dir;
};
beforeEach(async () => {
  ws = await openTestWorkspace();
  const { person } = await ws.call('people.save', {
    name: '周导出',
    idNumber: makeIdNumber('320102', '1995-01-01', 21),
    workStartedOn: '2022-07-01',
  });
  const batch = await ws.call('batches.save', { name: '2026年初定', type: '初定', deadline: '2026-12-31' });
  await ws.call('batches.addPeople', {
    batchId: batch.id,
    people: [{ personId: person.id, targetLevel: '助理级', specialty: '工程/电子信息/通信工程' }],
  });
  batchId = batch.id;
});
afterEach(() => {
  ws.cleanup();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('puts the kits in a folder of the batch’s own inside the chosen folder, and offers it next time', async () => {
  expect(await ws.call('kits.exportFolder', {})).toEqual({ folder: null, defaultDir: join(ws.dir, 'exports') });
  const chosen = folder();
  const result = await ws.call('kits.export', { batchId, folder: chosen });
  expect(dirname(result.out)).toBe(chosen);
  expect(basename(result.out)).toMatch(new RegExp(`^批次${batchId}_\\d{8}T\\d{6}$`));
  expect(readdirSync(result.out).sort()).toEqual(['001_周导出', result.summaryFile].sort());
  expect(await ws.call('kits.exportFolder', {})).toMatchObject({ folder: chosen });

  // Left empty: the workspace's exports folder, and nothing remembered.
  const inWorkspace = await ws.call('kits.export', { batchId });
  expect(dirname(inWorkspace.out)).toBe(join(ws.dir, 'exports'));
  expect((await ws.call('kits.exportFolder', {})).folder).toBeNull();
});

it('refuses a folder in the library, in either backup folder, or not a full path, writing nothing', async () => {
  const nas = folder();
  const { dir: chosenBackups } = await ws.call('backups.setLocation', { folder: nas });
  mkdirSync(chosenBackups, { recursive: true });
  const refusals: Array<[string, string]> = [
    [ws.app.paths.libraryDir, '在工作区的文档库之内，不能存放导出的材料包'],
    [ws.app.paths.backupsDir, '在备份文件夹之内，不能存放导出的材料包'],
    [chosenBackups, '在备份文件夹之内，不能存放导出的材料包'],
    ['exports', '「exports」不是完整路径'],
  ];
  for (const [where, message] of refusals) {
    expect(await ws.app.invoke('kits.export', { batchId, folder: where })).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringContaining(message) },
    });
  }
  expect(readdirSync(chosenBackups)).toEqual([]);
  expect(existsSync(join(ws.dir, 'exports'))).toBe(false);
  // The service refuses the chosen backup folder too, for the CLI's --out.
  await expect(ws.app.services.kits.export({ batchId, outDir: join(chosenBackups, 'kits') })).rejects.toMatchObject({
    code: 'BAD_INPUT',
    message: expect.stringContaining('不能导出到工作区的文档库或备份文件夹里'),
  });
});

it('a restored backup forgets the folder remembered in it', async () => {
  const chosen = folder();
  await ws.call('kits.export', { batchId, folder: chosen });
  const backup = await ws.call('backups.create', {});
  await ws.call('backups.restore', { name: backup.name });
  expect((await ws.call('kits.exportFolder', {})).folder).toBeNull();
});
