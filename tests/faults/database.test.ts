/**
 * A database file damaged behind the app's back — truncated, or a page overwritten — is refused
 * with a clear Chinese message pointing to the backups, never a crash; restoring the latest
 * backup from the command line brings the workspace back.
 */
import Database from 'better-sqlite3';
import { existsSync, openSync, closeSync, statSync, truncateSync, writeSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../electron/services/compose';
import { runCliJson } from '../support/cli';
import { openTestWorkspace, type TestWorkspace } from '../support/workspace';
import { dump, seed } from '../unit/workspace/support';

const open: TestWorkspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.cleanup();
});

/** A closed workspace with 40 people and a verified backup of exactly that state. */
async function backedUpWorkspace() {
  const ws = await openTestWorkspace();
  open.push(ws);
  await seed(ws, 40);
  const backup = await ws.call('backups.create', {});
  const contents = dump(ws.app.database.sqlite);
  ws.app.close();
  const file = ws.app.paths.dbFile;
  expect(existsSync(`${file}-wal`)).toBe(false); // closing checkpointed everything into the file
  return { ws, backup, contents, file };
}

const DAMAGES = {
  'truncated to half its size': (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2)),
  'with one page overwritten': (file: string) => {
    const pageSize = 4096;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, pageSize * 3);
    closeSync(fd);
  },
};

describe.each(Object.entries(DAMAGES))('a database file %s', (_label, damage) => {
  it('is refused on opening with a message naming the latest backup, and restored from it', async () => {
    const { ws, backup, contents, file } = await backedUpWorkspace();
    damage(file);

    const opening = openApp({ dataDir: ws.dir });
    await expect(opening).rejects.toThrow(/^数据库文件已损坏，无法打开/);
    await expect(opening).rejects.toThrow(backup.name);
    await expect(opening).rejects.toThrow('zhicheng workspace restore');

    const verify = await runCliJson('workspace', 'verify', '--data', ws.dir, '--json');
    expect(verify).toMatchObject({ code: 2, json: { ok: false, code: 'DATABASE_CORRUPT' } });

    const restore = await runCliJson('workspace', 'restore', '--data', ws.dir, '--latest', '--json');
    expect(restore).toMatchObject({ code: 0, json: { ok: true, from: backup.name } });
    const kept = (restore.json as { damagedFileKeptAs: string }).damagedFileKeptAs;
    expect(existsSync(kept)).toBe(true); // the damaged file is kept, not destroyed

    ws.app = await openApp({ dataDir: ws.dir, actor: 'test', startup: { integrityCheck: false } });
    expect(dump(ws.app.database.sqlite)).toEqual(contents);
    expect(await ws.app.invoke('integrity.check', {})).toMatchObject({ ok: true, value: { ok: true } });
  });
});

describe('a file that is not a database at all', () => {
  it('is refused with the same clear message', async () => {
    const { ws, file } = await backedUpWorkspace();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.from('这不是数据库'.repeat(20)), 0, undefined, 0);
    closeSync(fd);
    await expect(openApp({ dataDir: ws.dir })).rejects.toThrow(/^数据库文件已损坏/);
    const direct = new Database(file);
    expect(() => direct.prepare('SELECT 1 FROM employees').get()).toThrow();
    direct.close();
  });
});
