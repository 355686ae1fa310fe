/**
 * What the page gets as `window.zhicheng`: `invoke` and `on`, nothing else; no ipcRenderer, no
 * Node. Built from any ipcRenderer-shaped object so it can be checked without Electron.
 */
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

type Relay = (event: unknown, eventName: string, payload: unknown) => void;

/** The three methods of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: Relay): unknown;
  off(channel: string, listener: Relay): unknown;
}

export function createBridge(ipc: IpcRendererLike) {
  return Object.freeze({
    // Only strings cross as names: a page cannot smuggle an object with a toString trick.
    invoke: (name: string, input: unknown) => ipc.invoke(INVOKE_CHANNEL, String(name), input),
    on: (name: string, listener: (payload: unknown) => void) => {
      const wanted = String(name);
      const relay: Relay = (_event, eventName, payload) => {
        if (eventName === wanted) listener(payload);
      };
      ipc.on(EVENT_CHANNEL, relay);
      return () => void ipc.off(EVENT_CHANNEL, relay);
    },
  });
}
