/**
 * A fresh clone of this checkout, as `git clone` + `npm install` leave it: the files git tracks
 * (and new ones not ignored), as they are in the working tree, with no out/ folder — nothing
 * built. node_modules is linked from this checkout; `npm install`'s own `prepare` step is what
 * the clone is spared, so the first run has to build whatever it needs.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { tempDir } from './workspace';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface FreshClone {
  dir: string;
  cleanup(): void;
}

export function freshClone(): FreshClone {
  const dir = join(tempDir('zhicheng-clone-'), 'zhicheng-desk');
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  for (const file of new Set(listed.split('\0').filter(Boolean))) {
    const from = join(ROOT, file);
    if (!existsSync(from) || !lstatSync(from).isFile()) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    copyFileSync(from, join(dir, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, cleanup: () => rmSync(dirname(dir), { recursive: true, force: true }) };
}
