/** The web host serves the built renderer; on a fresh checkout it builds it once first. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export function ensureRendererBuilt(packageRoot: string): string {
  const outDir = join(packageRoot, 'out', 'renderer');
  if (existsSync(join(outDir, 'index.html'))) return outDir;
  process.stdout.write('首次运行：正在构建界面（npm run build:web）…\n');
  const vite = createRequire(join(packageRoot, 'package.json')).resolve('vite/bin/vite.js');
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
