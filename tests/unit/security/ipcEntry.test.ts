/**
 * The IPC entry over a real workspace: calls from pages that are not ours are refused before
 * dispatch, and every route of the contract refuses malformed input with a Chinese message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../../shared/api/contract';
import { createIpcEntry, REFUSED_SENDER } from '../../../electron/main/security/ipcEntry';
import { openTestWorkspace, type TestWorkspace } from '../../support/workspace';

let ws: TestWorkspace;
let calls: string[];
let entry: ReturnType<typeof createIpcEntry>;

beforeAll(async () => {
  ws = await openTestWorkspace();
  calls = [];
  entry = createIpcEntry((name, input) => {
    calls.push(name);
    return ws.app.invoke(name, input);
  }, undefined);
});
afterAll(() => ws.cleanup());

const HAN = /[\u4e00-\u9fff]/;

describe('the IPC entry', () => {
  it('answers our own page', async () => {
    expect(await entry('app://renderer/index.html', 'app.info', {})).toMatchObject({ ok: true, value: { people: 0 } });
  });

  it('refuses other senders before anything runs, even with a valid call', async () => {
    calls.length = 0;
    for (const sender of [
      'https://evil.example/',
      'file:///tmp/page.html',
      'http://localhost:5173/',
      'app://other/index.html',
      '',
      undefined,
    ]) {
      expect(await entry(sender, 'people.delete', { id: 1 }), String(sender)).toEqual(REFUSED_SENDER);
    }
    expect(calls).toEqual([]);
    expect(REFUSED_SENDER.error.message).toMatch(HAN);
  });

  it('refuses a route name that is not text, and unknown routes, in Chinese', async () => {
    expect(await entry('app://renderer/', { toString: () => 'app.info' }, {})).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT', message: expect.stringMatching(HAN) },
    });
    expect(await entry('app://renderer/', 'fs.readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ROUTE', message: expect.stringMatching(HAN) },
    });
  });

  it('makes every route of the contract refuse malformed input with a Chinese message', async () => {
    const names = Object.keys(routes);
    expect(names.length).toBeGreaterThan(40);
    const before = ws.app.database.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    for (const name of names) {
      for (const input of [42, 'text', [1, 2], true]) {
        const answer = await entry('app://renderer/index.html', name, input);
        expect(answer, `${name} ← ${JSON.stringify(input)}`).toMatchObject({
          ok: false,
          error: { code: 'BAD_INPUT', message: expect.stringMatching(/^输入有误：.*[\u4e00-\u9fff]/) },
        });
      }
    }
    // Nothing ran: not one audit row was written by all those calls.
    const after = ws.app.database.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number };
    expect(after.n).toBe(before.n);
  });
});
