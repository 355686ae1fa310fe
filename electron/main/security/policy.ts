/**
 * Electron's security checklist as plain data and pure checks, kept apart from the shell so
 * they can be tested without launching Electron.
 */
import { isAbsolute, relative, resolve } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** app:// behaves like https: a secure, standard origin that may fetch its own files. */
export const APP_PROTOCOL_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // naive-ui injects its styles at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** `packaged`: an installed build, where DevTools would show every record to whoever sits at the desk. */
export function secureWebPreferences(preload: string, packaged: boolean) {
  return {
    preload,
    devTools: !packaged,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  } as const;
}

/** The BrowserWindow's options: the window itself is plain, its web preferences locked down. */
export function mainWindowOptions(preload: string, packaged: boolean) {
  return {
    width: 1360,
    height: 860,
    minWidth: 1024,
    minHeight: 640,
    title: '职称申报工作台',
    show: false,
    webPreferences: secureWebPreferences(preload, packaged),
  } as const;
}

/** The first page the window loads: the dev server in development, our own origin otherwise. */
export const startUrl = (devServerUrl: string | undefined) => devServerUrl ?? `${APP_ORIGIN}/index.html`;

/** Pages the window may show: our own app:// origin, or the dev server in development. */
export function isTrustedUrl(url: string, devServerUrl: string | undefined): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true;
    return devServerUrl !== undefined && parsed.origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

/** External links the app may hand to the system browser: the provincial portal and 学信网 only. */
export const EXTERNAL_ALLOWLIST = ['rs.jshrss.jiangsu.gov.cn', 'www.jssrcfwypt.org.cn', 'www.chsi.com.cn'] as const;

export function isAllowedExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === 'https:' &&
      parsed.username === '' &&
      parsed.password === '' &&
      parsed.port === '' &&
      (EXTERNAL_ALLOWLIST as readonly string[]).includes(parsed.hostname)
    );
  } catch {
    return false;
  }
}

/** The file an app:// URL names inside `root`, or null when it would step outside it. */
export function resolveAppFile(root: string, url: string): string | null {
  let pathname: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // A NUL or a backslash has no business in a renderer path; on Windows `\` would step out.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  const rel = relative(root, file);
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? null : file;
}
