/** The routes of 设置 › 数据与备份: backups and where they go, restore, the integrity report, moving a workspace. */
import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { BackupInfo, SqliteConnection } from '../../../db';
import { AppError } from '../../../shared/api/errors';
import type { Backup } from '../../../shared/workspace/schemas';
import type { EmitEvent } from '../events';
import type { WorkspacePaths } from '../workspace';
import { freePath } from '../library/freePath';
import { checkFolder } from '../folders/folderChoice';
import { exportWorkspace, importWorkspace } from './archive';
import { backupLocation, chooseBackupFolder, reachable } from './backupLocation';
import type { BackupService } from './backupService';
import type { IntegrityService } from './integrityService';

export interface WorkspaceHandlerDeps {
  backups: BackupService;
  integrity: IntegrityService;
  paths: WorkspacePaths;
  sqlite: SqliteConnection;
  migrationsFolder: string;
  version: string;
  emit: EmitEvent;
}

/** The API shows a backup by name and the folder it is in; the page never hands a path back. */
const shown = ({ file, ...backup }: BackupInfo): Backup => ({ ...backup, dir: dirname(file) });

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** A folder the user typed: absolute, and not inside the workspace's own data. */
function userFolder(typed: string, paths: WorkspacePaths, mustExist: boolean): string {
  if (!isAbsolute(typed)) throw new AppError('BAD_INPUT', `请填写完整的文件夹路径（如 D:\\备份），「${typed}」不是`);
  const folder = resolve(typed);
  for (const inside of [paths.libraryDir, ...backupLocation(paths.root).dirs]) {
    const rel = relative(inside, folder);
    if (rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)))
      throw new AppError('BAD_INPUT', '不能放在工作区的文档库或备份文件夹里，请换一个文件夹');
  }
  if (mustExist && !(existsSync(folder) && statSync(folder).isDirectory()))
    throw new AppError('NOT_FOUND', `文件夹「${folder}」不存在，请先建好它`);
  return folder;
}

export function createWorkspaceHandlers(deps: WorkspaceHandlerDeps) {
  const { backups, integrity, paths } = deps;
  return {
    'backups.list': () => {
      const last = backups.lastRestore;
      const location = backupLocation(paths.root);
      return {
        dir: location.dir,
        folder: location.folder,
        reachable: reachable(location),
        schemaVersion: backups.schemaVersion,
        backups: backups.list().map(shown),
        lastRestore: last ? { at: last.at, from: shown(last.from), safety: shown(last.safety) } : null,
      };
    },
    'backups.create': async () => shown(await backups.create()),
    // Checked here whatever the page checked; the workspace's own folder is the default, kept as none.
    'backups.setLocation': ({ folder }: { folder: string | null }) => {
      const checked = folder === null ? null : checkFolder(folder, 'backup', paths.root);
      const location = chooseBackupFolder(paths.root, checked === resolve(paths.backupsDir) ? null : checked);
      return { dir: location.dir, folder: location.folder };
    },
    'backups.restore': async ({ name }: { name: string }) => {
      const result = await backups.restore(name);
      deps.emit('people.changed', {});
      integrity.checkInBackground();
      return {
        from: shown(result.from),
        safety: shown(result.safety),
        missingFiles: result.missingFiles,
        notice: result.notice,
      };
    },
    'integrity.get': () => integrity.status(),
    'integrity.check': () => integrity.check(),
    'integrity.repair': () => integrity.repair(),
    // Several GB do not travel through the page: the archive is written where the user said
    // (or into the workspace's exports folder) and the page is told where it is.
    'workspace.export': ({ folder }: { folder?: string }) => {
      const dir = folder ? userFolder(folder, paths, true) : join(paths.root, 'exports');
      return exportWorkspace({
        sqlite: deps.sqlite,
        libraryDir: paths.libraryDir,
        // Two exports in one second must not share a name: the second would replace the first.
        out: freePath(dir, `职称申报工作区_${stamp()}.zip`),
        appVersion: deps.version,
        migrationsFolder: deps.migrationsFolder,
      });
    },
    'workspace.import': async ({ archive, target }: { archive: string; target: string }) => {
      if (!isAbsolute(archive)) throw new AppError('BAD_INPUT', `请填写归档文件的完整路径，「${archive}」不是`);
      const folder = userFolder(target, paths, false);
      if (relative(folder, paths.root) === '') throw new AppError('BAD_INPUT', '不能导入到正在使用的工作区');
      return importWorkspace(resolve(archive), folder, deps.migrationsFolder);
    },
  };
}
