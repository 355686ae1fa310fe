/**
 * A PDF whose content stream inflates to hundreds of MB from a few hundred KB: the engine refuses
 * it as damaged, in Chinese, instead of unpacking it into memory; the same bound holds for a
 * form XObject drawn from the page.
 */
import { PDFDocument, PDFName, PDFRawStream, PDFArray } from 'pdf-lib';
import { createDeflate } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPdfEngine, type PdfEngine } from '../../electron/services/pdf/engine';
import { inflationBudget } from '../../electron/services/pdf/inflation';

let engine: PdfEngine;
beforeAll(() => {
  engine = createPdfEngine();
});
afterAll(async () => {
  await engine?.close();
});

/** `megabytes` MB of spaces, deflated by zlib's stream (the test never holds them inflated). */
async function deflatedSpaces(megabytes: number): Promise<Uint8Array> {
  const deflate = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  const spaces = Buffer.alloc(1 << 20, 0x20);
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
