/**
 * Where the shipped resources (fonts, built-in templates) are: beside the sources when run from a
 * checkout (tests, CLI), under the installed app's resources folder when packaged (electron-builder
 * copies resources/ there), or a folder given explicitly.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

function candidates(): string[] {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const packaged = (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath;
  return [
    ...(process.env.ZHICHENG_RESOURCES ? [process.env.ZHICHENG_RESOURCES] : []),
    ...(packaged ? [join(packaged, 'resources')] : []),
    resolve(here, '../../../resources'), // electron/services/letters → resources
    resolve(here, '../../resources'), // out/main → resources (built, unpackaged)
  ];
}

/** The absolute path of a shipped resource, e.g. 'fonts/NotoSerifSC-Regular.ttf'. */
export function resourcePath(relative: string, dir?: string): string {
  if (dir) return join(dir, relative);
  for (const root of candidates()) {
    const file = join(root, relative);
    if (existsSync(file)) return file;
  }
  throw new Error(`找不到程序资源文件「${relative}」，请重新安装程序`);
}
