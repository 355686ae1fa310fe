/**
 * The one form a library path takes: `ab/<sha256>.ext`, the first two hex digits of the content's
 * sha256, then the whole of it and a short lower-case extension. A database is data a user may
 * have been handed (an imported archive, a restored backup), so a path read from it is checked
 * against this form, and the file it names is checked to lie inside the library, before anything
 * reads, moves or deletes it.
 */
import { isAbsolute, join, relative, resolve } from 'node:path';
import { AppError } from '../../../shared/api/errors';

// Windows builds store the separator as a backslash.
const STORED_PATH = /^([0-9a-f]{2})[/\\]\1[0-9a-f]{62}(\.[a-z0-9]{1,10})?$/;

/** An extension the library keeps: short, lower-case letters and digits; anything else is .bin. */
export const libraryExtension = (ext: string): string => {
  const lower = ext.toLowerCase();
  return /^\.[a-z0-9]{1,10}$/.test(lower) ? lower : '.bin';
};

export const isStoredPath = (path: unknown): path is string => typeof path === 'string' && STORED_PATH.test(path);

/** True when `path` is `dir` itself or lies inside it. */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The absolute file of a stored path, or a refusal naming it when it is not the library's own form. */
export function libraryFile(libraryDir: string, storedPath: string): string {
  const file = join(libraryDir, storedPath);
  if (!isStoredPath(storedPath) || !isInside(libraryDir, file))
    throw new AppError('REFUSED', `文档的存放路径「${storedPath}」不是文档库中的文件，已拒绝读取或移动它`);
  return file;
}
