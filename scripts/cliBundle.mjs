/**
 * The CLI as built JavaScript: esbuild bundles electron/hosts/cli/main.ts and the PDF engine's
 * worker into out/cli/ (npm's `prepare` does it at `npm install`; `node scripts/cliBundle.mjs`
 * by hand). bin/zhicheng.mjs starts the bundle when it is current and rebuilds it first when any
 * source it was made from has changed since, so `npx zhicheng` always runs this checkout's code
 * without paying for a TypeScript transpiler on every start.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = 'out/cli';
const MANIFEST = 'manifest.json';

/** The bundle's entry file, or null when it is missing or older than one of its sources. */
export function currentBundle(root = ROOT) {
  const out = join(root, OUT);
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(out, MANIFEST), 'utf8'));
  } catch {
    return null;
  }
  for (const [file, stamp] of Object.entries(manifest.inputs)) {
    try {
      const stat = statSync(join(root, file));
      if (`${stat.size}:${stat.mtimeMs}` !== stamp) return null;
    } catch {
      return null;
    }
  }
  return join(out, 'main.js');
}

/**
 * Builds out/cli/. Every file is written under a new name and renamed into place, the manifest
 * last, so a CLI started meanwhile sees either the old bundle whole or the new one.
 */
export async function buildCliBundle(root = ROOT) {
  const { build } = await import('esbuild');
  const out = join(root, OUT);
  const common = {
    absWorkingDir: root,
    outdir: out,
    outExtension: { '.js': '.js' },
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true, // modules loaded with import() stay out of a start that does not use them
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    metafile: true,
    write: false,
    logLevel: 'warning',
  };
  const results = await Promise.all([
    build({
      ...common,
      entryPoints: { main: 'electron/hosts/cli/start.ts' },
    }),
    // The engine starts its worker from './pdfWorker.cjs' beside the bundled engine code. Built
    // apart, as one CommonJS file with pdf-lib's one-file build inside it: the package's entry is
    // some 300 modules, and Node's ES module loader (linking, and lexing sharp's CommonJS for its
    // exports) adds ~60 ms more to every engine process's start (~230 ms against ~290).
    build({
      ...common,
      entryPoints: { pdfWorker: 'electron/services/pdf/worker/pdfWorker.ts' },
      outExtension: { '.js': '.cjs' },
      format: 'cjs',
      splitting: false,
      alias: { 'pdf-lib': './node_modules/pdf-lib/dist/pdf-lib.min.js' },
      // Modules that find files beside themselves (the OCR models) ask import.meta.url.
      define: { 'import.meta.url': 'importMetaUrl' },
      banner: { js: '"use strict";\nconst importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    }),
  ]);
  const result = {
    outputFiles: results.flatMap((r) => r.outputFiles),
    metafile: { inputs: Object.assign({}, ...results.map((r) => r.metafile.inputs)) },
  };
  mkdirSync(out, { recursive: true });
  const written = new Set([MANIFEST, 'migrations']);
  for (const file of result.outputFiles) {
    const name = relative(out, file.path);
    written.add(name);
    const temp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temp, file.contents);
    renameSync(temp, file.path);
  }
  // db/open.ts finds its migrations beside itself: beside the bundle, that is out/cli/migrations.
  const migrations = join(root, 'db/migrations');
  const migrationsTemp = join(out, `migrations.${process.pid}.tmp`);
  cpSync(migrations, migrationsTemp, { recursive: true });
  rmSync(join(out, 'migrations'), { recursive: true, force: true });
  renameSync(migrationsTemp, join(out, 'migrations'));
  const inputs = {};
  const stamp = (file) => {
    const stat = statSync(join(root, file));
    inputs[file] = `${stat.size}:${stat.mtimeMs}`;
  };
  for (const file of Object.keys(result.metafile.inputs)) stamp(file);
  for (const file of readdirSync(migrations, { recursive: true })) {
    if (statSync(join(migrations, file)).isFile()) stamp(join('db/migrations', file));
  }
  stamp('package.json'); // the version the CLI prints, and which packages are external
  const manifestTemp = join(out, `${MANIFEST}.${process.pid}.tmp`);
  writeFileSync(manifestTemp, JSON.stringify({ inputs }, null, 1));
  renameSync(manifestTemp, join(out, MANIFEST));
  // Chunks of earlier builds are no longer reached.
  for (const name of readdirSync(out)) {
    if (!written.has(name) && !name.endsWith('.tmp')) rmSync(join(out, name), { recursive: true, force: true });
  }
  return join(out, 'main.js');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const entry = await buildCliBundle();
  process.stdout.write(`CLI bundle: ${relative(process.cwd(), dirname(entry))} (${Date.now() - started} ms)\n`);
}
