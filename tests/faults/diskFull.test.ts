/**
 * A disk that fills up mid-write, made real with RLIMIT_FSIZE (prlimit): every write past the
 * limit fails with EFBIG in the child only, the database's writes included. Import, filing and
 * export each fail whole, say so in Chinese, and succeed when the space is back.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { smallPdf } from '../support/documents';
import { makeIdNumber } from '../support/people';
import { openApp } from '../../electron/services/compose';
import { mountTmpfs, unmountAll } from '../support/tmpfs';
import { openTestWorkspace, tempDir, toBase64 } from '../support/workspace';
import { kitFixture, rosterFixture } from './fixtures';
import { allFiles, inspectWorkspace, isTemp, runChild } from './support';

const LIMIT = 256 * 1024;
const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function expectWhole(dataDir: string) {
  const state = inspectWorkspace(dataDir);
  expect(state.integrity).toBe('ok');
  expect(state.documents.filter((d) => !d.fileOk)).toEqual([]);
  expect(state.temps).toEqual([]);
  return state;
}

const FULL = { ok: false, error: { code: 'REFUSED', message: expect.stringMatching(/^磁盘空间不足/) } };

describe('a full disk', () => {
  it('during a roster import: nothing is imported and the user is told', async () => {
    const { dataDir, file } = await rosterFixture(3000);
    dirs.push(dataDir, file);
    const full = await runChild('roster', dataDir, { file }, { fileSizeLimit: LIMIT });
    expect(full.answer, full.stderr).toMatchObject(FULL);
    expect(full.answer!.error!.message).toContain('一个也没有写入');
    expect(expectWhole(dataDir).people).toBe(0);

    const again = await runChild('roster', dataDir, { file });
    expect(again.answer).toMatchObject({ ok: true, value: { created: 3000 } });
    expect(expectWhole(dataDir).people).toBe(3000);
  });

  it('while filing a document: no row, no file, and the user is told', async () => {
    const ws = await openTestWorkspace();
    await ws.call('people.save', { name: '张三', idNumber: makeIdNumber('320102', '1990-01-01', 7) });
    ws.app.close();
    dirs.push(ws.dir);
    const file = join(tempDir('zhicheng-fault-doc-'), '毕业证书.pdf');
    dirs.push(file);
    writeFileSync(file, await smallPdf('张三 毕业证书', 600_000));

    const full = await runChild('document', ws.dir, { file }, { fileSizeLimit: LIMIT });
    expect(full.answer, full.stderr).toMatchObject(FULL);
    const state = expectWhole(ws.dir);
    expect(state.documents).toEqual([]);
    expect(state.libraryFiles).toEqual([]);

    const again = await runChild('document', ws.dir, { file });
    expect(again.answer).toMatchObject({ ok: true });
    expect(expectWhole(ws.dir).documents.length).toBeGreaterThan(0);
  });

  it('during a kit export: no half-written kit or zip, and the user is told', async () => {
    const { dataDir, batchId } = await kitFixture(3, 3, 100_000);
    dirs.push(dataDir);
    // Each PDF fits under the limit; each kit's zip (three of them, incompressible) does not.
    const full = await runChild('kits', dataDir, { batchId }, { fileSizeLimit: 200 * 1024 });
    expect(full.answer, full.stderr).toMatchObject(FULL);
    expect(full.answer!.error!.message).toContain('未写完的材料包已清除');
    expectWhole(dataDir);
    expect(allFiles(join(dataDir, 'exports')).filter(isTemp)).toEqual([]);

    const again = await runChild('kits', dataDir, { batchId });
    expect(again.answer).toMatchObject({ ok: true });
    expectWhole(dataDir);
  });
});

afterAll(unmountAll);
const probe = mountTmpfs(1);
const canMount = probe !== null;

describe.skipIf(!canMount)('a really full disk (ENOSPC on a small tmpfs)', () => {
  it('filing a document into a workspace whose disk is full: no row, no file, and the user is told', async () => {
    const ws = await openTestWorkspace(join(mountTmpfs(4)!, 'ws'));
    const { person } = await ws.call('people.save', {
      name: '张三',
      idNumber: makeIdNumber('320102', '1990-01-01', 7),
    });
    const before = ws.app.database.sqlite.prepare('SELECT count(*) AS n FROM documents').get();
    // The original is kept as given before anything else: 6 MB on a 4 MB disk.
    const big = await smallPdf('张三 毕业证书', 6_000_000);
    await expect(
      ws.call('documents.add', {
        employeeId: person.id,
        materialType: '其他材料',
        files: [{ fileName: '毕业证书.pdf', base64: toBase64(big) }],
      }),
    ).rejects.toThrow(/^磁盘空间不足/);
    expect(ws.app.database.sqlite.prepare('SELECT count(*) AS n FROM documents').get()).toEqual(before);
    ws.app.close();
    const state = expectWhole(ws.dir);
    expect(state.documents).toEqual([]);
    expect(state.libraryFiles).toEqual([]);
  });

  it('exporting kits to a full drive: only whole kits are left there, and the user is told', async () => {
    const { dataDir, batchId } = await kitFixture(3, 3, 150_000);
    dirs.push(dataDir);
    const app = await openApp({ dataDir, actor: 'fault-test' });
    try {
      await expect(app.services.kits.export({ batchId, outDir: probe!, zip: true })).rejects.toThrow(
        /^磁盘空间不足.*未写完的材料包已清除/,
      );
    } finally {
      app.close();
    }
    expect(allFiles(probe!).filter(isTemp)).toEqual([]);
    for (const kit of readdirSync(probe!).filter((name) => !name.includes('.'))) {
      expect(readdirSync(join(probe!, kit)).sort(), kit).toEqual(expect.arrayContaining(['清单.txt', '申报信息.txt']));
    }
    expectWhole(dataDir);
  });
});
