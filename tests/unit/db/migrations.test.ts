import Database from 'better-sqlite3';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db';
import { tempDir } from '../../support/workspace';

const dirs: string[] = [];
const fresh = () => {
  const dir = tempDir();
  dirs.push(dir);
  return { file: join(dir, 'test.sqlite'), backupDir: join(dir, 'backups') };
};
afterEach(async () => {
  const { rmSync } = await import('node:fs');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const tables = (sqlite: Database.Database) =>
  (
    sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as Array<{ name: string }>
  ).map((r) => r.name);

describe('opening a workspace database', () => {
  it('creates the whole domain from an empty file, with WAL and foreign keys on', async () => {
    const opened = await openDatabase(fresh());
    expect(tables(opened.sqlite)).toEqual([
      '__drizzle_migrations',
      'assessments',
      'audit_log',
      'batches',
      'continuing_education',
      'declaration_status_history',
      'declarations',
      'document_text',
      'document_text_config',
      'document_text_content',
      'document_text_data',
      'document_text_docsize',
      'document_text_idx',
      'documents',
      'educations',
      'employees',
      'inbox_events',
      'inbox_files',
      'record_suggestions',
      'settings',
      'titles',
      'units',
      'watched_folders',
      'work_history',
    ]);
    expect(opened.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(opened.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(opened.sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(opened.backupFile).toBeNull();
    opened.close();
  });

  it('opens again without migrating or backing up', async () => {
    const paths = fresh();
    (await openDatabase(paths)).close();
    const again = await openDatabase(paths);
    expect(again.backupFile).toBeNull();
    expect(existsSync(paths.backupDir) ? readdirSync(paths.backupDir) : []).toEqual([]);
    again.close();
  });

  it('backs the file up before migrating a database that already holds data', async () => {
    const paths = fresh();
    const legacy = new Database(paths.file);
    legacy.exec("CREATE TABLE legacy_notes (text TEXT); INSERT INTO legacy_notes VALUES ('保留我')");
    legacy.close();
    const opened = await openDatabase(paths);
    expect(opened.backupFile).not.toBeNull();
    const backup = new Database(opened.backupFile!, { readonly: true });
    expect(backup.prepare('SELECT text FROM legacy_notes').get()).toEqual({ text: '保留我' });
    expect(tables(backup)).not.toContain('employees');
    backup.close();
    expect(tables(opened.sqlite)).toContain('employees');
    opened.close();
  });

  it('refuses a database written by a newer version of the app', async () => {
    const paths = fresh();
    const opened = await openDatabase(paths);
    opened.sqlite
      .prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
      .run('future', Date.now());
    opened.close();
    await expect(openDatabase(paths)).rejects.toThrow('更新版本');
  });

  it('cascades a person’s records when the person is deleted', async () => {
    const opened = await openDatabase(fresh());
    const { sqlite } = opened;
    sqlite
      .prepare(
        "INSERT INTO employees (name, id_number, gender, birth_date) VALUES ('张三', '11010519491231002X', '女', '1949-12-31')",
      )
      .run();
    sqlite.prepare("INSERT INTO educations (employee_id, level) VALUES (1, '本科')").run();
    sqlite.prepare("INSERT INTO assessments (employee_id, year, result) VALUES (1, 2024, '合格')").run();
    expect(() =>
      sqlite.prepare("INSERT INTO assessments (employee_id, year, result) VALUES (1, 2024, '优秀')").run(),
    ).toThrow(/UNIQUE/);
    expect(() => sqlite.prepare("INSERT INTO educations (employee_id, level) VALUES (99, '本科')").run()).toThrow(
      /FOREIGN KEY/,
    );
    sqlite.prepare('DELETE FROM employees WHERE id = 1').run();
    expect(sqlite.prepare('SELECT count(*) AS n FROM educations').get()).toEqual({ n: 0 });
    opened.close();
  });
});

describe('one process per workspace', () => {
  it('refuses a second opener with a clear message while the first holds the workspace', async () => {
    const paths = fresh();
    const first = await openDatabase(paths);
    const started = Date.now();
    await expect(openDatabase(paths)).rejects.toThrow('正被另一个职称申报工作台');
    expect(Date.now() - started).toBeLessThan(5000);
    first.close();
    const again = await openDatabase(paths);
    again.close();
  });

  it('frees the workspace when the holding process is killed', async () => {
    const { spawn } = await import('node:child_process');
    const paths = fresh();
    (await openDatabase(paths)).close();
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `
      const { openDatabase } = await import(${JSON.stringify(join(import.meta.dirname, '../../../db/open.ts'))});
      await openDatabase(${JSON.stringify(paths)});
      console.log('holding');
      setInterval(() => {}, 1000);
    `,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout!.once('data', () => resolve()));
    await expect(openDatabase(paths)).rejects.toThrow('正被另一个');
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const after = await openDatabase(paths);
    expect(after.sqlite.prepare('SELECT count(*) AS n FROM employees').get()).toEqual({ n: 0 });
    after.close();
  });
});
