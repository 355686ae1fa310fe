import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { backupsToKeep } from '../../../electron/services/backup/rotation';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';
import { documentBytes, dump, seed } from './support';

const open: TestWorkspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.cleanup();
});
async function workspace() {
  const ws = await openTestWorkspace();
  open.push(ws);
  return ws;
}

const at = (day: string, time = '09:00') => new Date(`${day}T${time}:00`);
const localDay = (iso: string) => {
  const d = new Date(iso);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe('backup rotation', () => {
  it('keeps the newest of the last 7 days and of the last 4 weeks, whatever else was made', () => {
    const backups: Array<{ name: string; createdAt: string }> = [];
    // One backup a day from Monday 3 March to Friday 11 April 2025, two on some days.
    for (let d = 0; d < 40; d++) {
      const day = new Date(2025, 2, 3 + d, 9);
      backups.push({ name: `a${d}`, createdAt: day.toISOString() });
      if (d % 5 === 0) backups.push({ name: `b${d}`, createdAt: new Date(day.getTime() + 3_600_000).toISOString() });
    }
    const kept = backupsToKeep(backups, new Date(2025, 3, 11, 18));
    const days = [...kept].map((name) => localDay(backups.find((b) => b.name === name)!.createdAt)).sort();
    expect(days).toEqual([
      '2025-03-23', // Sunday: the newest of the week of 17 March
      '2025-03-30', // Sunday: the newest of the week of 24 March
      '2025-04-05',
      '2025-04-06',
      '2025-04-07',
      '2025-04-08',
      '2025-04-09',
      '2025-04-10',
      '2025-04-11',
    ]);
    // Of a day with two backups, the later one is kept.
    expect(kept.has('b35')).toBe(true);
    expect(kept.has('a35')).toBe(false);
  });

  it('keeps every backup made today', () => {
    const today = [at('2025-04-11', '08:00'), at('2025-04-11', '09:00'), at('2025-04-11', '10:00')];
    const kept = backupsToKeep(
      today.map((d, i) => ({ name: `t${i}`, createdAt: d.toISOString() })),
      at('2025-04-11', '12:00'),
    );
    expect(kept.size).toBe(3);
  });

  it('rotates the workspace’s backup files as the days pass, keeping 7 daily and 4 weekly', async () => {
    const ws = await workspace();
    await seed(ws, 1);
    let clock = at('2025-03-03');
    const backups = ws.app.services.backups;
    // The app's own clock is not injectable after opening: drive a second service on the same file.
    const { createBackupService } = await import('../../../electron/services/backup/backupService');
    const dated = createBackupService({
      sqlite: ws.app.database.sqlite,
      backupsDir: ws.app.paths.backupsDir,
      libraryDir: ws.app.paths.libraryDir,
      migrationsFolder: ws.app.database.migrationsFolder,
      now: () => clock,
    });
    for (let d = 0; d < 40; d++) {
      clock = new Date(2025, 2, 3 + d, 9);
      expect(await dated.dailyIfDue()).not.toBeNull();
      expect(await dated.dailyIfDue()).toBeNull(); // once a day
    }
    const list = backups.list();
    expect(list).toHaveLength(9);
    expect(list.every((b) => b.verified && b.kind === 'daily' && b.counts.people === 1)).toBe(true);
    expect(list.map((b) => localDay(b.createdAt))).toContain('2025-03-23');
  });
});

describe('backups', () => {
  it('makes a verified, self-contained copy with its counts, while the workspace stays open', async () => {
    const ws = await workspace();
    await seed(ws, 3);
    const backup = await ws.call('backups.create', {});
    expect(backup).toMatchObject({ kind: 'manual', verified: true, problems: [] });
    expect(backup.counts).toEqual({ people: 3, documents: 6, batches: 1 });
    const file = `${ws.app.paths.backupsDir}/${backup.name}`;
    expect(existsSync(`${file}-wal`)).toBe(false);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(dump(copy)).toEqual(dump(ws.app.database.sqlite));
    copy.close();
    const listed = await ws.call('backups.list', {});
    expect(listed.backups.map((b) => b.name)).toEqual([backup.name]);
  });

  it('backs up once a day on start-up, but not a workspace just created', async () => {
    const ws = await workspace();
    expect((await ws.call('backups.list', {})).backups).toEqual([]);
    await seed(ws, 1);
    ws.app.close();
    const { openApp } = await import('../../../electron/services/compose');
    const again = await openApp({ dataDir: ws.dir, startup: { integrityCheck: false } });
    expect(again.services.backups.list().map((b) => b.kind)).toEqual(['daily']);
    again.close();
    const third = await openApp({ dataDir: ws.dir, startup: { integrityCheck: false } });
    expect(third.services.backups.list()).toHaveLength(1);
    ws.app = third;
  });
});

describe('restore', () => {
  it('brings back the backed-up rows exactly, with byte-identical documents, and keeps the state it replaced', async () => {
    const ws = await workspace();
    const { sqlite } = ws.app.database;
    const people = await seed(ws, 3);
    const before = dump(sqlite);
    const bytesBefore = documentBytes(sqlite, ws.app.paths.libraryDir);
    const backup = await ws.call('backups.create', {});

    // Changes after the backup: one person renamed, one deleted, new people and documents.
    await ws.call('people.save', { id: people[0]!.id, name: '改过的名字', idNumber: people[0]!.idNumber });
    await ws.call('people.delete', { id: people[1]!.id });
    await seed(ws, 2, '新');
    const changed = dump(sqlite);
    expect(changed).not.toEqual(before);

    const result = await ws.call('backups.restore', { name: backup.name });
    expect(result.from.name).toBe(backup.name);
    expect(result.safety.kind).toBe('pre-restore');
    expect(result.missingFiles).toBe(0);
    expect(dump(sqlite)).toEqual(before);
    expect(documentBytes(sqlite, ws.app.paths.libraryDir)).toEqual(bytesBefore);
    // The same App answers on: services kept their connection.
    expect((await ws.call('people.list', {})).total).toBe(3);

    // The state that was replaced is itself a backup: restoring it undoes the restore.
    await ws.call('backups.restore', { name: result.safety.name });
    expect(dump(sqlite)).toEqual(changed);
    expect((await ws.call('backups.list', {})).lastRestore?.from.name).toBe(result.safety.name);
  });

  it('refuses a backup from a newer schema, and a damaged one, changing nothing', async () => {
    const ws = await workspace();
    await seed(ws, 1);
    const backup = await ws.call('backups.create', {});
    const file = `${ws.app.paths.backupsDir}/${backup.name}`;
    const future = new Database(file);
    future.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', Date.now());
    future.close();
    await seed(ws, 2, '后');
    const before = dump(ws.app.database.sqlite);

    const refused = await ws.app.invoke('backups.restore', { name: backup.name });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'REFUSED', message: expect.stringContaining('该备份来自更新版本的程序') },
    });
    expect(dump(ws.app.database.sqlite)).toEqual(before);

    const missing = await ws.app.invoke('backups.restore', { name: '../zhicheng.sqlite' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('restores a backup made before a migration by migrating a copy of it first', async () => {
    const ws = await workspace();
    await seed(ws, 2);
    const backup = await ws.call('backups.create', {});
    const file = `${ws.app.paths.backupsDir}/${backup.name}`;
    // Make the backup look like the schema before the last migration (0002_reading): forget it,
    // its tables and its columns.
    const old = new Database(file);
    old.exec('DROP TABLE record_suggestions; DROP TABLE document_text');
    for (const table of ['educations', 'titles', 'assessments', 'continuing_education'])
      old.exec(`ALTER TABLE ${table} DROP COLUMN document_id`);
    old.exec('ALTER TABLE documents DROP COLUMN verification_code');
    old.exec('ALTER TABLE inbox_files DROP COLUMN engine_runs; ALTER TABLE inbox_files DROP COLUMN reading');
    old.exec('DELETE FROM __drizzle_migrations WHERE created_at = (SELECT max(created_at) FROM __drizzle_migrations)');
    old.close();
    const { rmSync } = await import('node:fs');
    rmSync(`${file}.json`);
    await seed(ws, 1, '后');
    const result = await ws.call('backups.restore', { name: backup.name });
    expect(result.from.schemaVersion).toBe(ws.app.services.backups.schemaVersion - 1);
    expect((await ws.call('people.list', {})).total).toBe(2);
  });
});
