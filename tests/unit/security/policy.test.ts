/** Electron's checklist as the shell builds it: window options, CSP, trusted pages, external links, app:// paths. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_PROTOCOL_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  isAllowedExternal,
  isTrustedUrl,
  mainWindowOptions,
  resolveAppFile,
  startUrl,
} from '../../../electron/main/security/policy';
import { WEB_HOST_CSP } from '../../../electron/hosts/web/webHost';

/** A CSP as directive → sources, so two policies compare regardless of order. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((part) => {
      const [name, ...sources] = part.trim().split(/\s+/);
      return [name!, sources.sort()];
    }),
  );
}

describe('the main window', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs', true);

  it('turns DevTools off in packaged builds, and leaves them to development', () => {
    expect(options.webPreferences.devTools).toBe(false);
    expect(mainWindowOptions('/app/out/preload/index.cjs', false).webPreferences.devTools).toBe(true);
  });

  it('runs the page sandboxed, context-isolated, without Node, webviews or insecure content', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    // Nothing that would loosen them sneaks in beside.
    expect(options.webPreferences).not.toHaveProperty('experimentalFeatures');
    expect(options.webPreferences).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads our own origin when packaged, the dev server only when one is given', () => {
    expect(startUrl(undefined)).toBe(`${APP_ORIGIN}/index.html`);
    expect(startUrl('http://localhost:5173/')).toBe('http://localhost:5173/');
  });

  it('registers app:// as a secure standard scheme', () => {
    expect(APP_PROTOCOL_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });
});

describe('the content security policy', () => {
  const csp = directives(CONTENT_SECURITY_POLICY);

  it('runs only our own scripts: no inline, no eval, no remote hosts', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('forbids plugins, base changes, framing and form posts', () => {
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('is the same policy the web host sends', () => {
    expect(directives(WEB_HOST_CSP)).toEqual(csp);
  });
});

describe('trusted pages', () => {
  it('trusts app://renderer and, in development, the dev server origin only', () => {
    expect(isTrustedUrl('app://renderer/index.html', undefined)).toBe(true);
    expect(isTrustedUrl('app://renderer/#/people/3', undefined)).toBe(true);
    expect(isTrustedUrl('http://localhost:5173/#/people', 'http://localhost:5173/')).toBe(true);
  });

  it('trusts nothing else', () => {
    const devServer = 'http://localhost:5173/';
    for (const url of [
      'app://other/index.html',
      'https://rs.jshrss.jiangsu.gov.cn/',
      'file:///etc/passwd',
      'http://localhost:5174/',
      'http://127.0.0.1:5173/',
      'javascript:alert(1)',
      'data:text/html,<script>1</script>',
      '',
      'not a url',
    ]) {
      expect(isTrustedUrl(url, devServer), url).toBe(false);
    }
    // Without a dev server (the packaged app) localhost is as foreign as anything else.
    expect(isTrustedUrl(devServer, undefined)).toBe(false);
  });
});

describe('external links', () => {
  it('opens the provincial portal and 学信网 over https', () => {
    expect(isAllowedExternal('https://rs.jshrss.jiangsu.gov.cn/index')).toBe(true);
    expect(isAllowedExternal('https://www.chsi.com.cn/xlcx/')).toBe(true);
    expect(isAllowedExternal('https://www.jssrcfwypt.org.cn/')).toBe(true);
  });

  it('refuses everything else, look-alikes and plain http included', () => {
    for (const url of [
      'http://www.chsi.com.cn/',
      'https://www.chsi.com.cn.evil.example/',
      'https://evil.example/?u=https://www.chsi.com.cn',
      'https://user@www.chsi.com.cn/',
      'https://www.chsi.com.cn:8443/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isAllowedExternal(url), url).toBe(false);
    }
  });
});

describe('app:// paths', () => {
  const root = join('/opt', 'desk', 'renderer');

  it('maps our own URLs into the renderer folder', () => {
    expect(resolveAppFile(root, 'app://renderer/')).toBe(join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://renderer/assets/index-1a2b.js')).toBe(join(root, 'assets', 'index-1a2b.js'));
    expect(resolveAppFile(root, 'app://renderer/assets/%E5%9B%BE.png')).toBe(join(root, 'assets', '图.png'));
  });

  it('never steps outside it, however the path is spelt', () => {
    for (const url of [
      'app://renderer/../secret.txt',
      'app://renderer/%2e%2e/secret.txt',
      'app://renderer/assets/..%2f..%2fsecret.txt',
      'app://renderer/%2e%2e%2f%2e%2e%2fetc/passwd',
      'app://renderer/assets%5c..%5c..%5csecret.txt',
    ]) {
      const file = resolveAppFile(root, url);
      expect(file === null || file.startsWith(root + '/'), `${url} → ${file}`).toBe(true);
    }
  });

  it('refuses encoded parent steps, backslashes, NULs, other hosts and bad escapes outright', () => {
    for (const url of [
      'app://renderer/..%2fsecret.txt',
      'app://renderer/assets/..%2f..%2f..%2fsecret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/index.html%00.png',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://renderer/%E0%A4%A',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });
});
