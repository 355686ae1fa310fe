/** The web host serves the built renderer; on a fresh checkout it builds it once first. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function ensureRendererBuilt(packageRoot: string): string {
  const outDir = join(packageRoot, 'out', 'renderer');
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  process.stdout.write('首次运行：正在构建界面（npm run build:web）…\n');
  const vite = viteCli(packageRoot);
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: packageRoot,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('界面构建失败，请运行 npm run build:web 查看原因');
  return outDir;
}

/**
 * vite's command-line script. Its package exports only its API and package.json, so the script is
 * found through package.json's `bin` (resolving 'vite/bin/vite.js' fails with
 * ERR_PACKAGE_PATH_NOT_EXPORTED).
 */
function viteCli(packageRoot: string): string {
  const manifest = createRequire(join(packageRoot, 'package.json')).resolve('vite/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string | Record<string, string> };
  return join(dirname(manifest), typeof bin === 'string' ? bin : bin['vite']!);
}
