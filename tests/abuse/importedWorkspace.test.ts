/**
 * An imported archive or a restored backup is data, not instructions: a library path in it that
 * points outside the library is refused, and watched folders it brings stay off until the user
 * turns them on. A database changed behind the app's back cannot make it read or move files
 * outside the library either.
 */
import Database from 'better-sqlite3';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS } from '../../db';
import { exportWorkspace, importWorkspace } from '../../electron/services/backup/archive';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../support/workspace';
import { seed } from '../unit/workspace/support';

const dir = tempDir('zhicheng-imported-');
const victim = join(dir, 'victim');
const secret = join(victim, 'secret.txt');
let archive: string;

beforeAll(async () => {
  mkdirSync(victim);
  writeFileSync(secret, 'someone else’s file');
  const ws = await openTestWorkspace(join(dir, 'source'));
  await seed(ws, 1);
  archive = (
    await exportWorkspace({
      sqlite: ws.app.database.sqlite,
      libraryDir: ws.app.paths.libraryDir,
      out: join(dir, 'source.zip'),
      appVersion: 'test',
      migrationsFolder: DEFAULT_MIGRATIONS,
    })
  ).file;
  ws.app.close();
});

/** Rewrites the archive's database with `sql` and recomputes its manifest, as an attacker would. */
function tampered(name: string, sql: string): string {
  const entries = unzipSync(readFileSync(archive));
  const dbFile = join(dir, `${name}.sqlite`);
  writeFileSync(dbFile, entries['zhicheng.sqlite']!);
  const db = new Database(dbFile);
  db.exec(sql);
  db.pragma('journal_mode = DELETE');
  db.close();
  const bytes = readFileSync(dbFile);
  const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as {
    files: Array<{ path: string; bytes: number; sha256: string }>;
  };
  const entry = manifest.files.find((f) => f.path === 'zhicheng.sqlite')!;
  entry.bytes = bytes.length;
  entry.sha256 = createHash('sha256').update(bytes).digest('hex');
  const out = join(dir, `${name}.zip`);
  writeFileSync(
    out,
    zipSync({
      ...entries,
      'zhicheng.sqlite': new Uint8Array(bytes),
      'manifest.json': strToU8(JSON.stringify(manifest)),
    }),
  );
  return out;
}

const plantFolder = (path: string) =>
  `INSERT INTO watched_folders (path, after_filing, delete_after_days, enabled, created_at, updated_at)
   VALUES ('${path}', 'delete', 0, 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
   INSERT INTO settings (key, value, updated_at) VALUES ('kits.exportDirs', '["${path}"]', '2025-01-01T00:00:00Z');
   INSERT INTO settings (key, value, updated_at) VALUES ('kits.lastFolder', '"${path}"', '2025-01-01T00:00:00Z');`;

describe('workspace import', () => {
  it('refuses an archive whose document points outside the library, and leaves the target empty', async () => {
    const planted = tampered('escape', `UPDATE documents SET stored_path = '../../victim/secret.txt' WHERE id = 1`);
    const target = join(dir, 'escape-target');
    await expect(importWorkspace(planted, target, DEFAULT_MIGRATIONS)).rejects.toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('../../victim/secret.txt'),
    });
    expect(readdirSync(target)).toEqual([]);
  });

  it('keeps a watched folder from the archive off, says so, and forgets remembered export folders', async () => {
    const planted = tampered('folder', plantFolder(victim));
    const target = join(dir, 'folder-target');
    const result = await importWorkspace(planted, target, DEFAULT_MIGRATIONS);
    expect(result.notice).toContain('1 个监视文件夹已关闭');
    const ws = await openTestWorkspace(target);
    try {
      expect(await ws.call('inbox.folders.list', {})).toMatchObject([{ path: victim, enabled: false }]);
      expect(ws.app.services.repos.settings.get('kits.exportDirs')).toBeUndefined();
      expect(await ws.call('kits.exportFolder', {})).toMatchObject({ folder: null });
      expect(existsSync(secret)).toBe(true);
    } finally {
      ws.app.close();
    }
  });
});

describe('a database that points outside the library', () => {
  let ws: TestWorkspace;
  let personId: number;
  beforeAll(async () => {
    ws = await openTestWorkspace(join(dir, 'live'));
    personId = (await seed(ws, 1))[0]!.id;
    // As a restored backup or an old import could have left it.
    ws.app.database.sqlite.prepare(`UPDATE documents SET stored_path = ? WHERE id = 1`).run('../../victim/secret.txt');
  });
  afterAll(() => ws.app.close());

  it('is not read, repaired into the workspace, or moved away when its person is deleted', async () => {
    const file = await ws.app.invoke('documents.file', { id: 1 });
    expect(file).toMatchObject({ ok: false, error: { code: 'REFUSED' } });
    expect(JSON.stringify(file)).not.toContain(Buffer.from('someone else’s file').toString('base64'));
    await ws.call('integrity.check', {});
    await ws.call('integrity.repair', {});
    expect(readFileSync(secret, 'utf8')).toBe('someone else’s file');
    await ws.call('people.delete', { id: personId });
    expect(readFileSync(secret, 'utf8')).toBe('someone else’s file');
  });
});

describe('backup restore', () => {
  it('refuses a backup whose document points outside the library, and keeps a folder it brings off', async () => {
    const ws = await openTestWorkspace(join(dir, 'restore'));
    try {
      await seed(ws, 1);
      const backup = await ws.call('backups.create', {});
      const file = join(ws.app.paths.backupsDir, backup.name);
      const db = new Database(file);
      db.prepare(`UPDATE documents SET stored_path = ? WHERE id = 1`).run('../../victim/secret.txt');
      db.close();
      const refused = await ws.app.invoke('backups.restore', { name: backup.name });
      expect(refused).toMatchObject({ ok: false, error: { code: 'REFUSED' } });

      const planted = await ws.call('backups.create', {});
      const plantedDb = new Database(join(ws.app.paths.backupsDir, planted.name));
      plantedDb.exec(plantFolder(victim));
      plantedDb.close();
      const restored = await ws.call('backups.restore', { name: planted.name });
      expect(restored.notice).toContain('1 个监视文件夹已关闭');
      expect(await ws.call('inbox.folders.list', {})).toMatchObject([{ path: victim, enabled: false }]);
    } finally {
      ws.app.close();
    }
  });
});
