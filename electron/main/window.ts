/** The main window, wired to the guards in security/: no navigation away, no new windows, no webviews. */
import { app, BrowserWindow, shell } from 'electron';
import { preloadScript } from './resourcePaths';
import { createWindowGuards } from './security/guards';
import { mainWindowOptions, startUrl } from './security/policy';

export function createMainWindow(devServerUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadScript(import.meta.dirname), app.isPackaged));
  window.once('ready-to-show', () => window.show());

  const guards = createWindowGuards(devServerUrl, (url) => void shell.openExternal(url));
  const contents = window.webContents;
  contents.on('will-navigate', (event, url) => {
    if (guards.blocksNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (guards.blocksNavigation(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(guards.windowOpen);
  contents.on('will-attach-webview', (event) => {
    if (guards.blocksWebview()) event.preventDefault();
  });

  void window.loadURL(startUrl(devServerUrl));
  return window;
}
