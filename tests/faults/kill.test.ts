/**
 * kill -9 in the middle of the work that writes the most: a roster import (killed inside its
 * transaction), letter generation (killed as letters are being filed) and a kit export (killed
 * while a kit is half built). Afterwards nothing is lost or half-written, and the same work run
 * again finishes as if the kill had never happened.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addBatch, lettersWorkspace } from '../unit/letters/support';
import { kitFixture, rosterFixture } from './fixtures';
import { allFiles, inspectWorkspace, isTemp, runChild } from './support';
import { rmSync } from 'node:fs';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function expectConsistent(dataDir: string) {
  const state = inspectWorkspace(dataDir);
  expect(state.integrity).toBe('ok');
  expect(state.documents.filter((d) => !d.fileOk)).toEqual([]);
  expect(state.temps).toEqual([]);
  return state;
}

describe('kill -9', () => {
  it('during a roster import: no one is imported, and the import then runs in full', async () => {
    const { dataDir, file } = await rosterFixture(300);
    dirs.push(dataDir, file);
    const killed = await runChild('roster', dataDir, { file, killAfter: { table: 'employees', rows: 150 } });
    expect(killed.killed).toBe(true);
    expect(expectConsistent(dataDir).people).toBe(0);
    // The next start tells the user the import was cut short.
    expect((await runChild('open', dataDir)).answer).toMatchObject({ ok: true, interrupted: ['导入人员名单'] });

    const again = await runChild('roster', dataDir, { file });
    expect(again.answer).toMatchObject({ ok: true, value: { created: 300, errors: [] } });
    expect(expectConsistent(dataDir).people).toBe(300);
  });

  it('during letter generation: every filed letter is whole, and a second run files one per person', async () => {
    const lw = await lettersWorkspace({ count: 6 });
    const { batchId } = addBatch(lw, '初定', lw.people);
    lw.ws.app.close();
    const before = inspectWorkspace(lw.ws.dir).documents.length;
    dirs.push(lw.ws.dir);

    const killed = await runChild('letters', lw.ws.dir, { batchId, killAfter: { table: 'documents', rows: 3 } });
    expect(killed.killed).toBe(true);
    // Letters being written when the kill came left temp files; opening the workspace clears them.
    expect(inspectWorkspace(lw.ws.dir).temps.length).toBeGreaterThan(0);
    expect((await runChild('open', lw.ws.dir)).answer).toMatchObject({ ok: true, interrupted: ['生成证明和承诺书'] });
    const after = expectConsistent(lw.ws.dir);
    // The third letter's row died with its transaction; the two before it are whole.
    expect(after.documents.length - before).toBe(2);

    const again = await runChild('letters', lw.ws.dir, { batchId });
    expect(again.answer).toMatchObject({ ok: true, value: { problems: [], cancelled: false, total: 6 } });
    expect((again.answer!.value as { letters: unknown[] }).letters).toHaveLength(6);
    expectConsistent(lw.ws.dir);
  });

  it('during a kit export: no half-built kit or temp file is left, and the next export is complete', async () => {
    const { dataDir, batchId } = await kitFixture(5, 4);
    dirs.push(dataDir);
    const killed = await runChild('kits', dataDir, { batchId, killAfter: { kitFiles: 6 } });
    expect(killed.killed).toBe(true);
    // The half-built kit is left hidden by the kill: that is the fault.
    expect(allFiles(join(dataDir, 'exports')).filter(isTemp).length).toBeGreaterThan(0);
    // Opening the workspace again clears it, before any export.
    expect((await runChild('open', dataDir)).answer).toMatchObject({ ok: true, interrupted: ['导出上传材料包'] });
    expect(allFiles(join(dataDir, 'exports')).filter(isTemp)).toEqual([]);

    const again = await runChild('kits', dataDir, { batchId });
    expect(again.answer).toMatchObject({ ok: true });
    const out = (again.answer!.value as { out: string }).out;
    expectConsistent(dataDir);
    const kits = readdirSync(out).filter((name) => !name.endsWith('.zip') && !name.endsWith('.xlsx'));
    expect(kits).toHaveLength(5);
    for (const kit of kits)
      expect(
        readdirSync(join(out, kit)).filter((f) => f.endsWith('.pdf')),
        kit,
      ).toHaveLength(4);
  });
});
