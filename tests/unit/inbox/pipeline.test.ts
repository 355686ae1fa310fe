/**
 * The scan-folder pipeline end to end on real files and the real engine: matching by 身份证号,
 * 工号 and 姓名, review for ambiguity, keywords and years, images converted, duplicates linked,
 * damaged files quarantined, the size limit, file names, the source released only after filing,
 * and files still being written left alone until they settle.
 */
import { appendFileSync, existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sha256Of } from '../../../electron/services/library/library';
import { createPdfEngine, type PdfEngine } from '../../../electron/services/pdf/engine';
import { smallPdf } from '../../support/documents';
import { mountTmpfs, remountReadOnly, unmountAll } from '../../support/tmpfs';
import { inboxWorld, scanPageJpeg, scannedPdf, type InboxWorld } from './support';

/** Mounting needs root; tried once here so the read-only folder tests know whether to run. */
const canMountHere = (() => {
  const dir = mountTmpfs(1);
  unmountAll();
  return dir !== null;
})();

let engine: PdfEngine;
let world: InboxWorld;

beforeAll(() => {
  engine = createPdfEngine({ maxJobs: 2 });
});
afterAll(() => engine.close());
afterEach(() => world?.cleanup());

const docs = (w: InboxWorld) =>
  w.ws.app.database.sqlite.prepare('SELECT * FROM documents ORDER BY id').all() as Array<{
    id: number;
    employee_id: number | null;
    material_type: string;
    year: number | null;
    file_name: string;
    sha256: string;
    bytes: number;
    status: string;
    original_id: number | null;
    stored_path: string;
    mime: string;
  }>;

describe('matching and filing', () => {
  it('files by 身份证号, 工号 and 姓名, with type and year from keywords, and releases the sources', async () => {
    world = await inboxWorld(engine);
    const zhang = await world.addPerson('张建国', 11);
    const li = await world.addPerson('李晓明', 12, 'E1024');
    const wang = await world.addPerson('王雪梅', 13);
    const pdf = await smallPdf('diploma');
    world.drop(`${zhang.idNumber}_毕业证.pdf`, pdf);
    world.drop('E1024 2023年度考核表.pdf', await smallPdf('assessment 2023'));
    world.drop('王雪梅/社保缴费证明.pdf', await smallPdf('insurance'));

    const files = await world.inbox.pipeline.runOnce();
    const byName = new Map(files.map((f) => [f.path.split('/').pop(), f]));
    expect(byName.get(`${zhang.idNumber}_毕业证.pdf`)).toMatchObject({
      state: 'released',
      personId: zhang.id,
      materialType: '学历证书',
      outputName: '张建国_学历证书.pdf',
    });
    expect(byName.get('E1024 2023年度考核表.pdf')).toMatchObject({
      state: 'released',
      personId: li.id,
      materialType: '年度考核表',
      year: 2023,
      outputName: '李晓明_年度考核表_2023.pdf',
    });
    expect(byName.get('社保缴费证明.pdf')).toMatchObject({
      state: 'released',
      personId: wang.id,
      materialType: '社保缴费证明',
    });

    // Each filed PDF has its original as its own row (kept, never active), linked by originalId.
    const rows = docs(world);
    const filed = rows.filter((d) => d.status === 'active');
    expect(filed).toHaveLength(3);
    for (const doc of filed) {
      const original = rows.find((d) => d.id === doc.original_id)!;
      expect(original.status).toBe('superseded');
      expect(original.employee_id).toBe(doc.employee_id);
      expect(existsSync(world.ws.app.services.library.absolute(original.stored_path))).toBe(true);
    }
    // A PDF already under the limit is filed byte-identical.
    const diploma = filed.find((d) => d.material_type === '学历证书')!;
    expect(diploma.sha256).toBe(sha256Of(pdf));
    // Sources left the inbox for 已处理/, nothing is left claimed.
    expect(readdirSync(join(world.scanDir, '已处理')).sort()).toEqual(
      [`${zhang.idNumber}_毕业证.pdf`, 'E1024 2023年度考核表.pdf', '王雪梅'].sort(),
    );
    expect(readdirSync(join(world.scanDir, '.zhicheng', 'claimed'))).toEqual([]);
    expect(existsSync(join(world.scanDir, `${zhang.idNumber}_毕业证.pdf`))).toBe(false);
  });

  it('sends a shared name, a conflict and an unknown person to review, never to the first match', async () => {
    world = await inboxWorld(engine);
    const a = await world.addPerson('刘志强', 21);
    const b = await world.addPerson('刘志强', 22);
    await world.addPerson('陈静怡', 23);
    world.drop('刘志强_学位证书.pdf', await smallPdf('degree'));
    world.drop('赵六_学位证书.pdf', await smallPdf('unknown person'));
    world.drop('陈静怡_学历学位.pdf', await smallPdf('two types'));

    const files = await world.inbox.pipeline.runOnce();
    expect(files.every((f) => f.state === 'needs_review')).toBe(true);
    const shared = files.find((f) => f.path.endsWith('刘志强_学位证书.pdf'))!;
    expect(shared.message).toContain('同名');
    expect(shared.personId).toBeNull();
    expect(files.find((f) => f.path.endsWith('赵六_学位证书.pdf'))!.message).toContain('未能');
    expect(files.find((f) => f.path.endsWith('陈静怡_学历学位.pdf'))!.message).toContain('多种材料');
    expect(docs(world).filter((d) => d.status === 'active')).toHaveLength(0);
    // Nothing is released while it waits: the claimed copy stays, the original is in the library.
    expect(readdirSync(join(world.scanDir, '.zhicheng', 'claimed'))).toHaveLength(3);

    // The review queue: a preview, the candidates, then the user assigns and it is filed.
    expect(world.inbox.pipeline.list('review')).toHaveLength(3);
    const detail = world.inbox.pipeline.detail(shared.id);
    expect(detail.candidates.map((c) => c.employeeId).sort()).toEqual([a.id, b.id].sort());
    const done = await world.inbox.pipeline.assign(shared.id, { employeeId: b.id, materialType: '学位证书' });
    expect(done).toMatchObject({ state: 'released', personId: b.id, outputName: '刘志强_学位证书.pdf' });
    expect(
      docs(world)
        .filter((d) => d.status === 'active')
        .map((d) => d.employee_id),
    ).toEqual([b.id]);
  });

  it('converts phone photos and PNG scans, fits the limit, and names never overwrite', async () => {
    world = await inboxWorld(engine, {}, null);
    const p = await world.addPerson('黄海涛', 31);
    const photo = await sharp(await scanPageJpeg(1, 120, 95))
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer();
    world.drop('黄海涛_继续教育_2022.jpg', photo);
    world.drop(
      '黄海涛_继续教育_2022.png',
      await sharp(await scanPageJpeg(2, 100))
        .png()
        .toBuffer(),
    );
    const files = await world.inbox.pipeline.runOnce();
    expect(files.map((f) => f.state)).toEqual(['released', 'released']);
    expect(files.map((f) => f.outputName).sort()).toEqual([
      '黄海涛_继续教育证书_2022.pdf',
      '黄海涛_继续教育证书_2022_01.pdf',
    ]);
    for (const doc of docs(world).filter((d) => d.status === 'active')) {
      expect(doc.bytes).toBeLessThanOrEqual(500 * 1024);
      const pdf = await PDFDocument.load(readFileSync(world.ws.app.services.library.absolute(doc.stored_path)));
      expect(pdf.getPageCount()).toBe(1);
      expect(doc.employee_id).toBe(p.id);
    }
    // The originals are the photos, unchanged.
    const originals = docs(world).filter((d) => d.status === 'superseded');
    expect(originals.map((d) => d.mime).sort()).toEqual(['image/jpeg', 'image/png']);
    expect(originals.find((d) => d.mime === 'image/jpeg')!.sha256).toBe(sha256Of(photo));
  });

  it('compresses a scan over the limit under it, and sends one that cannot fit to review', async () => {
    world = await inboxWorld(engine);
    await world.addPerson('周文博', 41);
    await world.inbox.settings.save({ defaultLimitKb: 120, limitsKb: { 工作经历证明: 10 } });
    const big = await scannedPdf([await scanPageJpeg(1, 150, 95)]);
    expect(big.length).toBeGreaterThan(120 * 1024);
    world.drop('周文博_学位证书.pdf', big);
    world.drop('周文博_工作经历证明.pdf', await scannedPdf([await scanPageJpeg(2, 150, 95)]));
    const files = await world.inbox.pipeline.runOnce();
    const fitted = files.find((f) => f.materialType === '学位证书')!;
    expect(fitted.state).toBe('released');
    expect(fitted.outputBytes!).toBeLessThanOrEqual(120 * 1024);
    // 10 KB cannot hold a readable page: review with the engine's reason, nothing filed, nothing released.
    const tight = files.find((f) => f.path.endsWith('工作经历证明.pdf'))!;
    expect(tight.state).toBe('needs_review');
    expect(tight.message).toContain('10 KB');
    expect(existsSync(world.inbox.repo.file(tight.id)!.claimedPath!)).toBe(true);
  });
});

describe('duplicates, damage and retries', () => {
  it('links an exact duplicate to the filed document and releases its source', async () => {
    world = await inboxWorld(engine);
    await world.addPerson('吴佳琪', 51);
    const pdf = await smallPdf('pledge');
    world.drop('吴佳琪_承诺书.pdf', pdf);
    await world.inbox.pipeline.runOnce();
    world.drop('吴佳琪_承诺书.pdf', pdf);
    world.drop('copy/吴佳琪 诚信承诺.pdf', pdf);
    const files = await world.inbox.pipeline.runOnce();
    const again = files.filter((f) => f.state === 'duplicate');
    expect(again).toHaveLength(2);
    const active = docs(world).filter((d) => d.status === 'active');
    expect(active).toHaveLength(1);
    expect(world.inbox.repo.file(again[0]!.id)!.duplicateOfDocId).toBe(active[0]!.id);
    expect(existsSync(join(world.scanDir, '吴佳琪_承诺书.pdf'))).toBe(false);
    expect(readdirSync(join(world.scanDir, '已处理'))).toContain('吴佳琪_承诺书_01.pdf');
  });

  it('of identical files, processes the one whose name says whose and what, not an unidentified twin', async () => {
    world = await inboxWorld(engine);
    const chen = await world.addPerson('陈静', 52);
    const photo = await scanPageJpeg(9, 120, 90);
    // The phone's name first: alone it would wait in 待确认, and its well-named twin was thrown away as a duplicate.
    world.drop('IMG_20261206_101500.jpg', photo, 120_000);
    world.drop('陈静-继续教育-2025.jpg', photo, 60_000);
    const files = await world.inbox.pipeline.runOnce();
    const named = files.find((f) => f.path.endsWith('陈静-继续教育-2025.jpg'))!;
    const img = files.find((f) => f.path.endsWith('IMG_20261206_101500.jpg'))!;
    expect(named).toMatchObject({ state: 'released', personId: chen.id, materialType: '继续教育证书', year: 2025 });
    expect(img).toMatchObject({ state: 'duplicate', message: '与「陈静-继续教育-2025.jpg」完全相同，由其归档' });
    expect(docs(world).filter((d) => d.status === 'active')).toHaveLength(1);
    expect(world.inbox.pipeline.list('review')).toEqual([]);
  });

  it('links a renamed copy of a filed document, by its original or its filed PDF, instead of filing it again', async () => {
    world = await inboxWorld(engine);
    const zhao = await world.addPerson('赵丽华', 53);
    // A photo: the filed PDF differs from the original, so either may come back.
    world.drop('赵丽华_学信网备案表.jpg', await scanPageJpeg(11, 120, 90));
    const [first] = await world.inbox.pipeline.runOnce();
    expect(first).toMatchObject({ state: 'released', personId: zhao.id });
    const filed = world.ws.app.services.repos.documents.get(first!.documentId!)!;
    world.drop('扫描全能王 2026-12-06 10.15.pdf', world.ws.app.services.library.read(filed));
    const [copy] = await world.inbox.pipeline.runOnce();
    expect(copy).toMatchObject({ state: 'duplicate', message: `与已归档的「${filed.fileName}」完全相同，未重复归档` });
    expect(docs(world).filter((d) => d.status === 'active')).toHaveLength(1);
  });

  it('quarantines a damaged PDF and a truncated JPEG after waiting, keeping their bytes; retry and discard', async () => {
    world = await inboxWorld(engine);
    await world.addPerson('杨国庆', 61);
    const pdf = await scannedPdf([await scanPageJpeg(3)]);
    const cut = pdf.slice(0, Math.floor(pdf.length * 0.6));
    const jpeg = await scanPageJpeg(4);
    world.drop('杨国庆_学历证书.pdf', cut);
    world.drop('杨国庆_学位证书.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 2)));
    world.drop(
      '杨国庆_iPhone.heic',
      Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(64)]),
    );
    const files = await world.inbox.pipeline.runOnce();
    expect(files.map((f) => f.state)).toEqual(['quarantined', 'quarantined', 'quarantined']);
    const damaged = files.find((f) => f.path.endsWith('.pdf'))!;
    expect(damaged.message).toContain('损坏');
    expect(files.find((f) => f.path.endsWith('.heic'))!.message).toContain('HEIC');
    // It waited (the scanner may still be writing) before giving up, and the log says so.
    const events = world.inbox.pipeline.detail(damaged.id).events;
    expect(events.filter((e) => e.detail?.startsWith('INCOMPLETE'))).toHaveLength(3);
    // Never lost: the bytes are in the library and the claimed file is still there.
    const row = world.inbox.repo.file(damaged.id)!;
    expect(sha256Of(readFileSync(world.ws.app.services.library.absolute(row.storedPath!)))).toBe(sha256Of(cut));
    expect(existsSync(row.claimedPath!)).toBe(true);
    expect(world.inbox.pipeline.list('quarantine')).toHaveLength(3);
    const discarded = await world.inbox.pipeline.discard(damaged.id);
    expect(discarded.state).toBe('discarded');
    expect(existsSync(row.claimedPath!)).toBe(false);
    expect(docs(world).filter((d) => d.status === 'active')).toHaveLength(0);
  });

  it('retries a locked file with backoff persisted across a restart, then files it', async () => {
    let locks = 3;
    const { nodeFs } = await import('../../../electron/services/inbox/fsOps');
    const lockedFs = {
      ...nodeFs,
      rename: async (from: string, to: string) => {
        if (to.includes('claimed') && locks-- > 0) throw Object.assign(new Error('busy'), { code: 'EBUSY' });
        return nodeFs.rename(from, to);
      },
    };
    world = await inboxWorld(engine, { fs: lockedFs, lockRetryMs: 0, retry: { delaysMs: [60_000], jitter: 0 } });
    await world.addPerson('赵丽华', 71);
    world.drop('赵丽华_学历证书.pdf', await smallPdf('locked'));
    const first = await world.inbox.pipeline.runOnce({ maxWaitMs: 0 });
    expect(first[0]).toMatchObject({ state: 'stable' });
    const row = world.inbox.repo.file(first[0]!.id)!;
    expect(row.attempt).toBe(1);
    expect(row.nextAt! - Date.now()).toBeGreaterThan(50_000);
    expect(row.lastError).toContain('占用');

    // A new process (another pipeline on the same database) respects the persisted wait…
    const { createInboxService } = await import('../../../electron/services/inbox');
    const restarted = (clock: () => number) =>
      createInboxService({
        db: world.ws.app.database.db,
        repos: world.ws.app.services.repos,
        library: world.ws.app.services.library,
        engine,
        dataDir: world.ws.dir,
        pipeline: { fs: lockedFs, lockRetryMs: 0, retry: { delaysMs: [60_000], jitter: 0 }, clock, recheckMs: 30 },
      }).pipeline;
    expect((await restarted(Date.now).runOnce({ maxWaitMs: 0 }))[0]!.state).toBe('stable');
    expect(world.inbox.repo.file(row.id)!.attempt).toBe(1);
    // …and when its time has come, retries (still locked twice more), then files it.
    let t = Date.now() + 61_000;
    const later = restarted(() => t);
    for (let i = 0; i < 3; i++) {
      await later.runOnce({ maxWaitMs: 0 });
      t += 61_000;
    }
    const final = world.inbox.repo.file(row.id)!;
    expect(final.state).toBe('released');
    expect(final.attempt).toBe(0);
    const events = world.inbox.repo.events(row.id).map((e) => e.detail ?? e.state);
    expect(events.filter((e) => e.startsWith('EBUSY'))).toHaveLength(3);
  });
});

describe('settling', () => {
  it('waits for a file still being written, and never takes temp, system or empty files', async () => {
    world = await inboxWorld(engine, {}, null);
    const { scanDir } = world;
    world.inbox.folders.update(world.inbox.folders.list()[0]!.id, { stableSeconds: 1 });
    const person = await world.addPerson('周晓雯', 61);
    const whole = await smallPdf('diploma of zhou', 20_000);
    // The scanner has written half of the file, just now.
    const path = world.drop(`${person.idNumber}_学历证书.pdf`, whole.subarray(0, 10_000), 0);
    for (const junk of ['Thumbs.db', '~$草稿.pdf', '扫描.pdf.part', '._扫描.pdf', 'desktop.ini'])
      world.drop(junk, whole, 60_000);
    world.drop('空文件.pdf', new Uint8Array(0), 60_000);

    await world.inbox.pipeline.scanAll();
    await world.inbox.pipeline.processReady();
    const journal = () =>
      world.ws.app.database.sqlite.prepare('SELECT rel_path, state FROM inbox_files ORDER BY rel_path').all() as Array<{
        rel_path: string;
        state: string;
      }>;
    // Seen, not taken: it may still grow. The empty one waits too; the others are never journaled.
    expect(journal()).toEqual([
      { rel_path: `${person.idNumber}_学历证书.pdf`, state: 'detected' },
      { rel_path: '空文件.pdf', state: 'detected' },
    ]);
    expect(existsSync(path)).toBe(true);

    // The rest arrives; once it has been quiet for the window, the whole file is filed.
    appendFileSync(path, whole.subarray(10_000));
    const files = await world.inbox.pipeline.runOnce({ maxWaitMs: 5000 });
    const filed = files.find((f) => f.path === path)!;
    expect(filed.state).toBe('released');
    const original = docs(world).find((d) => d.status === 'superseded')!;
    expect(original.sha256).toBe(sha256Of(whole));
    expect(files.find((f) => f.path.endsWith('空文件.pdf'))!.state).toBe('detected');
    for (const junk of ['Thumbs.db', '~$草稿.pdf', '扫描.pdf.part', '._扫描.pdf', 'desktop.ini'])
      expect(existsSync(join(scanDir, junk)), junk).toBe(true);
  });
});

describe.skipIf(!canMountHere)('a read-only scan folder (EROFS, even for root)', () => {
  afterAll(unmountAll);

  it('copies each file where it lies, files it once, and leaves the folder as it was', async () => {
    const scanDir = mountTmpfs(8)!;
    world = await inboxWorld(engine, {}, { path: scanDir, stableSeconds: 0 });
    const person = await world.addPerson('吴建华', 62);
    const bytes = await smallPdf('assessment of wu');
    const path = join(scanDir, '吴建华_2023年度考核.pdf');
    writeFileSync(path, bytes);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(path, old, old);
    remountReadOnly(scanDir);

    const first = await world.inbox.pipeline.runOnce();
    expect(first.find((f) => f.path === path)).toMatchObject({ state: 'released', personId: person.id, year: 2023 });
    expect(readdirSync(scanDir)).toEqual(['吴建华_2023年度考核.pdf']);
    expect(sha256Of(readFileSync(path))).toBe(sha256Of(bytes));
    // Remembered by name, size, time and hash: the next rescan does not file it again.
    await world.inbox.pipeline.runOnce();
    expect(docs(world).filter((d) => d.status === 'active')).toHaveLength(1);
  });
});
