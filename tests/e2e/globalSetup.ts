/** Builds the renderer once for the whole run: every test serves the same out/renderer. */
import { resolve } from 'node:path';
import { build } from 'vite';

// The e2e and abuse projects both serve the renderer; one run of `npm test` builds it once.
const BUILT = 'ZHICHENG_RENDERER_BUILT';

export default async function setup(): Promise<void> {
  if (process.env[BUILT]) return;
  await build({ configFile: resolve(import.meta.dirname, '../../renderer/vite.config.ts'), logLevel: 'warn' });
  process.env[BUILT] = '1';
}
