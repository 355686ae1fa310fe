/**
 * A write the disk refused, told to the user: a full disk (or a file-size limit) and a folder
 * that cannot be written are the user's to fix, not internal errors, so they get a message
 * saying what did not happen and what to do.
 */
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../shared/api/errors';

// SQLite reports a write the disk refused as SQLITE_FULL, or (a short write it cannot tell apart)
// as SQLITE_IOERR_WRITE.
const NO_SPACE = new Set(['ENOSPC', 'EFBIG', 'EDQUOT', 'SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_FSYNC']);
const NO_WRITE = new Set(['EROFS', 'EACCES', 'EPERM', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED', 'SQLITE_CANTOPEN']);

const codeOf = (error: unknown) => String((error as { code?: unknown } | null)?.code ?? '');

export function isDiskError(error: unknown): boolean {
  const code = codeOf(error);
  return NO_SPACE.has(code) || NO_WRITE.has(code) || code.startsWith('SQLITE_READONLY');
}

/** `what` names the work, e.g. '导入名单'; `kept` says what the user still has. */
export function diskFailure(error: unknown, what: string, kept: string): AppError | null {
  const code = codeOf(error);
  if (NO_SPACE.has(code)) {
    return new AppError('REFUSED', `磁盘空间不足（或磁盘写入失败），${what}未完成；${kept}。请清理磁盘空间后重试`);
  }
  if (NO_WRITE.has(code) || code.startsWith('SQLITE_READONLY')) {
    return new AppError(
      'REFUSED',
      `没有写入权限（文件夹只读或受保护），${what}未完成；${kept}。请检查文件夹权限后重试`,
    );
  }
  return null;
}

/** Runs `work`; a disk error becomes the user's message, anything else goes on as it was. */
export async function withDiskErrors<T>(what: string, kept: string, work: () => Promise<T> | T): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw diskFailure(error, what, kept) ?? error;
  }
}

/**
 * Why a workspace could not be opened, when the disk is the reason: checked directly (can this
 * process write the folder, the database and the library?) because SQLite reports a read-only
 * folder only as a vague I/O error.
 */
export function openFailure(error: unknown, root: string): AppError | null {
  const unwritable = [root, join(root, 'zhicheng.sqlite'), join(root, 'library')].find((path) => {
    try {
      accessSync(path, constants.W_OK);
      return false;
    } catch (e) {
      return (e as NodeJS.ErrnoException).code !== 'ENOENT';
    }
  });
  if (unwritable) {
    return new AppError(
      'REFUSED',
      `工作区「${root}」是只读的（没有写入权限），无法打开：程序没有改动其中任何文件。请检查文件夹权限，或把工作区复制到可写的位置后再打开`,
    );
  }
  return diskFailure(error, '打开工作区', '工作区中的文件没有改动');
}
