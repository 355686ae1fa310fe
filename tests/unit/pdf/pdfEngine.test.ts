/**
 * The PDF engine on real files made here: 300-dpi scans of Chinese text (one page with a red seal,
 * one with a blue signature), phone-like photos, PNG, TIFF, CMYK and 1-bit images, and broken
 * files of every kind. Outputs are checked as a reader would: poppler renders and text.
 */
import { QUALITY_FLOOR, RUNGS, type Rung } from '../../../electron/services/pdf/fitSearch';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPdfCommand } from '../../../electron/hosts/cli/pdfCommands';
import { compressPdf } from '../../../electron/services/pdf/compress';
import { createPdfEngine, type PdfEngine } from '../../../electron/services/pdf/engine';
import { plainContext } from '../../../electron/services/pdf/jobContext';
import { pagePreview } from '../../../electron/services/pdf/pageImages';
import { A4_POINTS, jpegsToPdf, renderScanPage, vectorTextPage } from './support/scans';
import { inkCounts, lumaStats, pageImages, pdfText, refusal, renderPage } from './support/pdfTools';
import { peakTreeRss } from '../../support/processTree';

const KB = 1024;
let engine: PdfEngine;
let dir: string;
/** Three 300-dpi scanned pages as the scanner wrote them: plain, red seal, blue signature. */
let pagesJpeg: Buffer[];
let doc3: Uint8Array;

const file = (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

async function expectReadablePages(pdf: Uint8Array, pages: number): Promise<void> {
  const doc = await PDFDocument.load(pdf, { throwOnInvalidObject: true, updateMetadata: false });
  expect(doc.getPageCount()).toBe(pages);
  for (let p = 1; p <= pages; p++) {
    const { mean, spread } = lumaStats(await renderPage(pdf, p, 20));
    expect(mean, `page ${p} mean`).toBeLessThan(250);
    expect(spread, `page ${p} not blank`).toBeGreaterThan(8);
  }
}

/** compressPdf on the three pages in this process, with the search's trace. */
async function traced(limit: number) {
  const trace: string[] = [];
  const ctx = { ...plainContext('三页.pdf'), trace: (step: string) => trace.push(step) };
  const result = await compressPdf(doc3, { maxBytes: limit }, ctx);
  expect(result.outputBytes).toBeLessThanOrEqual(limit);
  return { result, trace };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zhicheng-pdf-'));
  engine = createPdfEngine();
  pagesJpeg = await Promise.all([
    renderScanPage(0),
    renderScanPage(1, { seal: true }),
    renderScanPage(2, { signature: true }),
  ]);
  doc3 = await jpegsToPdf(pagesJpeg);
}, 60_000);

afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('compress to a byte limit', () => {
  it('returns a file already under the limit byte-identical', async () => {
    const result = await engine.compress({ bytes: doc3, name: '已达标.pdf' }, doc3.length);
    expect(result.changed).toBe(false);
    expect(Buffer.compare(Buffer.from(result.bytes), Buffer.from(doc3))).toBe(0);
    expect(result).toMatchObject({ dpi: null, quality: null, pages: 3 });
  });

  it('fits three 300-dpi pages in 500 KB, greyscale where colourless, colour kept for seal and signature', async () => {
    const limit = 500 * KB;
    const result = await engine.compress({ path: file('三页.pdf', doc3) }, limit);
    expect(result.outputBytes).toBeLessThanOrEqual(limit);
    expect(result.bytes.length).toBe(result.outputBytes);
    expect(result.outputBytes).toBeGreaterThan(limit * 0.8); // spends the budget on quality
    expect(result.dpi).toBeGreaterThanOrEqual(150);
    expect(result.quality).toBeGreaterThanOrEqual(40);
    await expectReadablePages(result.bytes, 3);

    const images = await pageImages(result.bytes);
    expect(images.map((page) => page[0]!.colorSpace)).toEqual(['/DeviceGray', '/DeviceRGB', '/DeviceRGB']);
    const sealPage = inkCounts(await renderPage(result.bytes, 2, 50));
    expect(sealPage.red).toBeGreaterThan(500);
    const signaturePage = inkCounts(await renderPage(result.bytes, 3, 50));
    expect(signaturePage.blue).toBeGreaterThan(100);
  });

  it('tries the likely setting first: encoded once when it fits, given up after a page or two when it does not', async () => {
    // 150 dpi at the top quality fits, with too little room for 200 dpi: no probe is needed at all.
    const roomy = await traced(720 * KB);
    expect(roomy.result).toMatchObject({ dpi: 150, quality: 83 });
    expect(roomy.trace.filter((step) => step.startsWith('first try'))).toEqual([
      expect.stringMatching(/^first try 150 dpi q83 fast: \d+ B$/),
    ]);
    expect(roomy.trace.filter((step) => step.startsWith('probe') || step.startsWith('encode all'))).toEqual([]);
    // Far over: it stops before the last page and the search takes over.
    const tight = await traced(200 * KB);
    expect(tight.trace[1]).toMatch(/^first try 150 dpi q83 fast: no, after [12] images$/);
    expect(tight.trace.some((step) => step.startsWith('probe'))).toBe(true);
  });

  it('makes the largest images progressive when the fast encoding is a little over: the same pixels in fewer bytes', async () => {
    const fast = await traced(720 * KB);
    const mixed = await traced(650 * KB);
    expect(mixed.result).toMatchObject({ dpi: 150, quality: 83 });
    expect(mixed.trace.filter((step) => step.startsWith('first try'))).toEqual([
      expect.stringMatching(/^first try 150 dpi q83 fast, [1-3] progressive: \d+ B$/),
    ]);
    const streams = async (pdf: Uint8Array) => (await pageImages(pdf)).map((page) => page[0]!.contents);
    const [before, after] = [await streams(fast.result.bytes), await streams(mixed.result.bytes)];
    const progressive = async (jpegs: Uint8Array[]) =>
      (await Promise.all(jpegs.map(async (jpeg) => (await sharp(jpeg).metadata()).isProgressive))).filter(Boolean);
    expect(await progressive(before)).toHaveLength(0);
    expect((await progressive(after)).length).toBeGreaterThan(0);
    for (let page = 0; page < 3; page++) {
      const [a, b] = [await sharp(before[page]!).raw().toBuffer(), await sharp(after[page]!).raw().toBuffer()];
      expect(a.equals(b), `page ${page + 1}`).toBe(true);
    }
  });

  it('fits a 300-dpi page in 2 MB at a higher resolution', async () => {
    const one = await jpegsToPdf([pagesJpeg[1]!]);
    const limit = 2 * 1024 * KB;
    expect(one.length).toBeGreaterThan(limit);
    const result = await engine.compress({ bytes: one, name: '一页.pdf' }, limit);
    expect(result.outputBytes).toBeLessThanOrEqual(limit);
    expect(result.dpi).toBeGreaterThanOrEqual(200);
    await expectReadablePages(result.bytes, 1);
  });

  it('fits ten pages in 500 KB readably: colourless pages black and white at 300 dpi, seal and signature pages in two layers', async () => {
    const specs = Array.from({ length: 10 }, (_, i) => ({ seal: i === 1, signature: i === 2 }));
    const scans = [...pagesJpeg, ...(await Promise.all(specs.slice(3).map((spec, i) => renderScanPage(i + 3, spec))))];
    const limit = 500 * KB;
    const result = await engine.compress({ bytes: await jpegsToPdf(scans), name: '十页.pdf' }, limit);
    expect(result.outputBytes).toBeLessThanOrEqual(limit);
    expect(result.imagesBilevel).toBe(8);
    const images = await pageImages(result.bytes);
    images.forEach((page, i) => {
      if (i === 1 || i === 2) {
        // The text as a 300-dpi black-and-white mask over a colour background of at most 150 dpi.
        const ink = page.find((image) => image.imageMask);
        const background = page.find((image) => !image.imageMask);
        expect(ink, `page ${i + 1} ink`).toMatchObject({ filter: '/CCITTFaxDecode', width: 2480, inForm: true });
        expect(background, `page ${i + 1} background`).toMatchObject({ filter: '/DCTDecode', inForm: true });
        expect(background!.width).toBeLessThanOrEqual(1240);
      } else expect(page[0], `page ${i + 1}`).toMatchObject({ filter: '/CCITTFaxDecode', width: 2480, inForm: false });
    });
    await expectReadablePages(result.bytes, 10);
    expect(inkCounts(await renderPage(result.bytes, 2, 50)).red).toBeGreaterThan(500);
    expect(inkCounts(await renderPage(result.bytes, 3, 50)).blue).toBeGreaterThan(100);
    // Black on white, as scanned: the page is mostly paper with the text's ink on it.
    const { mean, spread } = lumaStats(await renderPage(result.bytes, 1, 50));
    expect(mean).toBeGreaterThan(200);
    expect(spread).toBeGreaterThan(30);
    // The app's own readers (previews, cover sheets, OCR) find a layered page's text in its ink:
    // about as much black as on a black-and-white page.
    const darkShare = async (page: number) => {
      const png = await pagePreview(result.bytes, 'pdf', page, 1240);
      const grey = await sharp(png!).greyscale().raw().toBuffer();
      return grey.filter((v) => v < 128).length / grey.length;
    };
    const [inkShare, textShare] = [await darkShare(2), await darkShare(1)];
    expect(inkShare).toBeGreaterThan(textShare * 0.8);
  });

  it('refuses ten noisy pages at 100 KB with the smallest size reachable above the floors', async () => {
    const ten = await jpegsToPdf(Array.from({ length: 10 }, (_, i) => pagesJpeg[i % 3]!));
    const error = await refusal(engine.compress({ bytes: ten, name: '十页.pdf' }, 100 * KB));
    expect(error.pdfCode).toBe('CANNOT_FIT');
    expect(error.bestBytes).toBeGreaterThan(100 * KB);
    expect(error.message).toContain('十页.pdf');
    expect(error.message).toContain('10 页');
    // The size it names is really reachable, and reached above the floors.
    const best = await engine.compress({ bytes: ten, name: '十页.pdf' }, error.bestBytes!);
    expect(best.outputBytes).toBeLessThanOrEqual(error.bestBytes!);
    expect(RUNGS).toContain(best.dpi);
    expect(best.quality!).toBeGreaterThanOrEqual(QUALITY_FLOOR[best.dpi as Rung]);
  });

  it('never goes below the floor of its resolution, and a looser limit never gives a coarser file', async () => {
    let last = { dpi: 0, quality: 0 };
    for (const kb of [150, 200, 250, 300, 400]) {
      const result = await engine.compress({ bytes: doc3, name: '三页.pdf' }, kb * KB);
      expect(result.outputBytes).toBeLessThanOrEqual(kb * KB);
      expect(RUNGS).toContain(result.dpi);
      expect(result.quality!).toBeGreaterThanOrEqual(QUALITY_FLOOR[result.dpi as Rung]);
      const setting = { dpi: result.dpi!, quality: result.quality! };
      expect(setting.dpi > last.dpi || (setting.dpi === last.dpi && setting.quality >= last.quality), `${kb} KB`).toBe(
        true,
      );
      last = setting;
      await expectReadablePages(result.bytes, 3);
    }
  });

  it('keeps vector text and fonts: only the scanned image is re-encoded', async () => {
    const doc = await PDFDocument.create();
    await vectorTextPage(doc, 'Zhicheng vector text 2024-0815');
    const scan = await doc.embedJpg(pagesJpeg[0]!);
    doc.addPage(A4_POINTS).drawImage(scan, { x: 0, y: 0, width: A4_POINTS[0], height: A4_POINTS[1] });
    const mixed = await doc.save();
    const result = await engine.compress({ bytes: mixed, name: '混合.pdf' }, 400 * KB);
    expect(result.outputBytes).toBeLessThanOrEqual(400 * KB);
    expect(await pdfText(result.bytes)).toContain('Zhicheng vector text 2024-0815');
    expect((await pageImages(result.bytes))[0]).toEqual([]);
    const scanned = lumaStats(await renderPage(result.bytes, 2, 20));
    expect(scanned.spread).toBeGreaterThan(8);
  });

  it('can be cancelled, and the engine works on afterwards', async () => {
    const controller = new AbortController();
    const ten = await jpegsToPdf(Array.from({ length: 10 }, (_, i) => pagesJpeg[i % 3]!));
    const started = Date.now();
    const pending = engine.compress({ bytes: ten, name: '取消.pdf' }, 300 * KB, { signal: controller.signal });
    setTimeout(() => controller.abort(), 150);
    const error = await refusal(pending);
    expect(error.pdfCode).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(2000);
    const again = await engine.compress({ bytes: doc3, name: 'x.pdf' }, doc3.length + 1);
    expect(again.changed).toBe(false);
  });
});

describe('images to PDF', () => {
  it('turns a photo upright by its EXIF orientation (6) onto a portrait A4 page', async () => {
    // Stored landscape 600×400 with a red block at its top-left; displayed, that corner is top-right.
    const stored = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#f0f0f0' } })
      .composite([
        { input: { create: { width: 150, height: 100, channels: 3, background: '#e01010' } }, left: 0, top: 0 },
      ])
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 92 })
      .toBuffer();
    const result = await engine.imagesToPdf([{ path: file('手机.jpg', stored) }]);
    const page = await renderPage(result.bytes, 1, 30);
    expect(page.height).toBeGreaterThan(page.width);
    const at = (x: number, y: number) => {
      const i = (Math.floor(y * page.height) * page.width + Math.floor(x * page.width)) * page.channels;
      return [page.data[i]!, page.data[i + 1]!, page.data[i + 2]!];
    };
    const topRight = at(0.9, 0.1);
    const topLeft = at(0.1, 0.1);
    expect(topRight[0]! - topRight[1]!).toBeGreaterThan(100);
    expect(topLeft[0]! - topLeft[1]!).toBeLessThan(30);
  });

  it('lays a PNG with transparency on white, and puts CMYK JPEG colours right', async () => {
    const transparent = await sharp({
      create: { width: 800, height: 600, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .composite([
        {
          input: { create: { width: 200, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } } },
          left: 300,
          top: 200,
        },
      ])
      .png()
      .toBuffer();
    const cmyk = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#d01818' } })
      .toColourspace('cmyk')
      .jpeg({ quality: 90 })
      .toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const result = await engine.imagesToPdf([
      { path: file('透明.png', transparent) },
      { path: file('印刷.jpg', cmyk) },
    ]);
    expect(result.pages).toBe(2);
    const png = lumaStats(await renderPage(result.bytes, 1, 20));
    expect(png.mean).toBeGreaterThan(200); // white paper, not black
    const red = await renderPage(result.bytes, 2, 20);
    const middle = (Math.floor(red.height / 2) * red.width + Math.floor(red.width / 2)) * red.channels;
    const [r, g, b] = [red.data[middle]!, red.data[middle + 1]!, red.data[middle + 2]!];
    expect(r).toBeGreaterThan(170);
    expect(g).toBeLessThan(90);
    expect(b).toBeLessThan(90);
  });

  it('makes a page per TIFF page, and keeps a 1-bit scan small as CCITT G4', async () => {
    const grey = await sharp(pagesJpeg[0]!).greyscale().raw().toBuffer({ resolveWithObject: true });
    const pageHeight = grey.info.height;
    const bilevelPng = await sharp(grey.data, { raw: grey.info })
      .threshold(160)
      .png({ palette: true, colours: 2 })
      .toBuffer();
    const small = await sharp(pagesJpeg[0]!).resize(620).greyscale().raw().toBuffer({ resolveWithObject: true });
    const threePages = await sharp(Buffer.concat([small.data, small.data, small.data]), {
      raw: { width: small.info.width, height: small.info.height * 3, channels: 1, pageHeight: small.info.height },
    })
      .tiff({ compression: 'lzw' })
      .toBuffer();
    expect((await sharp(threePages).metadata()).pages).toBe(3);
    expect(pageHeight).toBe(3508);
    const result = await engine.imagesToPdf([
      { path: file('黑白.png', bilevelPng) },
      { path: file('三页.tiff', threePages) },
    ]);
    expect(result.pages).toBe(4);
    const images = await pageImages(result.bytes);
    expect(images[0]![0]!.filter).toBe('/CCITTFaxDecode');
    expect(images[0]![0]!.bytes).toBeLessThan(150 * KB);
    await expectReadablePages(result.bytes, 4);
  });

  it('fits images to a limit through the same search', async () => {
    const result = await engine.imagesToPdf(
      pagesJpeg.map((bytes, i) => ({ bytes, name: `第${i + 1}页.jpg` })),
      400 * KB,
    );
    expect(result.pages).toBe(3);
    expect(result.outputBytes).toBeLessThanOrEqual(400 * KB);
    expect(result.changed).toBe(true);
    await expectReadablePages(result.bytes, 3);
  });

  it('refuses HEIC with a Chinese message saying how to convert it', async () => {
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic\0\0\0\0mif1heic'),
      Buffer.alloc(64),
    ]);
    const error = await refusal(engine.imagesToPdf([{ path: file('IMG_0001.HEIC', heic) }]));
    expect(error.pdfCode).toBe('HEIC_UNSUPPORTED');
    expect(error.message).toContain('IMG_0001.HEIC');
    expect(error.message).toContain('JPG');
  });

  it('refuses a damaged image and an unsupported one, naming them', async () => {
    const cut = pagesJpeg[0]!.subarray(0, 20_000);
    const damaged = await refusal(engine.imagesToPdf([{ bytes: cut, name: '半张.jpg' }]));
    expect(damaged.pdfCode).toBe('IMAGE_DAMAGED');
    expect(damaged.message).toContain('半张.jpg');
    const bmp = await refusal(engine.imagesToPdf([{ bytes: Buffer.from('BM\0\0\0\0\0\0\0\0'), name: 'a.bmp' }]));
    expect(bmp.pdfCode).toBe('IMAGE_UNSUPPORTED');
  });
});

describe('merge and split', () => {
  it('merges a two-page certificate scanned as two files, PDF and image alike', async () => {
    const front = await jpegsToPdf([pagesJpeg[0]!]);
    const result = await engine.merge([
      { bytes: front, name: '正面.pdf' },
      { bytes: pagesJpeg[1]!, name: '反面.jpg' },
    ]);
    expect(result.pages).toBe(2);
    await expectReadablePages(result.bytes, 2);
  });

  it('extracts pages in the order asked, and refuses pages that do not exist', async () => {
    const result = await engine.extractPages({ bytes: doc3, name: '三页.pdf' }, [3, 1]);
    expect(result.pages).toBe(2);
    const redOnFirst = inkCounts(await renderPage(result.bytes, 1, 20));
    expect(redOnFirst.blue).toBeGreaterThan(10); // page 3 (signature) now comes first
    const error = await refusal(engine.extractPages({ bytes: doc3, name: '三页.pdf' }, [4]));
    expect(error.pdfCode).toBe('BAD_ARGUMENT');
    expect(error.message).toContain('第 4 页');
  });
});

describe('broken and hostile inputs get a code and a Chinese message naming the file', () => {
  const cases: Array<[string, () => Promise<Uint8Array>, string]> = [
    ['truncated at 10%', async () => doc3.subarray(0, Math.floor(doc3.length * 0.1)), 'PDF_DAMAGED'],
    ['truncated at 50%', async () => doc3.subarray(0, Math.floor(doc3.length * 0.5)), 'PDF_DAMAGED'],
    ['truncated at 99%', async () => doc3.subarray(0, Math.floor(doc3.length * 0.99)), 'PDF_DAMAGED'],
    ['encrypted', encryptedPdf, 'PDF_ENCRYPTED'],
    ['with no pages', async () => (await PDFDocument.create()).save({ addDefaultPage: false }), 'PDF_EMPTY'],
    ['a JPEG named .pdf', async () => pagesJpeg[0]!, 'NOT_A_PDF'],
    ['junk before %PDF-', async () => Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\n\r\n'), doc3]), 'NOT_A_PDF'],
    ['empty', async () => new Uint8Array(0), 'PDF_DAMAGED'],
  ];
  for (const [what, make, code] of cases) {
    it(`a PDF ${what}: ${code}`, async () => {
      const error = await refusal(engine.compress({ path: file('坏文件.pdf', await make()) }, 100 * KB));
      expect(error.pdfCode).toBe(code);
      expect(error.message).toContain('坏文件.pdf');
      expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('a file that does not exist: FILE_UNREADABLE', async () => {
    const error = await refusal(engine.compress({ path: join(dir, '不存在.pdf') }, 100 * KB));
    expect(error.pdfCode).toBe('FILE_UNREADABLE');
  });
});

async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage(A4_POINTS);
  const encrypt = doc.context.obj({
    Filter: 'Standard',
    V: 1,
    R: 2,
    P: -44,
    O: doc.context.obj([]),
    U: doc.context.obj([]),
  });
  doc.context.trailerInfo.Encrypt = doc.context.register(encrypt);
  return doc.save();
}

describe('enormous inputs are handled with bounded memory', () => {
  it('a 10000×14000-pixel page: images to PDF and compression', async () => {
    const huge = await sharp({ create: { width: 10000, height: 14000, channels: 3, background: '#ece8e0' } })
      .composite([{ input: pagesJpeg[0]!, left: 3000, top: 4000 }])
      .jpeg({ quality: 80 })
      .toBuffer();
    const path = file('超大.jpg', huge);
    const { value, peakMb } = await peakTreeRss(() => engine.imagesToPdf([{ path }], 1024 * KB));
    expect(value.pages).toBe(1);
    expect(value.outputBytes).toBeLessThanOrEqual(1024 * KB);
    // Fully decoded it would be 420 MB of pixels.
    expect(peakMb).toBeLessThan(350);

    const inPdf = await PDFDocument.create();
    const image = await inPdf.embedJpg(huge);
    inPdf.addPage(A4_POINTS).drawImage(image, { x: 0, y: 0, width: A4_POINTS[0], height: A4_POINTS[1] });
    const pdf = await inPdf.save();
    const compressed = await peakTreeRss(() => engine.compress({ bytes: pdf, name: '超大.pdf' }, 500 * KB));
    expect(compressed.value.outputBytes).toBeLessThanOrEqual(500 * KB);
    expect(compressed.peakMb).toBeLessThan(350);
  });

  it('a 200-page file', async () => {
    const small = await Promise.all(pagesJpeg.map((jpeg) => sharp(jpeg).resize(420).jpeg({ quality: 90 }).toBuffer()));
    const pages = await jpegsToPdf(Array.from({ length: 200 }, (_, i) => small[i % 3]!));
    const limit = Math.floor(pages.length * 0.6);
    const { value, peakMb } = await peakTreeRss(() => engine.compress({ bytes: pages, name: '二百页.pdf' }, limit));
    expect(value.pages).toBe(200);
    expect(value.outputBytes).toBeLessThanOrEqual(limit);
    expect(peakMb).toBeLessThan(400);
    const doc = await PDFDocument.load(value.bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(200);
  }, 300_000); // 200 pages through the engine: its own budget on a busy machine

  it('a PDF page image over 200 megapixels: TOO_LARGE', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage(A4_POINTS);
    const stream = doc.context.stream(new Uint8Array(64 * 1024), {
      Type: 'XObject',
      Subtype: 'Image',
      Width: 20000,
      Height: 20000,
      ColorSpace: 'DeviceRGB',
      BitsPerComponent: 8,
      Filter: 'DCTDecode',
    });
    const name = page.node.newXObject('Im', doc.context.register(stream));
    const contents = doc.context.stream(`q 595 0 0 842 0 0 cm /${name.decodeText()} Do Q`);
    page.node.set(PDFName.of('Contents'), doc.context.register(contents));
    const error = await refusal(engine.compress({ bytes: await doc.save(), name: '海报.pdf' }, 20 * KB));
    expect(error.pdfCode).toBe('TOO_LARGE');
    expect(error.message).toContain('海报.pdf');
  });
});

describe('zhicheng pdf (the command function)', () => {
  const capture = () => {
    const out: string[] = [];
    return { out, io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t), engine } };
  };

  it('compress --json prints exactly the documented keys', async () => {
    const input = file('输入.pdf', doc3);
    const output = join(dir, '输出.pdf');
    const { out, io } = capture();
    const code = await runPdfCommand('compress', [input, output], { 'max-bytes': '512000', json: true }, io);
    expect(code).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(Object.keys(json)).toEqual(['ok', 'inputBytes', 'outputBytes', 'pages', 'changed', 'dpi', 'quality', 'ms']);
    expect(json).toMatchObject({ ok: true, inputBytes: doc3.length, pages: 3, changed: true });
    expect(readFileSync(output).length).toBe(json.outputBytes);
    expect(json.outputBytes).toBeLessThanOrEqual(512000);
  });

  it('a refusal exits 2 with exactly ok, code, message, bestBytes', async () => {
    const { out, io } = capture();
    const code = await runPdfCommand(
      'compress',
      [file('a.pdf', doc3), join(dir, 'b.pdf')],
      { 'max-bytes': '20000', json: true },
      io,
    );
    expect(code).toBe(2);
    const json = JSON.parse(out.join(''));
    expect(Object.keys(json)).toEqual(['ok', 'code', 'message', 'bestBytes']);
    expect(json.ok).toBe(false);
    expect(json.code).toBe('CANNOT_FIT');
    expect(json.bestBytes).toBeGreaterThan(20000);

    const spoofed = capture();
    const notPdf = await runPdfCommand(
      'compress',
      [file('c.pdf', pagesJpeg[0]!), join(dir, 'd.pdf')],
      { 'max-bytes': '20000', json: true },
      spoofed.io,
    );
    expect(notPdf).toBe(2);
    expect(JSON.parse(spoofed.out.join(''))).toMatchObject({ ok: false, code: 'NOT_A_PDF', bestBytes: null });
  });

  it('images --out --max-bytes --json', async () => {
    const { out, io } = capture();
    const output = join(dir, '图片.pdf');
    const code = await runPdfCommand(
      'images',
      [file('1.jpg', pagesJpeg[0]!), file('2.jpg', pagesJpeg[1]!)],
      { out: output, 'max-bytes': '300KB', json: true },
      io,
    );
    expect(code).toBe(0);
    const json = JSON.parse(out.join(''));
    expect(Object.keys(json)).toEqual(['ok', 'inputBytes', 'outputBytes', 'pages', 'changed', 'dpi', 'quality', 'ms']);
    expect(json).toMatchObject({ ok: true, pages: 2, inputBytes: pagesJpeg[0]!.length + pagesJpeg[1]!.length });
    expect(json.outputBytes).toBeLessThanOrEqual(300 * KB);
  });

  it('usage errors exit 2 with the same JSON shape', async () => {
    const { out, io } = capture();
    expect(await runPdfCommand('compress', ['only-one.pdf'], { json: true }, io)).toBe(2);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: false, code: 'BAD_ARGUMENT', bestBytes: null });
  });
});
