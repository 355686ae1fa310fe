/** The one IPC entry, wired: the decision itself is security/ipcEntry.ts. */
import { ipcMain, type WebContents } from 'electron';
import type { EventName, EventPayload } from '../../shared/api/contract';
import type { App } from '../services/compose';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../preload/channels';
import { createIpcEntry } from './security/ipcEntry';

export function registerIpc(app: App, devServerUrl: string | undefined): void {
  const entry = createIpcEntry((name, input) => app.invoke(name, input), devServerUrl);
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) => entry(event.senderFrame?.url, name, input));
}

export function sendEvent<E extends EventName>(targets: () => WebContents[], name: E, payload: EventPayload<E>): void {
  for (const contents of targets()) contents.send(EVENT_CHANNEL, name, payload);
}
