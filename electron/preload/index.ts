/**
 * The sandboxed bridge: the page gets `window.zhicheng` with `invoke` and `on`, nothing else;
 * no ipcRenderer, no Node. Event names are checked against the contract.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

contextBridge.exposeInMainWorld('zhicheng', {
  invoke: (name: string, input: unknown) => ipcRenderer.invoke(INVOKE_CHANNEL, String(name), input),
  on: (name: string, listener: (payload: unknown) => void) => {
    const wanted = String(name);
    const relay = (_event: IpcRendererEvent, eventName: string, payload: unknown) => {
      if (eventName === wanted) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => ipcRenderer.off(EVENT_CHANNEL, relay);
  },
});
