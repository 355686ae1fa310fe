/**
 * The renderer's build, used as it is by `npm run build:web` (the web host serves out/renderer)
 * and imported as the `renderer` section of electron.vite.config.ts.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// Every path absolute: electron-vite resolves relative ones against the project root, not this root,
// and rewrites import.meta.url (but not import.meta.dirname) when it bundles this file into its config.
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  // Relative asset URLs: the same build works under Electron's app:// protocol and the web host.
  base: './',
  plugins: [vue()],
  build: {
    outDir: here('../out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: here('index.html'),
      // zod's sources carry /*@__PURE__*/ comments in places Rollup cannot use; harmless, and not ours.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: {
    // The renderer imports the API contract and validators from ../shared.
    fs: { allow: [here('..')] },
  },
});
