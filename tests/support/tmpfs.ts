/**
 * Small tmpfs mounts for tests of real disk faults: a disk that fills up (ENOSPC) or a folder
 * that is read-only even for root (EROFS). Only root may mount; elsewhere these return null and
 * the tests that need them are skipped.
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tempDir } from './workspace';

const mounted: string[] = [];

/** A fresh folder on a tmpfs of `megabytes`, or null when this process may not mount. */
export function mountTmpfs(megabytes: number): string | null {
  const dir = tempDir('zhicheng-tmpfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'ignore' });
    mounted.push(dir);
    return dir;
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return null;
  }
}

export function remountReadOnly(dir: string): void {
  execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'ignore' });
}

export function unmountAll(): void {
  for (const dir of mounted.splice(0)) {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}
