/** The one IPC entry: every call is checked for its sender, then dispatched like any other host's. */
import { ipcMain, type WebContents } from 'electron';
import type { EventName, EventPayload } from '../../shared/api/contract';
import type { App } from '../services/compose';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/channels';
import { isTrustedUrl } from './security/policy';

export function registerIpc(app: App, devServerUrl: string | undefined): void {
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) => {
    const frameUrl = event.senderFrame?.url ?? '';
    if (!isTrustedUrl(frameUrl, devServerUrl) || typeof name !== 'string') {
      return { ok: false, error: { code: 'REFUSED', message: '拒绝来自未知页面的请求' } };
    }
    return app.invoke(name, input);
  });
}

export function sendEvent<E extends EventName>(targets: () => WebContents[], name: E, payload: EventPayload<E>): void {
  for (const contents of targets()) contents.send(EVENT_CHANNEL, name, payload);
}
