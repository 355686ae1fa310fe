/**
 * PDFs that inflate to hundreds of MB from a few hundred KB: a content stream, an object stream
 * or a cross-reference stream (the last two unpacked by pdf-lib while it parses). The engine
 * refuses them as damaged, in Chinese, instead of unpacking them into memory. And a file that
 * needs more memory than the engine's process may hold ends that process, not this one: the job
 * fails with ENGINE_CRASHED and the next job runs in a fresh process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFRawStream, PDFArray } from 'pdf-lib';
import { createDeflate } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPdfCommand } from '../../electron/hosts/cli/pdfCommands';
import { createPdfEngine, type PdfEngine } from '../../electron/services/pdf/engine';
import type { PdfError } from '../../electron/services/pdf/errors';
import { inflationBudget } from '../../electron/services/pdf/inflation';
import { peakTreeRss } from '../support/processTree';

let engine: PdfEngine;
let dir: string;
beforeAll(() => {
  engine = createPdfEngine();
  dir = mkdtempSync(join(tmpdir(), 'zhicheng-pdf-bomb-'));
});
afterAll(async () => {
  await engine?.close();
  rmSync(dir, { recursive: true, force: true });
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as PdfError,
  );

/** A one-page PDF with a small image: what a job that succeeds looks like. */
async function plainPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const pixels = doc.context.flateStream(new Uint8Array(300 * 400).fill(0xd0), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: 300,
    Height: 400,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
  });
  const name = page.node.newXObject('Im', doc.context.register(pixels));
  page.node.set(
    PDFName.of('Contents'),
    doc.context.register(doc.context.stream(`q 595 0 0 842 0 0 cm /${name.decodeText()} Do Q`)),
  );
  return doc.save();
}

/**
 * A one-page PDF with a stream of `type` (ObjStm or XRef) that inflates to `megabytes` MB. pdf-lib
 * unpacks such streams as it parses, before any page is looked at.
 */
async function packedBomb(type: 'ObjStm' | 'XRef', megabytes: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await plainPdf());
  // An object stream holding one dictionary, then spaces; a cross-reference stream of spaces.
  const dict =
    type === 'ObjStm'
      ? doc.context.obj({ Type: 'ObjStm', N: 1, First: 8, Filter: 'FlateDecode' })
      : doc.context.obj({ Type: 'XRef', W: [1, 2, 1], Size: 1, Filter: 'FlateDecode' });
  const head = type === 'ObjStm' ? '900 0   <<>>' : '';
  doc.context.register(PDFRawStream.of(dict, await deflatedSpaces(megabytes, 0x20, head)));
  return doc.save({ useObjectStreams: false });
}

/**
 * `head` then `megabytes` MB of one byte (spaces by default), deflated by zlib's stream: the test
 * never holds them inflated.
 */
async function deflatedSpaces(megabytes: number, fill = 0x20, head = ''): Promise<Uint8Array> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const spaces = Buffer.alloc(1 << 20, fill);
  deflate.write(Buffer.from(head, 'latin1'));
  for (let i = 0; i < megabytes; i++) if (!deflate.write(spaces)) await new Promise((r) => deflate.once('drain', r));
  deflate.end();
  await done;
  return Buffer.concat(out);
}

async function bombPdf(megabytes: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const dict = doc.context.obj({ Filter: 'FlateDecode' });
  const contents = doc.context.register(PDFRawStream.of(dict, await deflatedSpaces(megabytes)));
  page.node.set(PDFName.of('Contents'), doc.context.obj([contents]) as PDFArray);
  return doc.save({ useObjectStreams: false });
}

it('pdf compress refuses a content stream that inflates past its bound, as a damaged file', async () => {
  const bomb = await bombPdf(200);
  expect(bomb.length).toBeLessThan(1024 * 1024);
  const refused = await engine.compress({ bytes: bomb, name: '炸弹.pdf' }, 100_000).then(
    () => null,
    (error: unknown) => error as { code: string; pdfCode: string; message: string },
  );
  expect(refused).toMatchObject({ code: 'BAD_INPUT', pdfCode: 'PDF_DAMAGED' });
  expect(refused!.message).toContain('炸弹.pdf');
  expect(refused!.message).toContain('已损坏或异常');
});

it('the bound counts every stream of a document together', async () => {
  const doc = await PDFDocument.load(await bombPdf(3));
  const contents = doc.getPage(0).node.Contents() as PDFArray;
  const stream = doc.context.lookup(contents.get(0)) as PDFRawStream;
  const budget = inflationBudget('多流.pdf', { stream: 4 * 1024 * 1024, document: 8 * 1024 * 1024 });
  expect(budget.decode(stream).length).toBe(3 * 1024 * 1024);
  expect(budget.decode(stream).length).toBe(3 * 1024 * 1024);
  expect(() => budget.decode(stream)).toThrow(/已损坏或异常/);
});

it.each(['ObjStm', 'XRef'] as const)(
  'a %s stream that inflates to a gigabyte is refused as damaged before pdf-lib unpacks it',
  async (type) => {
    const bomb = await packedBomb(type, 1024);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await engine.compress({ bytes: await plainPdf(), name: '预热.pdf' }, 1_000_000); // the process is up
    const { value: refused, peakMb } = await peakTreeRss(() =>
      refusal(engine.compress({ bytes: bomb, name: '对象流.pdf' }, 100_000)),
    );
    expect(refused).toMatchObject({ code: 'BAD_INPUT', pdfCode: 'PDF_DAMAGED' });
    expect(refused!.message).toContain('对象流.pdf');
    expect(refused!.message).toContain('已损坏或异常');
    // Inflated whole it is a gigabyte, and pdf-lib's buffer doubles as it grows.
    expect(peakMb).toBeLessThan(300);
  },
);

it('the CLI refuses the object-stream bomb with exit 2 and the same message', async () => {
  const input = join(dir, '对象流.pdf');
  writeFileSync(input, await packedBomb('ObjStm', 256));
  const out: string[] = [];
  const io = { stdout: (t: string) => void out.push(t), stderr: (t: string) => void out.push(t), engine };
  const code = await runPdfCommand(
    'compress',
    [input, join(dir, 'out.pdf')],
    { 'max-bytes': '100000', json: true },
    io,
  );
  expect(code).toBe(2);
  const json = JSON.parse(out.join(''));
  expect(json).toMatchObject({ ok: false, code: 'PDF_DAMAGED' });
  expect(json.message).toContain('已损坏或异常');
});

/** A page that is one 8192×12288 RGB image in Flate: 288 MB of pixels, under 1 MB on disk. */
async function hugeFlatImagePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595, 842]);
  const [width, height] = [8192, 12288];
  const pixels = await deflatedSpaces((width * height * 3) / (1 << 20), 0xe0);
  const image = PDFRawStream.of(
    doc.context.obj({
      Type: 'XObject',
      Subtype: 'Image',
      Width: width,
      Height: height,
      ColorSpace: 'DeviceRGB',
      BitsPerComponent: 8,
      Filter: 'FlateDecode',
    }),
    pixels,
  );
  const name = page.node.newXObject('Im', doc.context.register(image));
  page.node.set(
    PDFName.of('Contents'),
    doc.context.register(doc.context.stream(`q 595 0 0 842 0 0 cm /${name.decodeText()} Do Q`)),
  );
  return doc.save({ useObjectStreams: false });
}

it('a job that needs more memory than the engine process may hold ends that process, not this one, and the next job runs', async () => {
  const limitMb = 384;
  const small = createPdfEngine({ maxJobs: 1, memoryLimitMb: limitMb });
  try {
    const huge = await hugeFlatImagePdf();
    const { value: crashed, peakMb } = await peakTreeRss(() =>
      refusal(small.compress({ bytes: huge, name: '巨幅.pdf' }, 100_000)),
    );
    expect(crashed).toMatchObject({ code: 'INTERNAL', pdfCode: 'ENGINE_CRASHED' });
    expect(crashed!.message).toBe(
      '处理「巨幅.pdf」时 PDF 引擎异常退出：文件可能已损坏或过于复杂。请重新扫描或从原处重新导出后再试。',
    );
    // The process was ended near its bound: the watch samples every 25 ms.
    expect(peakMb).toBeLessThan(limitMb + 256);
    const next = await small.compress({ bytes: await plainPdf(), name: '下一个.pdf' }, 1_000_000);
    expect(next.pages).toBe(1);
  } finally {
    await small.close();
  }
});
