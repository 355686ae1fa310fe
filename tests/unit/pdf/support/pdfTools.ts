/** Looking at outputs the way a reader does: poppler renders and text extraction, plus image facts. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import type { PdfError } from '../../../../electron/services/pdf/errors';

const run = promisify(execFile);

export interface Rendered {
  width: number;
  height: number;
  channels: number;
  data: Buffer;
}

/** Renders one page (1-based) with pdftoppm at `dpi`. */
export async function renderPage(pdf: Uint8Array, page: number, dpi: number): Promise<Rendered> {
  const dir = mkdtempSync(join(tmpdir(), 'zhicheng-render-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    await run('pdftoppm', [
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-png',
      '-singlefile',
      join(dir, 'in.pdf'),
      join(dir, 'out'),
    ]);
    const { data, info } = await sharp(readFileSync(join(dir, 'out.png')))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, channels: info.channels, data };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Mean luma and its spread: a blank page has a high mean and almost no spread. */
export function lumaStats(image: Rendered): { mean: number; spread: number } {
  let sum = 0;
  let sumSq = 0;
  const n = image.data.length / image.channels;
  for (let i = 0; i < image.data.length; i += image.channels) {
    const y =
      image.channels >= 3
        ? 0.299 * image.data[i]! + 0.587 * image.data[i + 1]! + 0.114 * image.data[i + 2]!
        : image.data[i]!;
    sum += y;
    sumSq += y * y;
  }
  const mean = sum / n;
  return { mean, spread: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
}

/** Pixels that are clearly red (seal ink), clearly blue (signature ink). */
export function inkCounts(image: Rendered): { red: number; blue: number } {
  let red = 0;
  let blue = 0;
  for (let i = 0; i < image.data.length; i += image.channels) {
    const [r, g, b] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
    if (r > 150 && r - g > 70 && r - b > 70) red++;
    if (b > 100 && b - r > 60 && b - g > 40) blue++;
  }
  return { red, blue };
}

export async function pdfText(pdf: Uint8Array): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'zhicheng-text-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    return (await run('pdftotext', [join(dir, 'in.pdf'), '-'])).stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface ImageFacts {
  filter: string;
  colorSpace: string;
  width: number;
  height: number;
  bytes: number;
  contents: Uint8Array;
  /** Drawn through a form rather than by the page itself. */
  inForm: boolean;
  imageMask: boolean;
}

/** The images each page draws (from its resources, and its forms' one level down), with filter and colour space. */
export async function pageImages(pdf: Uint8Array): Promise<ImageFacts[][]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const subtype = (stream: PDFRawStream) => stream.dict.get(PDFName.of('Subtype'))?.toString();
  const streams = (resources: PDFDict | undefined) =>
    [...(resources?.lookupMaybe(PDFName.of('XObject'), PDFDict)?.entries() ?? [])]
      .map(([, ref]) => doc.context.lookup(ref))
      .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream);
  const facts = (stream: PDFRawStream, inForm: boolean): ImageFacts => ({
    filter: String(stream.dict.get(PDFName.of('Filter'))),
    colorSpace: String(stream.dict.lookup(PDFName.of('ColorSpace'))),
    width: Number(String(stream.dict.get(PDFName.of('Width')))),
    height: Number(String(stream.dict.get(PDFName.of('Height')))),
    bytes: stream.contents.length,
    contents: stream.contents,
    inForm,
    imageMask: String(stream.dict.get(PDFName.of('ImageMask'))) === 'true',
  });
  return doc.getPages().map((page) => {
    const found: ImageFacts[] = [];
    for (const stream of streams(page.node.Resources())) {
      if (subtype(stream) === '/Image') found.push(facts(stream, false));
      if (subtype(stream) === '/Form')
        for (const inner of streams(stream.dict.lookupMaybe(PDFName.of('Resources'), PDFDict)))
          if (subtype(inner) === '/Image') found.push(facts(inner, true));
    }
    return found;
  });
}

/** The PdfError a promise is refused with; fails the test when it is not refused. */
export async function refusal(promise: Promise<unknown>): Promise<PdfError> {
  try {
    await promise;
  } catch (error) {
    return error as PdfError;
  }
  throw new Error('expected a refusal');
}
