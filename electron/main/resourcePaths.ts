/**
 * Where the shell finds what it loads from disk, packaged or not. Pure, so the packaging test can
 * check each path against electron-builder.yml without Electron.
 */
import { join } from 'node:path';

export interface ShellPlaces {
  isPackaged: boolean;
  /** process.resourcesPath: the installed app's resources folder. */
  resourcesPath: string;
  /** app.getAppPath(): the checkout in development, app.asar when packaged. */
  appPath: string;
  electronVersion: string;
}

/** The drizzle migrations: shipped as the `migrations` extra resource (electron-builder.yml). */
export const migrationsFolder = (p: ShellPlaces) =>
  p.isPackaged ? join(p.resourcesPath, 'migrations') : join(p.appPath, 'db', 'migrations');

/**
 * better-sqlite3's addon for Electron's ABI. Packaged, electron-builder rebuilt it in place and
 * unpacked it from the asar, where better-sqlite3 finds it itself; in development `npm start`
 * built it into .native/ (node_modules keeps Node's build for the tests and the CLI).
 */
export const devNativeBinding = (p: ShellPlaces) =>
  p.isPackaged ? undefined : join(p.appPath, '.native', `electron-${p.electronVersion}`, 'better_sqlite3.node');

/** The renderer bundle app:// serves, beside the main bundle (out/main → out/renderer). */
export const rendererRoot = (mainBundleDir: string) => join(mainBundleDir, '..', 'renderer');

/** The sandboxed preload, beside the main bundle (out/main → out/preload). */
export const preloadScript = (mainBundleDir: string) => join(mainBundleDir, '..', 'preload', 'index.cjs');
