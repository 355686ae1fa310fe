/** `zhicheng batch create|add` and `zhicheng kit export` as scripts run them. */
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { smallPdf } from '../../support/documents';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, tempDir } from '../../support/workspace';

const BIN = join(import.meta.dirname, '../../../bin/zhicheng.mjs');
const dir = tempDir('zhicheng-cli-batch-');
const data = join(dir, 'ws');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A dozen CLI processes, each starting Node and opening the workspace: slow on a busy machine, so their own budget. */
const CLI_RUNS_BUDGET = 240_000;

async function zhicheng(...args: string[]) {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [BIN, ...args], { encoding: 'utf8' });
    return { code: 0, json: JSON.parse(stdout) };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, json: e.stdout ? JSON.parse(e.stdout) : null };
  }
}

describe('zhicheng batch and kit', () => {
  const idNumber = makeIdNumber('320102', '1995-01-01', 11);

  it(
    'creates a batch, adds a person, guards its status, and exports the kits',
    async () => {
      const ws = await openTestWorkspace(data);
      const { person } = await ws.call('people.save', { name: '张三', idNumber, workStartedOn: '2022-07-01' });
      ws.app.services.library.store(await smallPdf('diploma'), {
        employeeId: person.id,
        declarationId: null,
        materialType: '学历证书',
        year: null,
        title: null,
        fileName: 'a.pdf',
        mime: 'application/pdf',
        pages: 1,
        source: '扫描',
        originalId: null,
        validUntil: null,
      });
      ws.app.close();

      const created = await zhicheng(
        'batch',
        'create',
        '--data',
        data,
        '--type',
        '初定',
        '--name',
        '2026年初定',
        '--region',
        '江苏省/南京市/市本级',
        '--json',
      );
      expect(created.code).toBe(0);
      expect(created.json).toMatchObject({ ok: true, id: expect.any(Number) });
      const id = String(created.json.id);

      const added = await zhicheng(
        'batch',
        'add',
        '--data',
        data,
        '--batch',
        id,
        '--person',
        idNumber,
        '--level',
        '助理级',
        '--specialty',
        '工程/电子信息/通信工程',
        '--json',
      );
      expect(added).toMatchObject({
        code: 0,
        json: { ok: true, added: 1, declarations: [{ id: expect.any(Number), idNumber }] },
      });
      const declaration = String(added.json.declarations[0].id);

      const refused = await zhicheng(
        'batch',
        'status',
        '--data',
        data,
        '--declaration',
        declaration,
        '--to',
        '材料齐全',
        '--json',
      );
      expect(refused).toMatchObject({
        code: 2,
        json: { ok: false, code: 'CHECKLIST_INCOMPLETE', missing: expect.arrayContaining(['缺少单位同意申报证明']) },
      });
      expect(refused.json.message).toContain('缺少');
      const noReason = await zhicheng(
        'batch',
        'status',
        '--data',
        data,
        '--declaration',
        declaration,
        '--to',
        '材料齐全',
        '--force',
        '--json',
      );
      expect(noReason).toMatchObject({ code: 2, json: { ok: false, code: 'USAGE' } });
      const forced = await zhicheng(
        'batch',
        'status',
        '--data',
        data,
        '--batch',
        id,
        '--person',
        idNumber,
        '--to',
        '材料齐全',
        '--force',
        '--reason',
        '原件已核对',
        '--json',
      );
      expect(forced).toMatchObject({
        code: 0,
        json: { ok: true, declaration: { id: Number(declaration), idNumber, status: '材料齐全' } },
      });
      expect(
        (await zhicheng('batch', 'add', '--data', data, '--batch', id, '--person', '110105194912310021', '--json'))
          .code,
      ).toBe(2);

      const out = join(dir, 'kits');
      const exported = await zhicheng('kit', 'export', '--data', data, '--batch', id, '--out', out, '--zip', '--json');
      expect(exported.code).toBe(0);
      expect(exported.json.people).toEqual([
        {
          idNumber,
          folder: join(out, '001_张三'),
          files: 1,
          missing: expect.arrayContaining(['缺少单位同意申报证明']),
          problems: [],
        },
      ]);
      expect(existsSync(join(out, '001_张三.zip'))).toBe(true);
      const again = await zhicheng('kit', 'export', '--data', data, '--batch', id, '--out', out, '--json');
      expect(again.code).toBe(2);
      expect(again.json).toMatchObject({ ok: false, code: 'CONFLICT', message: expect.stringContaining('未覆盖') });
    },
    CLI_RUNS_BUDGET,
  );

  it('refuses an unknown type with exit 2', async () => {
    expect((await zhicheng('batch', 'create', '--data', data, '--type', '其他', '--name', 'x', '--json')).code).toBe(2);
  });
});
