/** Builds the renderer once for the whole run: every test serves the same out/renderer. */
import { resolve } from 'node:path';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  await build({ configFile: resolve(import.meta.dirname, '../../renderer/vite.config.ts'), logLevel: 'warn' });
}
