/**
 * Folders the user names, checked by `folders.check` on a real workspace and real folders: a
 * missing one, a file, a relative path, a watched folder inside the workspace and a folder that
 * cannot be written are each refused with a Chinese reason naming the path; `folders.pick` says
 * when the host has no native dialog (the web host, the CLI).
 */
import { chmodSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../electron/services/compose';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
let outside: string;
beforeAll(async () => {
  ws = await openTestWorkspace();
  outside = tempDir('zhicheng-folders-');
});
afterAll(() => {
  ws.cleanup();
  rmSync(outside, { recursive: true, force: true });
});

async function refusal(path: string, purpose: 'watch' | 'export' | 'backup' = 'watch'): Promise<string> {
  const answer = await ws.app.invoke('folders.check', { path, purpose });
  if (answer.ok) throw new Error(`「${path}」 was accepted`);
  expect(answer.error.code).toBe('BAD_INPUT');
  return answer.error.message;
}

describe('folders.check', () => {
  it('accepts a writable folder outside the workspace, as an absolute path, and leaves nothing in it', async () => {
    const scans = join(outside, '扫描');
    mkdirSync(scans);
    expect(await ws.call('folders.check', { path: `  ${scans}/  `, purpose: 'watch' })).toEqual({ path: scans });
    expect(await ws.call('folders.check', { path: scans, purpose: 'backup' })).toEqual({ path: scans });
    expect(readdirSync(scans)).toEqual([]);
  });

  it('refuses a missing folder, a file and a relative path, naming what was typed', async () => {
    const missing = join(outside, '没有这个文件夹');
    expect(await refusal(missing)).toBe(`文件夹「${missing}」不存在或无法访问`);
    const file = join(outside, '名单.xlsx');
    writeFileSync(file, 'x');
    expect(await refusal(file, 'export')).toBe(`「${file}」是一个文件，不是文件夹`);
    expect(await refusal('扫描')).toContain('「扫描」不是完整路径');
    expect(await refusal('   ')).toBe('请填写文件夹路径');
  });

  it('refuses watching a folder inside the workspace; kits and backups may go there, but not into the library', async () => {
    const inWorkspace = join(ws.dir, 'library');
    expect(await refusal(inWorkspace)).toBe(`「${inWorkspace}」在本应用的工作区之内，不能作为监视文件夹`);
    expect(await refusal(ws.dir)).toContain('工作区之内');
    // Kits and backups may go inside the workspace, but not among its library's files.
    const exports = join(ws.dir, 'exports');
    mkdirSync(exports);
    expect(await ws.call('folders.check', { path: exports, purpose: 'export' })).toEqual({ path: exports });
    expect(await refusal(inWorkspace, 'export')).toContain('在工作区的文档库之内，不能存放导出的材料包');
    expect(await refusal(inWorkspace, 'backup')).toContain('在工作区的文档库之内，不能存放备份');
  });

  // Permissions do not bind root: where the tests run as root, a read-only folder cannot be made this way.
  it.skipIf(process.getuid?.() === 0)('refuses a folder that cannot be written', async () => {
    const locked = join(outside, '只读');
    mkdirSync(locked);
    chmodSync(locked, 0o555);
    try {
      expect(await refusal(locked, 'backup')).toBe(`文件夹「${locked}」不能写入（只读或没有权限）`);
    } finally {
      chmodSync(locked, 0o755);
    }
  });
});

describe('folders.pick', () => {
  it('says there is no picker where the host has none', async () => {
    expect(await ws.call('folders.pick', { purpose: 'watch' })).toEqual({ available: false, path: null });
  });

  it('answers the folder the host’s dialog returned, or null when cancelled', async () => {
    const asked: Array<{ title: string; defaultPath?: string }> = [];
    let answer: string | null = outside;
    const dir = tempDir();
    const app = await openApp({
      dataDir: dir,
      pickFolder: async (request) => (asked.push(request), answer),
      startup: { dailyBackup: false, integrityCheck: false },
    });
    try {
      expect(await app.invoke('folders.pick', { purpose: 'backup', current: '/srv' })).toEqual({
        ok: true,
        value: { available: true, path: outside },
      });
      answer = null;
      expect(await app.invoke('folders.pick', { purpose: 'watch' })).toEqual({
        ok: true,
        value: { available: true, path: null },
      });
      expect(asked).toEqual([
        { title: '选择备份位置', defaultPath: '/srv' },
        { title: '选择要监视的扫描文件夹', defaultPath: undefined },
      ]);
    } finally {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
