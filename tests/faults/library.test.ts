/**
 * Library files deleted, altered or left over behind the app's back: the integrity check (the
 * API the 设置 page uses, and `zhicheng workspace verify`) finds each one, names the person and
 * material, and repair puts back what can be put back without losing anything.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestWorkspace, type TestWorkspace } from '../support/workspace';
import { smallPdf } from '../support/documents';
import { seed } from '../unit/workspace/support';

const BIN = join(import.meta.dirname, '../../bin/zhicheng.mjs');
const open: TestWorkspace[] = [];
afterEach(() => {
  for (const ws of open.splice(0)) ws.cleanup();
});

async function workspace() {
  const ws = await openTestWorkspace();
  open.push(ws);
  const people = await seed(ws, 3);
  const docs = ws.app.services.repos.documents.forPerson(people[0]!.id);
  return { ws, people, docs, lib: ws.app.paths.libraryDir };
}

describe('library files changed behind the app', () => {
  it('finds a deleted and an altered file, naming the person, and the CLI exits 2', async () => {
    const { ws, people, docs, lib } = await workspace();
    rmSync(join(lib, docs[0]!.storedPath));
    const altered = join(lib, docs[1]!.storedPath);
    const bytes = readFileSync(altered);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0x01;
    writeFileSync(altered, bytes);

    const report = await ws.call('integrity.check', {});
    expect(report.ok).toBe(false);
    expect(report.database).toEqual([]);
    expect(report.missing).toEqual([expect.objectContaining({ id: docs[0]!.id, person: people[0]!.name })]);
    expect(report.altered).toEqual([expect.objectContaining({ id: docs[1]!.id, materialType: docs[1]!.materialType })]);
    expect((await ws.call('integrity.get', {})).report?.checkedAt).toBe(report.checkedAt);

    ws.app.close();
    let run: { code: number; stdout: string };
    try {
      run = {
        code: 0,
        ...(await promisify(execFile)(process.execPath, [BIN, 'workspace', 'verify', '--data', ws.dir, '--json'])),
      };
    } catch (error) {
      run = error as { code: number; stdout: string };
    }
    expect(run.code).toBe(2);
    const json = JSON.parse(run.stdout);
    expect(json).toMatchObject({
      ok: false,
      code: 'INTEGRITY',
      report: { missing: [{ id: docs[0]!.id }], altered: [{ id: docs[1]!.id }] },
    });
    const { openApp } = await import('../../electron/services/compose');
    ws.app = await openApp({ dataDir: ws.dir, startup: { integrityCheck: false } });
  });

  it('repair adopts a file moved within the library, sets aside altered files and stray pieces, and lists what is left', async () => {
    const { ws, docs, lib } = await workspace();
    // Moved to a wrong name: its content is what a row is missing.
    renameSync(join(lib, docs[0]!.storedPath), join(lib, 'moved-by-hand.pdf'));
    // Altered in place.
    const altered = join(lib, docs[1]!.storedPath);
    writeFileSync(altered, await smallPdf('not the original'));
    // A library file whose row never committed (a crash), and a temp file left by one.
    const unregistered = ws.app.services.library.pathFor('a'.repeat(64), '.pdf');
    const content = await smallPdf('unregistered');
    const { sha256Of } = await import('../../electron/services/library/library');
    const soundPath = ws.app.services.library.pathFor(sha256Of(content), '.pdf');
    mkdirSync(join(lib, soundPath, '..'), { recursive: true });
    writeFileSync(join(lib, soundPath), content);
    mkdirSync(join(lib, unregistered, '..'), { recursive: true });
    writeFileSync(join(lib, `${unregistered}.1a2b.tmp`), 'half written');

    const before = await ws.call('integrity.check', {});
    expect(before.missing.map((m) => m.id)).toEqual([docs[0]!.id]);
    expect(before.altered.map((m) => m.id)).toEqual([docs[1]!.id]);
    expect(before.orphans.map((o) => [o.path, o.sound]).sort()).toEqual(
      [
        ['moved-by-hand.pdf', false],
        [soundPath, true],
        [`${unregistered}.1a2b.tmp`, false],
      ].sort(),
    );

    const repaired = await ws.call('integrity.repair', {});
    expect(repaired.adopted).toBe(1);
    expect(repaired.setAside.sort()).toEqual([docs[1]!.storedPath, `${unregistered}.1a2b.tmp`].sort());
    expect(readFileSync(join(lib, docs[0]!.storedPath)).length).toBe(docs[0]!.bytes);
    // What only the user can replace stays in the report; nothing was deleted.
    expect(repaired.report.missing.map((m) => m.id)).toEqual([docs[1]!.id]);
    expect(repaired.report.altered).toEqual([]);
    expect(repaired.report.orphans).toEqual([expect.objectContaining({ path: soundPath, sound: true })]);
    expect(readdirSync(join(ws.dir, 'library-set-aside'))).toHaveLength(2);
    expect(existsSync(join(lib, soundPath))).toBe(true);
  });
});
