/** The app:// protocol over a real renderer folder: files with our CSP, refusals for anything outside. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/main/security/appProtocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security/policy';
import { tempDir } from '../../support/workspace';
import { rmSync } from 'node:fs';

const base = tempDir('zhicheng-app-protocol-');
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>职称申报工作台</title>');
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(base, 'secret.txt'), 'outside');
afterAll(() => rmSync(base, { recursive: true, force: true }));

const handle = createAppProtocolHandler(root);
const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// protocol', () => {
  it('serves the page and its assets with the CSP and their content types', async () => {
    const page = await get('app://renderer/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('职称申报工作台');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = await get('app://renderer/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect((await get('app://renderer/')).status).toBe(200);
  });

  it('refuses paths that leave the renderer folder, and never returns the file', async () => {
    for (const url of [
      'app://renderer/..%2fsecret.txt',
      'app://renderer/assets/..%2f..%2fsecret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/%2e%2e%2fsecret.txt',
      'app://other/secret.txt',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(await response.text(), url).not.toContain('outside');
      expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('answers 404 for missing files and folders, 405 for anything but GET and HEAD', async () => {
    expect((await get('app://renderer/nope.js')).status).toBe(404);
    expect((await get('app://renderer/assets')).status).toBe(404);
    expect((await get('app://renderer/index.html', 'POST')).status).toBe(405);
    const head = await get('app://renderer/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});
