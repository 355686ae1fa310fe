/**
 * Cover sheets: generated with pdf-lib, printed and scanned (rendered by poppler, as a scanner
 * would see the paper), in front of pages of several people in one stack. The stack is split at
 * the covers, each part filed exactly to its person and material, the covers themselves dropped.
 */
import { readFileSync } from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COVER_KEY, COVER_PREFIX, coverPayload, parseCoverPayload } from '../../../electron/services/inbox/coverSheet';
import { decodeQr } from '../../../electron/services/pdf/pageImages';
import { createPdfEngine, type PdfEngine } from '../../../electron/services/pdf/engine';
import { inboxWorld, renderedPageJpeg, scanPageJpeg, scannedPdf, type InboxWorld } from './support';

let engine: PdfEngine;
let world: InboxWorld;
beforeAll(() => {
  engine = createPdfEngine({ maxJobs: 2 });
});
afterAll(() => engine.close());
afterEach(() => world?.cleanup());

describe('cover sheets', () => {
  it('encodes person, material and year with a check of the ID number', () => {
    const payload = coverPayload({
      personId: 12,
      idNumber: '11010519491231002X',
      name: '张三',
      materialType: '年度考核表',
      year: 2023,
    });
    expect(payload).toMatch(/^ZC1\|12\|年度考核表\|2023\|[0-9a-f]{6}$/);
    expect(parseCoverPayload(payload)).toMatchObject({ personId: 12, materialType: '年度考核表', year: 2023 });
    expect(parseCoverPayload('HR:EMP=1;DOC=X')).toBeNull();
  });

  it('generates printable A4 sheets whose QR code reads back from the printed page', async () => {
    world = await inboxWorld(engine);
    const p = await world.addPerson('王雪梅', 81);
    const pdf = await world.inbox.coverSheets([
      { employeeId: p.id, materialType: '学历证书' },
      { employeeId: p.id, materialType: '年度考核表', year: 2024 },
    ]);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(2);
    const { data, info } = await sharp(renderedPageJpeg(pdf, 2, 100))
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const read = await decodeQr({ data, width: info.width, height: info.height });
    expect(parseCoverPayload(read!)).toMatchObject({ personId: p.id, materialType: '年度考核表', year: 2024 });
    await expect(world.inbox.coverSheets([{ employeeId: p.id, materialType: '年度考核表' }])).rejects.toThrow('年度');
  });

  it('splits a scanned stack of several people at the covers and files each part exactly', async () => {
    world = await inboxWorld(engine);
    const a = await world.addPerson('李晓明', 91);
    const b = await world.addPerson('赵丽华', 92);
    const covers = await world.inbox.coverSheets([
      { employeeId: a.id, materialType: '学位证书' },
      { employeeId: b.id, materialType: '年度考核表', year: 2023 },
      { employeeId: b.id, materialType: '社保缴费证明' },
    ]);
    const cover = (n: number) => renderedPageJpeg(covers, n, 100);
    const page = (seed: number) => scanPageJpeg(seed, 100);
    // The stack as the scanner wrote it: cover A, 2 pages, cover B1, 1 page, cover B2, 2 pages.
    const stack = await scannedPdf([
      cover(1),
      await page(1),
      await page(2),
      cover(2),
      await page(3),
      cover(3),
      await page(4),
      await page(5),
    ]);
    world.drop('SCN_0001.pdf', stack);
    const files = await world.inbox.pipeline.runOnce();
    const parent = files.find((f) => f.parentId === null)!;
    expect(parent.state).toBe('released');
    const parts = files.filter((f) => f.parentId === parent.id);
    expect(parts.map((f) => [f.personId, f.materialType, f.year, f.pages, f.state])).toEqual([
      [a.id, '学位证书', null, 2, 'released'],
      [b.id, '年度考核表', 2023, 1, 'released'],
      [b.id, '社保缴费证明', null, 2, 'released'],
    ]);
    // The filed PDFs hold only the material pages (covers dropped), each its original's part.
    const library = world.ws.app.services.library;
    const repos = world.ws.app.services.repos;
    const filed = parts.map((f) => repos.documents.get(f.documentId!)!);
    const pages = await Promise.all(
      filed.map(async (d) => (await PDFDocument.load(readFileSync(library.absolute(d.storedPath)))).getPageCount()),
    );
    expect(pages).toEqual([2, 1, 2]);
    expect(new Set(filed.map((d) => d.originalId)).size).toBe(1);
    const original = repos.documents.get(filed[0]!.originalId!)!;
    expect(original).toMatchObject({ status: 'superseded', pages: 8, employeeId: null });
    expect(filed.map((d) => d.fileName)).toEqual([
      '李晓明_学位证书.pdf',
      '赵丽华_年度考核表_2023.pdf',
      '赵丽华_社保缴费证明.pdf',
    ]);
  });

  it('routes a single scanned file by its cover even when the name says nothing', async () => {
    world = await inboxWorld(engine);
    await world.addPerson('杨国庆', 95);
    const c = await world.addPerson('周文博', 96);
    const covers = await world.inbox.coverSheets([{ employeeId: c.id, materialType: '执业资格证书' }]);
    world.drop('杨国庆.pdf', await scannedPdf([renderedPageJpeg(covers, 1, 100), await scanPageJpeg(7, 100)]));
    const [file] = await world.inbox.pipeline.runOnce();
    // The cover wins over the name in the file's name, and only the material page is filed.
    expect(file).toMatchObject({ state: 'released', personId: c.id, materialType: '执业资格证书', pages: 1 });
  });

  it('reads covers and draws previews in the engine’s worker: printed or digital covers, nothing else', async () => {
    world = await inboxWorld(engine);
    const p = await world.addPerson('孙海燕', 97);
    const covers = await world.inbox.coverSheets([{ employeeId: p.id, materialType: '学历证书' }]);
    const look = { markerKey: COVER_KEY, prefix: `${COVER_PREFIX}|` };
    const printed = await scannedPdf([renderedPageJpeg(covers, 1, 100), await scanPageJpeg(3, 100)]);
    const [cover, page] = await engine.pageCodes({ bytes: printed, name: 'scan.pdf' }, look);
    expect(parseCoverPayload(cover!)).toMatchObject({ personId: p.id, materialType: '学历证书' });
    expect(page).toBeNull();
    // The generated sheet itself carries its payload as a marker, a vector page with no scan.
    expect((await engine.pageCodes({ bytes: covers, name: 'cover.pdf' }, look))[0]).toBe(cover);
    expect(await engine.pageCodes({ bytes: printed, name: 'scan.pdf' }, { ...look, prefix: 'OTHER|' })).toEqual([
      null,
      null,
    ]);
    const png = await engine.pagePreview({ bytes: printed, name: 'scan.pdf' }, 'pdf', 2, 400);
    expect((await sharp(png!).metadata()).width).toBe(400);
    expect(await engine.pagePreview({ bytes: covers, name: 'cover.pdf' }, 'pdf', 1)).toBeNull();
  });

  it('reads a cover scanned coarse, askew and compressed hard: 75 to 300 dpi, turned 3°, JPEG quality 30', async () => {
    world = await inboxWorld(engine);
    const p = await world.addPerson('周建华', 98);
    const covers = await world.inbox.coverSheets([{ employeeId: p.id, materialType: '年度考核表', year: 2024 }]);
    const look = { markerKey: COVER_KEY, prefix: `${COVER_PREFIX}|` };
    for (const dpi of [75, 150, 300]) {
      const scanned = await sharp(renderedPageJpeg(covers, 1, dpi))
        .rotate(3, { background: '#ffffff' })
        .jpeg({ quality: 30 })
        .toBuffer();
      const [code] = await engine.pageCodes({ bytes: await scannedPdf([scanned]), name: 'scan.pdf' }, look);
      expect(parseCoverPayload(code ?? ''), `${dpi} dpi`).toMatchObject({ personId: p.id, year: 2024 });
    }
  });
});
