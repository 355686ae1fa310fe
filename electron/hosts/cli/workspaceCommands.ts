/**
 * `zhicheng workspace …`: backups, restore, moving a workspace and its integrity check. Each
 * prints one JSON object with --json; a refusal exits 2 with {"ok":false,"code","message"}.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { DatabaseCorruptError, inspectDatabaseFile, knownMigrations, DEFAULT_MIGRATIONS } from '../../../db';
import { exportWorkspace, importWorkspace } from '../../services/backup/archive';
import { newerSchemaMessage, workspaceBackups } from '../../services/backup/backupService';
import { backupLocation } from '../../services/backup/backupLocation';
import { distrustDatabase, heldBackNotice } from '../../services/backup/distrust';
import { WorkspaceDamagedError, type App } from '../../services/compose';
import { openWorkspace } from './openWorkspace';
import { failureJson } from './failure';
import { workspacePaths } from '../../services/workspace';

export interface WorkspaceFlags {
  data?: string;
  out?: string;
  backup?: string;
  latest?: boolean;
  json?: boolean;
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);

class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function done(flags: WorkspaceFlags, value: object, text: string): number {
  if (flags.json) print({ ok: true, ...value });
  else process.stdout.write(`${text}\n`);
  return 0;
}

async function withApp<T>(data: string, work: (app: App) => Promise<T>): Promise<T> {
  let app: App;
  try {
    app = await openWorkspace({ dataDir: data, actor: 'cli', startup: { integrityCheck: false } });
  } catch (error) {
    if (error instanceof WorkspaceDamagedError) throw new Refusal('DATABASE_CORRUPT', error.message);
    throw error;
  }
  try {
    return await work(app);
  } finally {
    app.close();
  }
}

const sizeText = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Restore when the app cannot open: the damaged file is kept beside it under a new name and
 * the backup is copied into place (the next open migrates it if it is older).
 */
function restoreOffline(data: string, name: string) {
  const paths = workspacePaths(data);
  const backup = workspaceBackups(paths.root).find((b) => b.name === name);
  if (!backup) throw new Refusal('NOT_FOUND', `找不到备份「${name}」`);
  const inspection = inspectDatabaseFile(backup.file);
  if (inspection.problems.length > 0)
    throw new Refusal('BACKUP_DAMAGED', `该备份未通过完整性检查，不能恢复：${inspection.problems[0]}`);
  const ours = knownMigrations(DEFAULT_MIGRATIONS);
  if (inspection.schemaVersion > ours)
    throw new Refusal('NEWER_SCHEMA', newerSchemaMessage(inspection.schemaVersion, ours));
  // Checked on a copy, so a refused backup leaves the damaged database where it was.
  const copy = `${paths.dbFile}.restoring-${randomBytes(4).toString('hex')}`;
  copyFileSync(backup.file, copy);
  let notice: string | null;
  try {
    notice = heldBackNotice(distrustDatabase(copy, '备份'));
  } catch (error) {
    rmSync(copy, { force: true });
    throw error;
  }
  const keptAs = `${paths.dbFile}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm'])
    if (existsSync(paths.dbFile + suffix)) renameSync(paths.dbFile + suffix, keptAs + suffix);
  renameSync(copy, paths.dbFile);
  return { from: backup.name, damagedFileKeptAs: keptAs, counts: inspection.counts, notice };
}

async function run(sub: string | undefined, args: string[], flags: WorkspaceFlags): Promise<number> {
  if (sub === 'import') {
    const archive = args[0];
    if (!archive || !flags.data) throw new Refusal('USAGE', '用法：zhicheng workspace import 文件.zip --data 空文件夹');
    const result = await importWorkspace(resolve(archive), resolve(flags.data), DEFAULT_MIGRATIONS);
    return done(
      flags,
      result,
      `已导入到「${result.target}」：${result.files} 个文件，${result.counts.people} 人，全部校验通过。${result.notice ? `\n${result.notice}。` : ''}`,
    );
  }
  if (!flags.data) throw new Refusal('USAGE', '请用 --data 指定工作区文件夹');
  const data = flags.data;
  if (sub === 'restore') {
    const name = flags.latest
      ? workspaceBackups(workspacePaths(data).root).find((b) => b.verified)?.name
      : flags.backup;
    if (!name)
      throw new Refusal(
        flags.latest ? 'NOT_FOUND' : 'USAGE',
        flags.latest ? '没有校验通过的备份' : '请用 --backup 指定备份文件名，或用 --latest',
      );
    try {
      return await withApp(data, async (app) => {
        const result = await app.services.backups.restore(name);
        const value = {
          from: result.from.name,
          safety: result.safety.name,
          missingFiles: result.missingFiles,
          notice: result.notice,
        };
        return done(
          flags,
          value,
          `已恢复到备份「${result.from.name}」；恢复前的数据已另存为「${result.safety.name}」。${result.notice ? `\n${result.notice}。` : ''}`,
        );
      });
    } catch (error) {
      if (!(error instanceof Refusal) || error.code !== 'DATABASE_CORRUPT') throw error;
      const value = restoreOffline(data, name);
      return done(
        flags,
        value,
        `数据库已损坏，已用备份「${name}」替换；损坏的文件保留为「${value.damagedFileKeptAs}」。${value.notice ? `\n${value.notice}。` : ''}`,
      );
    }
  }
  if (sub === 'backups') {
    // Backups are files beside the database: listed without it while the app holds the workspace,
    // and when it cannot be opened at all (when they are needed most).
    try {
      return await withApp(data, async (app) => showBackups(flags, app.paths.root));
    } catch (error) {
      const inUse = error instanceof AppError && error.code === 'IN_USE';
      const damaged = error instanceof Refusal && error.code === 'DATABASE_CORRUPT';
      if (!inUse && !damaged) throw error;
      return showBackups(flags, workspacePaths(data).root);
    }
  }
  return withApp(data, async (app) => {
    const { backups, integrity } = app.services;
    if (sub === 'backup') {
      const b = await backups.create();
      return done(
        flags,
        { backup: { ...b, file: undefined } },
        `已备份：${b.name}（${sizeText(b.bytes)}，${b.counts.people} 人，校验${b.verified ? '通过' : '未通过'}）`,
      );
    }
    if (sub === 'backups') return showBackups(flags, app.paths.root);
    if (sub === 'verify') {
      const report = await integrity.check();
      if (flags.json)
        print({ ok: report.ok, ...(report.ok ? {} : { code: 'INTEGRITY', message: '完整性检查发现问题' }), report });
      else
        process.stdout.write(
          report.ok
            ? `完整性检查通过：数据库无误，${report.documents} 份材料的文件都在且校验值一致。\n`
            : `完整性检查发现问题：数据库 ${report.database.length} 处，缺少文件 ${report.missing.length} 份，文件被改动 ${report.altered.length} 份，未登记文件 ${report.orphans.length} 个。\n`,
        );
      return report.ok ? 0 : 2;
    }
    if (sub === 'export') {
      if (!flags.out) throw new Refusal('USAGE', '请用 --out 指定导出的 zip 文件');
      const out = resolve(flags.out);
      if (existsSync(out)) throw new Refusal('EXISTS', `「${out}」已存在，不会覆盖；请换一个文件名`);
      const result = await exportWorkspace({
        sqlite: app.database.sqlite,
        libraryDir: app.paths.libraryDir,
        out,
        appVersion: app.services.info.version,
        migrationsFolder: app.database.migrationsFolder,
      });
      return done(flags, result, `已导出到「${result.file}」（${sizeText(result.bytes)}，${result.files} 个文件）。`);
    }
    throw new Refusal('USAGE', `未知的命令「workspace ${sub ?? ''}」`);
  });
}

/** `dir` is where new backups go; `dirs` every folder searched (a chosen location, then the workspace's own). */
function showBackups(flags: WorkspaceFlags, root: string): number {
  const { dir, dirs } = backupLocation(root);
  const list = workspaceBackups(root).map((b) => ({ ...b, file: undefined, dir: dirname(b.file) }));
  return done(
    flags,
    { dir, dirs, backups: list },
    list
      .map(
        (b) =>
          `${b.name}  ${sizeText(b.bytes)}  ${b.counts.people}人 ${b.counts.documents}份材料 ${b.counts.batches}个批次  ${b.verified ? '校验通过' : '未通过'}${dirs.length > 1 ? `  ${b.dir}` : ''}`,
      )
      .join('\n') || '还没有备份',
  );
}

export async function runWorkspaceCommand(sub: string | undefined, args: string[], flags: WorkspaceFlags) {
  try {
    return await run(sub, args, flags);
  } catch (error) {
    const refusal =
      error instanceof Refusal
        ? error
        : error instanceof AppError && error.code !== 'INTERNAL'
          ? new Refusal(error.code, error.message)
          : error instanceof DatabaseCorruptError
            ? new Refusal('DATABASE_CORRUPT', error.message)
            : null;
    if (!refusal) throw error;
    if (flags.json) print(failureJson(refusal.code, refusal.message));
    else process.stderr.write(`${refusal.message}\n`);
    return 2;
  }
}
