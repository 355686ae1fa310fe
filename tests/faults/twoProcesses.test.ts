/**
 * Two app processes on one workspace: the second is refused with a message saying why, the
 * first goes on untouched, and once the first is gone (even by kill -9) the workspace opens again.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { rosterFixture } from './fixtures';
import { HAN, inspectWorkspace, runChild, startChild } from './support';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('two processes, one workspace', () => {
  it('refuses the second with a clear Chinese message while the first holds it', async () => {
    const { dataDir, file } = await rosterFixture(20);
    dirs.push(dataDir, file);
    const first = startChild('open', dataDir, { holdMs: 60_000 });
    expect(JSON.parse(await first.firstLine)).toEqual({ ok: true, opened: true });

    const second = await runChild('roster', dataDir, { file });
    expect(second.code).toBe(3);
    expect(second.answer).toMatchObject({ ok: false, opened: false });
    expect(second.answer!.message).toMatch(HAN);
    expect(second.answer!.message).toMatch(/已被|正在使用|另一个/);

    // kill -9 the holder: the lock goes with the process, and the workspace is whole.
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const third = await runChild('roster', dataDir, { file });
    expect(third.answer).toMatchObject({ ok: true, value: { created: 20 } });
    expect(inspectWorkspace(dataDir)).toMatchObject({ integrity: 'ok', people: 20 });
  });
});
