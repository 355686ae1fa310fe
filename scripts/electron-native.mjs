#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .native/electron-<version>/, leaving node_modules
// with Node's build for the tests, the CLI and the web host. `npm start` runs this first; it does
// nothing when the addon for the installed Electron is already there.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const target = join(root, '.native', `electron-${electronVersion}`, 'better_sqlite3.node');

if (existsSync(target)) process.exit(0);

const source = dirname(require.resolve('better-sqlite3/package.json'));
const work = mkdtempSync(join(tmpdir(), 'zhicheng-native-'));
try {
  cpSync(source, work, { recursive: true, filter: (path) => !path.includes(`${join(source, 'build')}`) });
  const electronArgs = [
    '--runtime=electron',
    `--target=${electronVersion}`,
    '--dist-url=https://electronjs.org/headers',
  ];
  console.log(`为 Electron ${electronVersion} 准备 better-sqlite3 …`);
  try {
    // A prebuilt addon when one is published for this Electron, otherwise a build from source.
    execFileSync(
      process.execPath,
      [require.resolve('prebuild-install/bin.js'), '-r', 'electron', '-t', electronVersion],
      {
        cwd: work,
        stdio: 'inherit',
      },
    );
  } catch {
    execFileSync(
      process.execPath,
      [require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', ...electronArgs],
      {
        cwd: work,
        stdio: 'inherit',
      },
    );
  }
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`已生成 ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
