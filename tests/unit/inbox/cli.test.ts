/**
 * The inbox and doc commands as a user runs them: a workspace folder, a scan folder, JSON out,
 * exit codes for refusals, and person documents (add, trash, restore, replace).
 */
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDocCommand, runInboxCommand, type InboxFlags } from '../../../electron/hosts/cli/inboxCommands';
import { createInboxService } from '../../../electron/services/inbox';
import { createPdfEngine, type PdfEngine } from '../../../electron/services/pdf/engine';
import { smallPdf } from '../../support/documents';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, tempDir } from '../../support/workspace';
import { scanPageJpeg } from './support';

let engine: PdfEngine;
let data: string;
let scan: string;
const idNumber = makeIdNumber('320104', '1985-06-12', 3);

async function cli(kind: 'inbox' | 'doc', sub: string, args: string[], flags: InboxFlags) {
  let out = '';
  let err = '';
  const io = { stdout: (t: string) => (out += t), stderr: (t: string) => (err += t), engine };
  const exit =
    kind === 'inbox' ? await runInboxCommand(sub, args, flags, io) : await runDocCommand(sub, args, flags, io);
  return { exit, out, err, json: flags.json && out ? (JSON.parse(out) as Record<string, unknown>) : null };
}

beforeAll(async () => {
  engine = createPdfEngine({ maxJobs: 2 });
  const ws = await openTestWorkspace();
  data = ws.dir;
  await ws.call('people.save', { name: '张建国', idNumber, workStartedOn: '2008-07-01', category: '企业' });
  ws.app.close();
  scan = tempDir('zhicheng-cli-scan-');
});
afterAll(() => engine.close());

describe('zhicheng inbox', () => {
  it('adds a folder, runs it once and prints each file’s outcome as JSON', async () => {
    const added = await cli('inbox', 'add-folder', [scan], {
      data,
      json: true,
      type: '其他材料',
      'stable-seconds': '0',
    });
    expect(added.exit).toBe(0);
    // No --poll or --no-poll: automatic (null), which polls network paths only.
    expect(added.json).toMatchObject({ ok: true, folder: { path: scan, materialType: '其他材料', polling: null } });
    for (const [flag, polling] of [
      ['poll', true],
      ['no-poll', false],
    ] as const) {
      const other = tempDir('zhicheng-cli-scan-');
      const folder = await cli('inbox', 'add-folder', [other], { data, json: true, [flag]: true });
      expect(folder.json).toMatchObject({ ok: true, folder: { polling } });
    }
    expect((await cli('inbox', 'add-folder', [scan], { data, json: true, poll: true, 'no-poll': true })).exit).toBe(2);
    expect((await cli('inbox', 'add-folder', [scan], { data, json: true })).exit).toBe(2);
    expect((await cli('inbox', 'add-folder', [scan], { data, json: true, type: '不存在' })).exit).toBe(2);

    mkdirSync(join(scan, '张建国'));
    const old = (Date.now() - 60_000) / 1000;
    for (const [name, bytes] of [
      ['张建国/2021年度考核.pdf', await smallPdf('2021')],
      ['unknown.pdf', await smallPdf('who')],
      ['broken.jpg', (await scanPageJpeg(5)).subarray(0, 3000)],
    ] as const) {
      writeFileSync(join(scan, name), bytes);
      utimesSync(join(scan, name), old, old);
    }
    const run = await cli('inbox', 'run', [], { data, once: true, json: true, 'max-wait': '1' });
    expect(run.exit).toBe(0);
    const json = run.json as { ok: boolean; files: Array<Record<string, unknown>>; counts: Record<string, number> };
    // The cut-off JPEG may still be being written: it waits for its retries (2 s, 5 s, 15 s) before quarantine.
    expect(json.counts).toEqual({ released: 1, needs_review: 1, secured: 1 });
    expect(json.files.find((f) => f.state === 'secured')!.message).toContain('稍后重试');
    expect(json.files.find((f) => f.state === 'released')).toMatchObject({
      path: join(scan, '张建国', '2021年度考核.pdf'),
      personIdNumber: idNumber,
      materialType: '年度考核表',
      year: 2021,
      outputName: '张建国_年度考核表_2021.pdf',
    });
    expect(typeof json.files.find((f) => f.state === 'released')!.documentId).toBe('number');
    expect(json.files.find((f) => f.state === 'needs_review')!.message).toContain('未能');

    // A second run finds nothing new and files nothing twice; only the waiting file is reported.
    const again = await cli('inbox', 'run', [], { data, once: true, json: true, 'max-wait': '0' });
    const left = (again.json as { files: Array<{ path: string; state: string }> }).files;
    expect(left.map((f) => f.path)).toEqual([join(scan, 'broken.jpg')]);
  });

  it('writes a cover sheet', async () => {
    const out = join(tempDir('zhicheng-cover-'), '封面.pdf');
    const result = await cli('inbox', 'cover', [], {
      data,
      person: idNumber,
      type: '年度考核表',
      year: '2023',
      out,
      json: true,
    });
    expect(result.exit).toBe(0);
    expect((await cli('inbox', 'cover', [], { data, person: idNumber, type: '年度考核表', out })).exit).toBe(2);
  });
});

describe('zhicheng doc add and person documents', () => {
  it('adds files through the engine; refuses unknown people, types and damaged files with exit 2', async () => {
    const dir = tempDir('zhicheng-doc-');
    const pdf = join(dir, '承诺书.pdf');
    const photo = join(dir, 'photo.jpg');
    const broken = join(dir, 'broken.pdf');
    writeFileSync(pdf, await smallPdf('pledge'));
    writeFileSync(photo, await scanPageJpeg(6, 150));
    writeFileSync(broken, (await smallPdf('cut')).subarray(0, 400));

    const ok = await cli('doc', 'add', [pdf, photo], { data, person: idNumber, type: '诚信承诺书', json: true });
    expect(ok.exit).toBe(0);
    const documents = (ok.json as { documents: Array<{ fileName: string; bytes: number; documentId: number }> })
      .documents;
    expect(documents.map((d) => d.fileName)).toEqual(['张建国_诚信承诺书.pdf', '张建国_诚信承诺书_01.pdf']);

    const refused = async (flags: InboxFlags, files = [pdf]) => {
      const r = await cli('doc', 'add', files, { data, json: true, ...flags });
      expect(r.exit, JSON.stringify(r.json)).toBe(2);
      return (r.json as { message: string }).message;
    };
    expect(await refused({ person: makeIdNumber('320104', '1985-06-12', 4), type: '诚信承诺书' })).toContain('找不到');
    expect(await refused({ person: idNumber, type: '简历' })).toContain('不是已知的材料类型');
    expect(await refused({ person: idNumber, type: '年度考核表' })).toContain('年度');
    expect(await refused({ person: idNumber, type: '诚信承诺书' }, [broken])).toContain('损坏');
    expect(await refused({ person: idNumber, type: '诚信承诺书' }, [join(dir, 'missing.pdf')])).toContain('找不到');

    // Person documents: list, trash, restore, replace.
    const ws = await openTestWorkspace(data);
    try {
      const inbox = createInboxService({
        db: ws.app.database.db,
        repos: ws.app.services.repos,
        library: ws.app.services.library,
        engine,
        dataDir: data,
      });
      const personId = ws.app.services.repos.people.idOf(idNumber)!;
      const before = inbox.documents.list(personId).length;
      inbox.documents.trash(documents[1]!.documentId);
      expect(inbox.documents.list(personId)).toHaveLength(before - 1);
      expect(inbox.documents.list(personId, { trashed: true }).map((d) => d.id)).toEqual([documents[1]!.documentId]);
      inbox.documents.restore(documents[1]!.documentId);
      expect(inbox.documents.list(personId)).toHaveLength(before);
      const replaced = await inbox.documents.replace(documents[0]!.documentId, {
        name: 'new.pdf',
        bytes: await smallPdf('new pledge'),
      });
      expect(ws.app.services.repos.documents.get(documents[0]!.documentId)!.status).toBe('superseded');
      expect(replaced.fileName).toBe('张建国_诚信承诺书_02.pdf');
      expect(readdirSync(join(data, 'library')).length).toBeGreaterThan(0);
    } finally {
      ws.app.close();
    }
  });
});
