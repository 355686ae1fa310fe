/**
 * What a kit export cut short leaves in an export folder: a hidden kit folder being built
 * (`.{序号}_{姓名}.xxxxxxxx.tmp/`) or a zip or summary being written (`….zip.xxxxxxxx.tmp`).
 * Kits being built right now by this process are in `inFlight` and stay.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Repos } from '../../../db';

export const inFlight = new Set<string>();

const KIT_TEMP = /^\..+\.[0-9a-f]{8}\.tmp$/;
const FILE_TEMP = /\.(zip|xlsx)\.[0-9a-f]{8}\.tmp$/;

/** Removes stale temps in `dir`, and in its subfolders `depth` levels down. */
export function sweepKitTemps(dir: string, depth = 0): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (inFlight.has(path)) continue;
    if (entry.isDirectory() && KIT_TEMP.test(entry.name)) rmSync(path, { recursive: true, force: true });
    else if (entry.isFile() && FILE_TEMP.test(entry.name)) rmSync(path, { force: true });
    else if (entry.isDirectory() && depth > 0) sweepKitTemps(path, depth - 1);
  }
}

/** The folders kits were last exported to, newest first: where a killed export's temps may lie. */
const EXPORT_DIRS_KEY = 'kits.exportDirs';
const REMEMBERED = 20;

const exportDirs = (repos: Repos) => (repos.settings.get(EXPORT_DIRS_KEY) as string[] | undefined) ?? [];

export function rememberExportDir(repos: Repos, dir: string): void {
  const path = resolve(dir);
  repos.settings.set(EXPORT_DIRS_KEY, [path, ...exportDirs(repos).filter((d) => d !== path)].slice(0, REMEMBERED));
}

/** At start-up: clears what an export cut short by a crash left in any folder kits went to. */
export function sweepExportDirs(repos: Repos): void {
  for (const dir of exportDirs(repos)) {
    try {
      sweepKitTemps(dir);
    } catch {
      // A folder on a removed drive or share: swept on the next export there instead.
    }
  }
}
