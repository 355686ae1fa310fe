/** A real workspace (SQLite file and library) in a fresh temp folder, built the way every host builds it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unwrap } from '../../shared/api/dispatch';
import type { EventName, EventPayload, RouteInput, RouteName, RouteOutput } from '../../shared/api/contract';
import { openApp, type App } from '../../electron/services/compose';

export interface TestWorkspace {
  app: App;
  dir: string;
  events: Array<{ name: EventName; payload: unknown }>;
  /** Called synchronously as each event is emitted, to act at an exact point of a job. */
  onEvent?: (name: EventName, payload: unknown) => void;
  call<N extends RouteName>(name: N, input: RouteInput<N>): Promise<RouteOutput<N>>;
  cleanup(): void;
}

export function tempDir(prefix = 'zhicheng-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function openTestWorkspace(dir = tempDir()): Promise<TestWorkspace> {
  const events: TestWorkspace['events'] = [];
  const app = await openApp({
    dataDir: dir,
    actor: 'test',
    emit: <E extends EventName>(name: E, payload: EventPayload<E>) => {
      events.push({ name, payload });
      workspace.onEvent?.(name, payload);
    },
    dispatchOptions: { validateOutput: true },
  });
  const workspace: TestWorkspace = {
    app,
    dir,
    events,
    call: async (name, input) => unwrap(await app.invoke(name, input)) as never,
    cleanup: () => {
      app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return workspace;
}

export const toBase64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
