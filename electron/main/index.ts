/**
 * The Electron shell: lifecycle, the app:// protocol, the window and the IPC entry. Everything
 * else is the same plain-Node app the CLI and the web host run (services/compose.ts).
 */
import { app, BrowserWindow, dialog, net, Notification, powerMonitor, protocol, session, webContents } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EventPayload } from '../../shared/api/contract';
import { openApp, type App } from '../services/compose';
import { startReminderSchedule } from '../services/eligibility/reminderSchedule';
import { registerIpc, sendEvent } from './ipc';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppFile } from './security/policy';
import { createMainWindow } from './window';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

/** `--data DIR` picks the workspace; otherwise it lives in the user-data folder. */
function dataDir(): string {
  const i = process.argv.indexOf('--data');
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : join(app.getPath('userData'), 'workspace');
}

/** In development node_modules holds Node's better-sqlite3; `npm start` builds Electron's into .native/. */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const file = join(app.getAppPath(), '.native', `electron-${process.versions.electron}`, 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}

function migrationsFolder(): string {
  return app.isPackaged ? join(process.resourcesPath, 'migrations') : join(app.getAppPath(), 'db', 'migrations');
}

function serveRenderer(): void {
  const root = join(import.meta.dirname, '../renderer');
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(root, request.url);
    if (!file || !existsSync(file)) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  serveRenderer();

  const desk: App = await openApp({
    dataDir: dataDir(),
    actor: process.env['USERNAME'] ?? process.env['USER'] ?? 'user',
    version: app.getVersion(),
    migrationsFolder: migrationsFolder(),
    nativeBinding: nativeBinding(),
    emit: (name, payload) => {
      sendEvent(() => webContents.getAllWebContents(), name, payload);
      if (name === 'reminders.new' && Notification.isSupported()) {
        for (const reminder of (payload as EventPayload<'reminders.new'>).reminders) {
          new Notification({ title: reminder.title, body: reminder.body }).show();
        }
      }
    },
  });
  registerIpc(desk, devServerUrl);
  const stopReminders = startReminderSchedule(desk.services.eligibility);
  const inbox = desk.services.inbox.start();
  // After sleep the watcher may have missed events: look at every folder again.
  powerMonitor.on('resume', () => void inbox.rescan());

  let window = createMainWindow(devServerUrl);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow(devServerUrl);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    stopReminders();
    desk.close();
  });
}

start().catch((error: unknown) => {
  dialog.showErrorBox('职称申报工作台无法启动', (error as Error).message);
  app.exit(1);
});
