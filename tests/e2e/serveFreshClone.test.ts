/**
 * The README's browser route on a fresh clone: `zhicheng serve` builds the CLI and the renderer
 * it finds missing, prints its address, and Chromium gets the working UI from it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { freshClone } from '../support/freshClone';

const clone = freshClone();
let server: ChildProcess | undefined;
afterAll(() => {
  server?.kill('SIGTERM');
  clone.cleanup();
});

/** Resolves with the first line of output matching `pattern`; rejects when the process ends first. */
function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      const match = seen.match(pattern);
      if (match) resolve(match[0]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (seen += chunk.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${seen}`)));
  });
}

it('serves the UI from a fresh clone with nothing built', async () => {
  expect(existsSync(join(clone.dir, 'out'))).toBe(false);
  server = spawn(process.execPath, ['bin/zhicheng.mjs', 'serve', '--data', join(clone.dir, '..', 'ws')], {
    cwd: clone.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Building the renderer takes a while on a busy machine: the wait is for the address, not a time.
  const url = await waitForLine(server, /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/);
  expect(existsSync(join(clone.dir, 'out/renderer/index.html'))).toBe(true);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ locale: 'zh-CN' });
    await page.goto(url);
    await page.getByTestId('nav-people').waitFor();
    expect(await page.getByTestId('nav-people').textContent()).toContain('人员');
  } finally {
    await browser.close();
  }
}, 600_000);
