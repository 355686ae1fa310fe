/**
 * Folders the user names (a watched scan folder, where kits and backups go): chosen in the app's
 * native dialog where the host has one (electron/main), typed in the browser. Either way a path
 * is checked here before it is kept: it exists, is a folder, can be written, a watched folder
 * is not inside the workspace (the app would watch its own files), and kits or backups are not put
 * among the workspace's own files (the library; kits not among the backups either).
 */
import { randomBytes } from 'node:crypto';
import { rmSync, statSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { backupLocation } from '../backup/backupLocation';

export type FolderPurpose = 'watch' | 'export' | 'backup';

/** The host's native folder dialog: the chosen folder, or null when the user cancels. */
export type PickFolder = (request: { title: string; defaultPath?: string }) => Promise<string | null>;

const TITLES: Record<FolderPurpose, string> = {
  watch: '选择要监视的扫描文件夹',
  export: '选择申报材料包的导出位置',
  backup: '选择备份位置',
};

const USES: Record<Exclude<FolderPurpose, 'watch'>, string> = {
  export: '存放导出的材料包',
  backup: '存放备份',
};

const isNetwork = (path: string) => /^(\\\\|\/\/)/.test(path);
const inside = (parent: string, child: string) => {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The path as it will be kept, or a Chinese reason naming it. */
export function checkFolder(input: string, purpose: FolderPurpose, workspaceRoot: string): string {
  const typed = input.trim();
  if (!typed) throw new AppError('BAD_INPUT', '请填写文件夹路径');
  if (!isNetwork(typed) && !isAbsolute(typed))
    throw new AppError(
      'BAD_INPUT',
      `「${typed}」不是完整路径，请从盘符或根目录写起（如「D:\\扫描」或「/home/hr/扫描」）`,
    );
  const path = isNetwork(typed) ? typed : resolve(typed);
  let info;
  try {
    info = statSync(path);
  } catch {
    throw new AppError('BAD_INPUT', `文件夹「${path}」不存在或无法访问`);
  }
  if (!info.isDirectory()) throw new AppError('BAD_INPUT', `「${path}」是一个文件，不是文件夹`);
  const root = resolve(workspaceRoot);
  if (purpose === 'watch' && inside(root, path))
    throw new AppError('BAD_INPUT', `「${path}」在本应用的工作区之内，不能作为监视文件夹`);
  if (purpose !== 'watch' && inside(join(root, 'library'), path))
    throw new AppError('BAD_INPUT', `「${path}」在工作区的文档库之内，不能${USES[purpose]}，请换一个文件夹`);
  // The workspace's own backups folder is the default; a folder inside it would sit among held files.
  const home = join(root, 'backups');
  if (purpose === 'backup' && inside(home, path) && path !== home)
    throw new AppError('BAD_INPUT', `「${path}」在工作区的备份文件夹之内，请选它本身（即默认位置）或另一个文件夹`);
  if (purpose === 'export' && backupLocation(root).dirs.some((dir) => inside(dir, path)))
    throw new AppError('BAD_INPUT', `「${path}」在备份文件夹之内，不能${USES[purpose]}，请换一个文件夹`);
  // Written and removed once: permissions, a read-only share or a full disk all show here.
  const probe = join(path, `.zhicheng-write-test-${randomBytes(4).toString('hex')}`);
  try {
    writeFileSync(probe, '');
  } catch {
    throw new AppError('BAD_INPUT', `文件夹「${path}」不能写入（只读或没有权限）`);
  } finally {
    rmSync(probe, { force: true });
  }
  return path;
}

/** The routes: the picker where the host has one, the check everywhere. */
export function createFolderHandlers(workspaceRoot: string, pickFolder: PickFolder | undefined) {
  return {
    'folders.pick': async ({ purpose, current }: { purpose: FolderPurpose; current?: string | null }) => {
      if (!pickFolder) return { available: false, path: null };
      const path = await pickFolder({ title: TITLES[purpose], defaultPath: current ?? undefined });
      return { available: true, path };
    },
    'folders.check': ({ path, purpose }: { path: string; purpose: FolderPurpose }) => ({
      path: checkFolder(path, purpose, workspaceRoot),
    }),
  };
}
