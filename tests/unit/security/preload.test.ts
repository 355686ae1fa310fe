/** The sandboxed bridge: the page gets invoke and on, on our two channels, and nothing else. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBridge, type IpcRendererLike } from '../../../electron/preload/bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../../electron/preload/channels';

/** Stands in for Electron's ipcRenderer (not our code): records what the bridge sends and listens to. */
function recordingIpc() {
  const sent: unknown[][] = [];
  const listeners = new Map<string, Set<(event: unknown, name: string, payload: unknown) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (...args) => (sent.push(args), 'answer'),
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    off: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const emit = (channel: string, name: string, payload: unknown) =>
    listeners.get(channel)?.forEach((listener) => listener({}, name, payload));
  return { ipc, sent, listeners, emit };
}

describe('the preload bridge', () => {
  it('exposes exactly invoke and on, frozen', () => {
    const bridge = createBridge(recordingIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('sends every call on the one invoke channel, with the name as text', async () => {
    const { ipc, sent } = recordingIpc();
    const bridge = createBridge(ipc);
    expect(await bridge.invoke('app.info', {})).toBe('answer');
    await bridge.invoke({ toString: () => 'people.list' } as unknown as string, { q: 1 });
    expect(sent).toEqual([
      [INVOKE_CHANNEL, 'app.info', {}],
      [INVOKE_CHANNEL, 'people.list', { q: 1 }],
    ]);
  });

  it('listens on the event channel only, passes on the wanted event, and stops when asked', () => {
    const { ipc, listeners, emit } = recordingIpc();
    const got: unknown[] = [];
    const stop = createBridge(ipc).on('people.changed', (payload) => got.push(payload));
    expect([...listeners.keys()]).toEqual([EVENT_CHANNEL]);
    emit(EVENT_CHANNEL, 'inbox.changed', { a: 1 });
    emit(EVENT_CHANNEL, 'people.changed', { b: 2 });
    stop();
    emit(EVENT_CHANNEL, 'people.changed', { c: 3 });
    expect(got).toEqual([{ b: 2 }]);
    expect(listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });

  it('is all the preload puts in the page: one exposeInMainWorld, of the bridge, and no ipcRenderer', () => {
    const source = readFileSync(join(import.meta.dirname, '../../../electron/preload/index.ts'), 'utf8');
    expect(source.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(source).toContain("exposeInMainWorld('zhicheng', createBridge(ipcRenderer))");
    expect(source).not.toMatch(/webFrame|process\.|require\(/);
  });
});
