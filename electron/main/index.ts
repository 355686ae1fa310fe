/**
 * The Electron shell: lifecycle, the app:// protocol, the window and the IPC entry. Everything
 * else is the same plain-Node app the CLI and the web host run (services/compose.ts).
 */
import { app, BrowserWindow, dialog, Notification, powerMonitor, protocol, session, webContents } from 'electron';
import type { OpenDialogOptions } from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EventPayload } from '../../shared/api/contract';
import { openApp, type App } from '../services/compose';
import { startReminderSchedule } from '../services/eligibility/reminderSchedule';
import { serveReads } from '../hosts/cli/appReads';
import { openFailure } from '../services/library/diskErrors';
import { registerIpc, sendEvent } from './ipc';
import { shellPdfEngine } from './pdfEngineProcess';
import { devNativeBinding, migrationsFolder, rendererRoot, type ShellPlaces } from './resourcePaths';
import { createAppProtocolHandler } from './security/appProtocol';
import { sessionGuards } from './security/guards';
import { APP_PROTOCOL_PRIVILEGES, APP_SCHEME } from './security/policy';
import { createMainWindow } from './window';

protocol.registerSchemesAsPrivileged([APP_PROTOCOL_PRIVILEGES]);

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];

/** `--data DIR` picks the workspace; otherwise it lives in the user-data folder. */
function dataDir(): string {
  const i = process.argv.indexOf('--data');
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : join(app.getPath('userData'), 'workspace');
}

const places = (): ShellPlaces => ({
  isPackaged: app.isPackaged,
  resourcesPath: process.resourcesPath,
  appPath: app.getAppPath(),
  electronVersion: process.versions.electron,
});

/** The .native/ build exists only after `npm start` made it; otherwise better-sqlite3 finds its own. */
function nativeBinding(): string | undefined {
  const file = devNativeBinding(places());
  return file && existsSync(file) ? file : undefined;
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot(import.meta.dirname)));
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) =>
    sessionGuards.permissionRequest(permission, callback),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission) =>
    sessionGuards.permissionCheck(permission),
  );
  serveRenderer();

  const desk: App = await openApp({
    dataDir: dataDir(),
    actor: process.env['USERNAME'] ?? process.env['USER'] ?? 'user',
    version: app.getVersion(),
    migrationsFolder: migrationsFolder(places()),
    nativeBinding: nativeBinding(),
    // Handed on: the engine's processes, which read the models, have no process.resourcesPath.
    ocrModelDir: app.isPackaged ? join(process.resourcesPath, 'resources', 'ocr-models') : undefined,
    // The native folder dialog, reached through the contract's folders.pick.
    pickFolder: async ({ title, defaultPath }) => {
      const options: OpenDialogOptions = { title, defaultPath, properties: ['openDirectory', 'createDirectory'] };
      const owner = BrowserWindow.getFocusedWindow();
      const chosen = await (owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options));
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
    pdfEngine: shellPdfEngine(import.meta.dirname),
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
  // The CLI's reading commands ask this app while it holds the workspace.
  const stopReads = await serveReads(desk).catch(() => async () => {});
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
    void stopReads();
    desk.close();
  });
}

start().catch((error: unknown) => {
  // A read-only or full disk is told as such; anything else as it came.
  dialog.showErrorBox('职称申报工作台无法启动', (openFailure(error, dataDir()) ?? (error as Error)).message);
  app.exit(1);
});
