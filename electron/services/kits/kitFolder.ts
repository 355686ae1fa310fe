/**
 * The folder kits were last exported to from the page, offered again next time. None means the
 * workspace's own exports folder. An imported archive or a restored backup forgets it
 * (backup/distrust.ts): a folder named by someone else's database is not where kits should go.
 */
import type { Repos } from '../../../db';

export const LAST_KIT_FOLDER = 'kits.lastFolder';

export function lastKitFolder(repos: Repos): string | null {
  const value = repos.settings.get(LAST_KIT_FOLDER);
  return typeof value === 'string' ? value : null;
}

export function rememberKitFolder(repos: Repos, folder: string | null): void {
  if (folder === null) repos.settings.delete(LAST_KIT_FOLDER);
  else repos.settings.set(LAST_KIT_FOLDER, folder);
}
