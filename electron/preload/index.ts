/** The sandboxed preload: exposes the bridge (bridge.ts) as `window.zhicheng`, and nothing more. */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('zhicheng', createBridge(ipcRenderer));
