/**
 * Compress to a byte limit: the best-quality PDF at or under `maxBytes`, or a refusal that says
 * the smallest size reachable above the quality floors. Only raster images are re-encoded, in
 * place (their object numbers, the pages, their text layers, fonts and forms are untouched).
 */
import { PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFDocument } from 'pdf-lib';
import { fail } from './errors';
import {
  chooseSetting,
  encodedTotal,
  FitSearch,
  QUALITY_FLOOR,
  type Encoded,
  type Rung,
  type SearchImage,
  type Setting,
} from './fitSearch';
import type { JobContext } from './jobContext';
import { pruneUnreachable, saveCompact } from './lossless';
import { openPdf } from './openPdf';
import { findImages } from './pdfImages';
import type { PixelSource } from './raster';
import { verifyOutput } from './verify';

export interface CompressOptions {
  maxBytes: number;
}

export interface CompressResult {
  bytes: Uint8Array;
  inputBytes: number;
  outputBytes: number;
  pages: number;
  /** False when the input already fitted and comes back byte-identical. */
  changed: boolean;
  /** The resolution of the re-encoded images, null when none was re-encoded. */
  dpi: number | null;
  quality: number | null;
  /** Images re-encoded, and how many of them became greyscale. */
  imagesReencoded: number;
  imagesGrey: number;
}

/** Room left for what re-encoding changes outside the image bytes (dictionaries, xref). */
const SLACK = (images: number) => 1024 + 160 * images;

export function checkLimit(maxBytes: number): void {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1024)
    throw fail.badArgument(`大小限制应为不小于 1024 的整数字节数，收到「${maxBytes}」`);
}

export async function compressPdf(
  input: Uint8Array,
  options: CompressOptions,
  ctx: JobContext,
): Promise<CompressResult> {
  checkLimit(options.maxBytes);
  const doc = await openPdf(input, ctx.name);
  const pages = doc.getPageCount();
  const base = { inputBytes: input.length, pages, dpi: null, quality: null, imagesReencoded: 0, imagesGrey: 0 };
  if (input.length <= options.maxBytes) return { ...base, bytes: input, outputBytes: input.length, changed: false };
  ctx.check();

  pruneUnreachable(doc);
  const lossless = await saveCompact(doc);
  if (lossless.length <= options.maxBytes) {
    await verifyOutput(lossless, ctx.name, { pages, maxBytes: options.maxBytes });
    return { ...base, bytes: lossless, outputBytes: lossless.length, changed: true };
  }
  ctx.check();

  const images: SearchImage[] = findImages(doc, ctx.name).map((image) => ({ image, source: sourceOf(doc, image) }));
  if (images.length === 0) throw fail.cannotFit(ctx.name, options.maxBytes, lossless.length, pages);
  const overhead = lossless.length - images.reduce((sum, i) => sum + i.image.storedBytes, 0);
  const search = new FitSearch(images, ctx);
  let budget = options.maxBytes - overhead - SLACK(images.length);

  const finish = async (bytes: Uint8Array, setting: Setting, encoded: Encoded[]): Promise<CompressResult> => {
    await verifyOutput(bytes, ctx.name, {
      pages,
      maxBytes: options.maxBytes,
      images: replacedLooks(search, images, encoded),
    });
    const changedImages = encoded.filter((e) => e.bytes !== null);
    return {
      ...base,
      bytes,
      outputBytes: bytes.length,
      changed: true,
      dpi: changedImages.length ? search.dpiOf(setting.rung) : null,
      quality: changedImages.length ? setting.quality : null,
      imagesReencoded: changedImages.length,
      imagesGrey: changedImages.filter((e) => e.grey).length,
    };
  };

  // Rungs at or above `below` have been found not to fit once really encoded.
  let below: Rung | undefined;
  for (let attempt = 0; attempt < 6 && budget > 0; attempt++) {
    const setting = await chooseSetting(search, budget, below);
    if (!setting) break;
    const fitted = await encodeToFit(search, images, setting, budget);
    if (!fitted) {
      below = setting.rung;
      continue;
    }
    const bytes = await assemble(doc, images, fitted.encoded);
    if (bytes.length <= options.maxBytes) return finish(bytes, fitted.setting, fitted.encoded);
    // The file came out larger than the estimate of what is not image: tighten and try again.
    budget -= bytes.length - options.maxBytes + Math.ceil(options.maxBytes * 0.01);
  }
  // The search keeps a margin for what it cannot predict; the floor itself, really built, may
  // still fit. Either way the size named in a refusal is one this file really reaches.
  const smallest = await smallestBuild(doc, search, images);
  if (smallest.bytes.length <= options.maxBytes) return finish(smallest.bytes, smallest.setting, smallest.encoded);
  throw fail.cannotFit(ctx.name, options.maxBytes, Math.min(smallest.bytes.length, lossless.length), pages);
}

/**
 * Encodes with mozjpeg at the chosen setting; when the prediction from turbo was too optimistic,
 * corrects the ratio and steps the quality down, never below the rung's floor.
 */
async function encodeToFit(
  search: FitSearch,
  images: SearchImage[],
  chosen: Setting,
  budget: number,
): Promise<{ setting: Setting; encoded: Encoded[] } | null> {
  await search.calibrate(chosen);
  // Aim a little under the budget: a miss costs a whole second mozjpeg pass.
  const aim =
    (await search.bestQuality(chosen.rung, budget * 0.985)) ?? (await search.bestQuality(chosen.rung, budget));
  let setting = { ...chosen, quality: aim ?? QUALITY_FLOOR[chosen.rung] };
  for (let round = 0; round < 4; round++) {
    const encoded = await search.encodeAll(setting, search.finalEncoder(setting));
    const total = encodedTotal(images, encoded);
    if (total <= budget) return { setting, encoded };
    search.correct(setting, total);
    const lower = await search.bestQuality(setting.rung, budget);
    if (lower === null) return null;
    setting = { rung: setting.rung, quality: Math.min(lower, setting.quality - 1) };
    if (setting.quality < QUALITY_FLOOR[setting.rung]) return null;
  }
  return null;
}

/** The smallest file the floors allow: the lowest rung at its floor quality, really built. */
async function smallestBuild(
  doc: PDFDocument,
  search: FitSearch,
  images: SearchImage[],
): Promise<{ bytes: Uint8Array; setting: Setting; encoded: Encoded[] }> {
  const rung = search.rungs().at(-1) ?? 100;
  const setting = { rung, quality: QUALITY_FLOOR[rung] };
  const encoded = await search.encodeAll(setting, search.finalEncoder(setting));
  return { bytes: await assemble(doc, images, encoded), setting, encoded };
}

function sourceOf(doc: PDFDocument, image: SearchImage['image']): PixelSource {
  const stream = doc.context.lookup(image.ref) as PDFRawStream;
  if (image.encoding.kind === 'dct') return { kind: 'jpeg', bytes: stream.contents };
  const { predictor, channels } = image.encoding;
  return { kind: 'flate', bytes: stream.contents, width: image.width, height: image.height, channels, predictor };
}

/** Swaps the new JPEG streams in under the same object numbers and saves. */
async function assemble(doc: PDFDocument, images: SearchImage[], encoded: Encoded[]): Promise<Uint8Array> {
  const originals = images.map(({ image }) => doc.context.lookup(image.ref) as PDFRawStream);
  images.forEach(({ image }, i) => {
    const e = encoded[i]!;
    if (!e.bytes) return;
    const old = originals[i]!.dict;
    const dict = PDFDict.withContext(doc.context);
    for (const [key, value] of old.entries()) {
      if (!DROPPED.has(key.decodeText())) dict.set(key, value);
    }
    dict.set(PDFName.of('Width'), PDFNumber.of(e.width));
    dict.set(PDFName.of('Height'), PDFNumber.of(e.height));
    dict.set(PDFName.of('ColorSpace'), PDFName.of(e.grey ? 'DeviceGray' : 'DeviceRGB'));
    dict.set(PDFName.of('BitsPerComponent'), PDFNumber.of(8));
    dict.set(PDFName.of('Filter'), PDFName.of('DCTDecode'));
    dict.set(PDFName.of('Length'), PDFNumber.of(e.bytes.length));
    doc.context.assign(image.ref, PDFRawStream.of(dict, e.bytes));
  });
  try {
    return await saveCompact(doc);
  } finally {
    // Put the originals back, so the next attempt starts from the input again.
    images.forEach(({ image }, i) => doc.context.assign(image.ref, originals[i]!));
  }
}

const DROPPED = new Set([
  'Width',
  'Height',
  'ColorSpace',
  'BitsPerComponent',
  'Filter',
  'DecodeParms',
  'Length',
  'DL',
  'Decode',
]);

function replacedLooks(search: FitSearch, images: SearchImage[], encoded: Encoded[]) {
  const looks = new Map<number, NonNullable<ReturnType<typeof search.cache.looks.get>>>();
  encoded.forEach((e, i) => {
    const seen = search.cache.looks.get(i);
    if (e.bytes && seen) looks.set(images[i]!.image.ref.objectNumber, seen);
  });
  return looks;
}
