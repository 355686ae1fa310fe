/**
 * Files are never replaced unasked: a second batch of the same name exported into the same folder
 * keeps the first one's summary, a workspace export takes a free name, and kits
 * cannot be exported into the workspace's own library.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { creditCheckChar } from '../../shared/validation/creditCode';
import { makeIdNumber } from '../support/people';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../support/workspace';

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await openTestWorkspace();
  const code = '91320000600037341';
  await ws.call('units.save', {
    name: '江苏某某工程有限公司',
    creditCode: code + creditCheckChar(code),
    nature: '企业',
  });
});
afterAll(() => ws.cleanup());

/** A batch called 2026年初定 with one person in it. */
async function batchOf(name: string, seq: number) {
  const { person } = await ws.call('people.save', {
    name,
    idNumber: makeIdNumber('320102', '1995-01-01', seq),
    workStartedOn: '2022-07-01',
  });
  const batch = await ws.call('batches.save', { name: '2026年初定', type: '初定', deadline: '2026-12-31' });
  await ws.call('batches.addPeople', {
    batchId: batch.id,
    people: [{ personId: person.id, targetLevel: '助理级', specialty: '工程/电子信息/通信工程' }],
  });
  return batch.id;
}

it('a second batch of the same name keeps the first summary and says which name it used', async () => {
  const out = tempDir('zhicheng-kits-same-name-');
  const first = await ws.app.services.kits.export({ batchId: await batchOf('张三', 11), outDir: out });
  const firstSummary = readFileSync(join(out, first.summaryFile));
  const second = await ws.app.services.kits.export({ batchId: await batchOf('李四', 12), outDir: out });
  expect(first.summaryFile).toBe('申报汇总_2026年初定.xlsx');
  expect(second.summaryFile).toBe('申报汇总_2026年初定_2.xlsx');
  expect(readFileSync(join(out, first.summaryFile)).equals(firstSummary)).toBe(true);
  expect(readdirSync(out).sort()).toEqual(['001_张三', '001_李四', first.summaryFile, second.summaryFile].sort());
});

it('kits cannot go into the workspace’s library or backups', async () => {
  const batchId = (await ws.call('batches.list', {}))[0]!.id;
  for (const outDir of [join(ws.app.paths.libraryDir, 'kits'), ws.app.paths.backupsDir]) {
    await expect(ws.app.services.kits.export({ batchId, outDir })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('不能导出到工作区的文档库或备份文件夹里'),
    });
  }
  expect(readdirSync(ws.app.paths.libraryDir)).not.toContain('kits');
});

it('a workspace export never replaces an archive already there under the name it would take', async () => {
  const folder = tempDir('zhicheng-exports-');
  // The names this export could take (one per second, by the clock) are all taken already.
  const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const taken = Array.from({ length: 30 }, (_, s) => `职称申报工作区_${stamp(Date.now() + s * 1000)}.zip`);
  for (const name of taken) writeFileSync(join(folder, name), 'an earlier archive');
  const exported = await ws.call('workspace.export', { folder });
  expect(taken).not.toContain(basename(exported.file));
  for (const name of taken) expect(readFileSync(join(folder, name), 'utf8')).toBe('an earlier archive');
});
