/**
 * The real thing, end to end: a fresh workspace, the app composed as every host composes it, the
 * loopback web host serving the built renderer, and Chromium driving it. No mocks anywhere.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RouteInput, RouteName, RouteOutput } from '../../shared/api/contract';
import { unwrap } from '../../shared/api/dispatch';
import { openApp, type App } from '../../electron/services/compose';
import type { EmitEvent } from '../../electron/services/events';
import { startWebHost } from '../../electron/hosts/web/webHost';
import { xlsxBytes, type SheetRow } from '../support/people';

/** What reading a scan's pages by OCR (seconds a page) may take on a machine twice as slow or busy. */
export const OCR_BUDGET_MS = 300_000;

const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts/e2e');

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

export interface Harness {
  app: App;
  page: Page;
  /** Seeds or checks data through the same API the page uses. */
  call<N extends RouteName>(name: N, input: RouteInput<N>): Promise<RouteOutput<N>>;
  /** Writes a roster to a temp file, for setInputFiles. */
  rosterFile(name: string, rows: readonly SheetRow[]): Promise<string>;
  shot(name: string): Promise<void>;
  /** Uncaught errors in the page so far: a test ends by expecting none. */
  pageErrors: string[];
  close(): Promise<void>;
}

export async function openHarness(): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhicheng-e2e-'));
  const filesDir = join(dataDir, 'test-files');
  mkdirSync(filesDir);
  mkdirSync(ARTIFACTS, { recursive: true });

  // Services emit through the host, which needs the app first: wired up once both exist.
  let emit: EmitEvent = () => {};
  const app = await openApp({
    dataDir: join(dataDir, 'workspace'),
    actor: 'e2e',
    version: 'e2e',
    emit: (name, payload) => emit(name, payload),
    dispatchOptions: { validateOutput: true },
  });
  const host = await startWebHost({ app, staticDir: join(ROOT, 'out/renderer') });
  emit = host.emit;
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(host.url);
  await page.getByTestId('nav-people').waitFor();

  return {
    app,
    page,
    pageErrors,
    call: async (name, input) => unwrap(await app.invoke(name, input)) as never,
    async rosterFile(name, rows) {
      const file = join(filesDir, name);
      writeFileSync(file, await xlsxBytes(rows));
      return file;
    },
    shot: async (name) => void (await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) })),
    async close() {
      await browser.close();
      await host.close();
      app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
