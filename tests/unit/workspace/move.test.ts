/** Moving a workspace with the real `zhicheng` process: export → import → verify, and every refusal. */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync as readdir, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../../support/workspace';
import { documentBytes, dump, seed } from './support';

const BIN = join(import.meta.dirname, '../../../bin/zhicheng.mjs');
const dir = tempDir('zhicheng-move-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function zhicheng(...args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    return { code: 0, json: JSON.parse(stdout) as Record<string, unknown> };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, json: e.stdout ? (JSON.parse(e.stdout) as Record<string, unknown>) : { stderr: e.stderr } };
  }
}

describe('zhicheng workspace export | import | verify', () => {
  const source = join(dir, 'source');
  const archive = join(dir, 'moved.zip');
  const target = join(dir, 'target');
  let contents: Record<string, unknown[]>;
  let bytes: Map<number, Buffer>;

  beforeAll(async () => {
    const ws: TestWorkspace = await openTestWorkspace(source);
    await seed(ws, 4);
    contents = dump(ws.app.database.sqlite);
    bytes = documentBytes(ws.app.database.sqlite, ws.app.paths.libraryDir);
    ws.app.close();
  });

  it('round-trips the database and byte-identical documents, verified by hashes', async () => {
    const exported = await zhicheng('workspace', 'export', '--data', source, '--out', archive, '--json');
    expect(exported).toMatchObject({ code: 0, json: { ok: true, file: archive, files: 9 } });

    const imported = await zhicheng('workspace', 'import', archive, '--data', target, '--json');
    expect(imported).toMatchObject({
      code: 0,
      json: { ok: true, target, files: 9, counts: { people: 4, documents: 8, batches: 1 } },
    });
    const verified = await zhicheng('workspace', 'verify', '--data', target, '--json');
    expect(verified.code).toBe(0);
    expect(verified.json).toMatchObject({ ok: true, report: { ok: true, documents: 8, orphans: [] } });

    const moved = new Database(join(target, 'zhicheng.sqlite'), { readonly: true });
    expect(dump(moved)).toEqual(contents);
    expect(documentBytes(moved, join(target, 'library'))).toEqual(bytes);
    moved.close();
  });

  it('refuses a non-empty target, and an archive that is damaged or not ours, leaving the target as it was', async () => {
    const again = await zhicheng('workspace', 'import', archive, '--data', target, '--json');
    expect(again).toMatchObject({
      code: 2,
      json: { ok: false, code: 'REFUSED', message: expect.stringContaining('不是空的') },
    });

    // One byte of a stored PDF flipped inside the archive: its hash no longer matches.
    const damaged = Buffer.from(readFileSync(archive));
    const at = damaged.indexOf('%PDF', 0, 'latin1');
    damaged[at + 200] = damaged[at + 200]! ^ 0xff;
    const damagedFile = join(dir, 'damaged.zip');
    writeFileSync(damagedFile, damaged);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    const refused = await zhicheng('workspace', 'import', damagedFile, '--data', empty, '--json');
    expect(refused).toMatchObject({
      code: 2,
      json: { ok: false, code: 'REFUSED', message: expect.stringContaining('校验值不符') },
    });
    expect(readdir(empty)).toEqual([]);

    const foreign = join(dir, 'foreign.zip');
    writeFileSync(foreign, zipSync({ 'notes.txt': strToU8('hello') }));
    const notOurs = await zhicheng('workspace', 'import', foreign, '--data', empty, '--json');
    expect(notOurs).toMatchObject({
      code: 2,
      json: { ok: false, message: expect.stringContaining('不是职称申报工作台导出的工作区归档') },
    });

    const truncated = join(dir, 'truncated.zip');
    writeFileSync(truncated, readFileSync(archive).subarray(0, 5000));
    const cut = await zhicheng('workspace', 'import', truncated, '--data', empty, '--json');
    expect(cut).toMatchObject({ code: 2, json: { ok: false, code: 'REFUSED' } });
    expect(readdir(empty)).toEqual([]);
  });

  it('backs up, lists and restores from the command line', async () => {
    const made = await zhicheng('workspace', 'backup', '--data', target, '--json');
    expect(made).toMatchObject({ code: 0, json: { ok: true, backup: { kind: 'manual', verified: true } } });
    const list = await zhicheng('workspace', 'backups', '--data', target, '--json');
    expect((list.json['backups'] as unknown[]).length).toBeGreaterThanOrEqual(1);
    const restored = await zhicheng('workspace', 'restore', '--data', target, '--latest', '--json');
    expect(restored).toMatchObject({ code: 0, json: { ok: true, missingFiles: 0 } });
    const missing = await zhicheng('workspace', 'restore', '--data', target, '--backup', 'nope.sqlite', '--json');
    expect(missing).toMatchObject({ code: 2, json: { ok: false, code: 'NOT_FOUND' } });
  });
});
