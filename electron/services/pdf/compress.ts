/**
 * Compress to a byte limit: the best-quality PDF at or under `maxBytes`, or a refusal that says
 * the smallest size reachable above the quality floors. Only raster images are re-encoded, in
 * place (their object numbers, the pages, their text layers, fonts and forms are untouched).
 */
import { PDFDict, PDFName, PDFNumber, PDFRawStream, type PDFDocument, type PDFRef } from 'pdf-lib';
import { fail } from './errors';
import {
  chooseSetting,
  encodedTotal,
  FitSearch,
  LEAN_ENOUGH,
  QUALITY_FLOOR,
  QUALITY_MAX,
  tryTopSetting,
  type Encoded,
  type Rung,
  type SearchImage,
  type Setting,
} from './fitSearch';
import type { JobContext } from './jobContext';
import { BILEVEL_RUNGS, encodeBilevel } from './bilevel';
import { g4ImageDict, type G4 } from './ccitt';
import { splitLayers } from './layers';
import { pruneUnreachable, saveCompact } from './lossless';
import { openPdf } from './openPdf';
import { findImages } from './pdfImages';
import type { PixelSource } from './raster';
import { verifyOutput, type ImageCheck } from './verify';

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
  /** Images re-encoded, how many of them became greyscale, and how many of those black and white (CCITT G4). */
  imagesReencoded: number;
  imagesGrey: number;
  imagesBilevel: number;
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
  ctx.trace?.('opened');
  const pages = doc.getPageCount();
  const base = {
    inputBytes: input.length,
    pages,
    dpi: null,
    quality: null,
    imagesReencoded: 0,
    imagesGrey: 0,
    imagesBilevel: 0,
  };
  if (input.length <= options.maxBytes) return { ...base, bytes: input, outputBytes: input.length, changed: false };
  ctx.check();

  pruneUnreachable(doc);
  const images: SearchImage[] = findImages(doc, ctx.name).map((image) => ({ image, source: sourceOf(doc, image) }));
  const imageBytes = images.reduce((sum, i) => sum + i.image.storedBytes, 0);
  // What is not image, measured by writing the file with the images emptied: writing it whole
  // (a tenth of a second for a 30 MB scan) is only worth it when the images as stored could fit.
  const overhead = images.length ? (await assemble(doc, images, images.map(emptied))).length : 0;
  let lossless: Uint8Array | null = null;
  const saveLossless = async () => (lossless ??= await saveCompact(doc));
  if (images.length === 0 || overhead + imageBytes <= options.maxBytes) {
    const bytes = await saveLossless();
    ctx.trace?.(`saved losslessly: ${bytes.length} B`);
    if (bytes.length <= options.maxBytes) {
      await verifyOutput(bytes, ctx.name, { pages, maxBytes: options.maxBytes });
      return { ...base, bytes, outputBytes: bytes.length, changed: true };
    }
  }
  ctx.check();

  if (images.length === 0) throw fail.cannotFit(ctx.name, options.maxBytes, (await saveLossless()).length, pages);
  const search = new FitSearch(images, ctx);
  const budget = options.maxBytes - overhead - SLACK(images.length);

  const finish = async (built: Built): Promise<CompressResult> => {
    await verifyOutput(built.bytes, ctx.name, {
      pages,
      maxBytes: options.maxBytes,
      images: built.checks,
      parallel: ctx.parallel,
    });
    const changedImages = built.encoded.filter((e) => e.bytes !== null);
    const jpegs = changedImages.filter((e) => !e.bilevel);
    return {
      ...base,
      bytes: built.bytes,
      outputBytes: built.bytes.length,
      changed: true,
      dpi: changedImages.length ? built.dpi : null,
      quality: jpegs.length && built.setting ? built.setting.quality : null,
      imagesReencoded: changedImages.length,
      imagesGrey: changedImages.filter((e) => e.grey).length,
      imagesBilevel: changedImages.length - jpegs.length,
    };
  };

  const build = (encoded: Encoded[]) => assemble(doc, images, encoded);
  const sharp = Math.min(BILEVEL.below, search.rungs()[0]!) as Rung;
  const jpeg = await fitJpeg(search, images, budget, options.maxBytes, build, ctx, { lowest: sharp });
  if (jpeg && jpeg.setting!.quality >= BILEVEL.quality) return finish(jpeg);
  // JPEG would blur the text (below 150 dpi or quality 50): colourless pages in black and white keep it sharp.
  const bilevel = await fitBilevel(doc, images, search, budget, options.maxBytes, ctx);
  if (bilevel) return finish(bilevel);
  if (jpeg) return finish(jpeg);
  const coarse = await fitJpeg(search, images, budget, options.maxBytes, build, ctx);
  if (coarse) return finish(coarse);
  // The search keeps a margin for what it cannot predict; the floor itself, really built, may
  // still fit. Either way the size named in a refusal is one this file really reaches.
  search.useEncoder('moz', LEAN_ENOUGH);
  const smallest = await smallestBuild(doc, search, images);
  if (smallest.bytes.length <= options.maxBytes) return finish(smallest);
  const unchanged = (await saveLossless()).length;
  throw fail.cannotFit(ctx.name, options.maxBytes, Math.min(smallest.bytes.length, unchanged), pages);
}

/** A candidate output: its bytes, the JPEG setting used (if any), each image's encoding, and what to verify. */
interface Built {
  bytes: Uint8Array;
  setting: Setting | null;
  /** The coarsest resolution of the images re-encoded. */
  dpi: number;
  encoded: Encoded[];
  checks: Map<number, ImageCheck>;
}

/**
 * A JPEG result below this resolution or quality gives way to black-and-white text pages, when
 * those fit; the colour pages beside them get no more than that, so a looser limit, which the
 * JPEG result takes, never gets less.
 */
const BILEVEL = { below: 150 as Rung, quality: 50 };

/**
 * The JPEG search over `images` for `budget`; `build` writes the whole file from their encodings.
 * When the file comes out larger than predicted from what is not image, the budget is tightened
 * and the search runs again; rungs that did not fit once really encoded are not tried again.
 */
async function fitJpeg(
  search: FitSearch,
  images: SearchImage[],
  budget: number,
  maxBytes: number,
  build: (encoded: Encoded[]) => Promise<Uint8Array>,
  ctx: JobContext,
  limits: Limits = {},
): Promise<Built | null> {
  let below = limits.below;
  for (let attempt = 0; attempt < 6 && budget > 0; attempt++) {
    let fitted = attempt === 0 ? await tryTopSetting(search, budget, below, limits.lowest, limits.cap) : null;
    if (!fitted) {
      const setting = await chooseEncoderAndSetting(search, budget, below, limits);
      if (!setting) return null;
      fitted = await encodeToFit(search, images, setting, budget);
      if (!fitted) {
        below = setting.rung;
        continue;
      }
    }
    const bytes = await build(fitted.encoded);
    ctx.trace?.(`assembled: ${bytes.length} B`);
    if (bytes.length <= maxBytes) {
      const { encoded } = fitted;
      return {
        bytes,
        setting: fitted.setting,
        dpi: search.dpiOf(fitted.setting.rung),
        encoded,
        checks: imageChecks(search, images, encoded),
      };
    }
    budget -= bytes.length - maxBytes + Math.ceil(maxBytes * 0.01);
  }
  return null;
}

/**
 * Colourless pages as G4 at the best of BILEVEL_RUNGS that leaves the colour pages room to fit:
 * their ink as G4 too, over a background by the JPEG search (layers.ts); null when no such split
 * fits (or no page is colourless).
 */
async function fitBilevel(
  doc: PDFDocument,
  images: SearchImage[],
  search: FitSearch,
  budget: number,
  maxBytes: number,
  ctx: JobContext,
): Promise<Built | null> {
  const indices = images.map((_, index) => index);
  // Thresholding needs the strokes as scanned: only pages scanned at 200 dpi or more.
  const sharpEnough = (index: number) => images[index]!.image.dpi >= 199;
  const colourless = (index: number) => search.cache.grey.get(index) === true && sharpEnough(index);
  const grey = indices.filter(colourless);
  const colour = indices.filter((index) => !colourless(index));
  if (grey.length === 0) return null;
  // A page drawn through a soft mask keeps it: only plain colour scans are split into layers.
  const layerable = (index: number) => sharpEnough(index) && !hasMask(doc, images[index]!);
  for (const rung of BILEVEL_RUNGS) {
    const g4 = await encodeBilevel(
      grey.map((index) => images[index]!),
      rung,
      ctx,
    );
    const encoded: Encoded[] = images.map(() => ({ bytes: null, grey: false, width: 0, height: 0 }));
    grey.forEach((index, k) => (encoded[index] = { ...g4[k]!, bytes: g4[k]!.data, grey: true, bilevel: true }));
    const g4Bytes = g4.reduce((sum, g) => sum + g.data.length, 0);
    ctx.trace?.(`black and white ${rung} dpi: ${grey.length} pages ${g4Bytes} B`);
    const dpi = Math.round(Math.min(rung, Math.max(...grey.map((index) => images[index]!.image.dpi))));
    if (colour.length === 0) {
      const bytes = await assemble(doc, images, encoded);
      if (bytes.length <= maxBytes) return { bytes, setting: null, dpi, encoded, checks: new Map() };
      continue;
    }
    const split = colour.filter(layerable);
    const layers = await splitLayers(
      split.map((index) => images[index]!),
      rung,
      ctx,
    );
    const layered = new Map(split.map((index, k) => [index, layers[k]!]));
    const inkBytes = [...layered.values()].reduce((sum, { mask }) => sum + mask.data.length, 0);
    ctx.trace?.(`ink of ${layered.size} colour pages ${inkBytes} B`);
    if (g4Bytes + inkBytes >= budget) continue;
    const colourImages = colour.map((index) => layered.get(index)?.background ?? images[index]!);
    const colourSearch = new FitSearch(colourImages, ctx);
    const fitted = await fitJpeg(
      colourSearch,
      colourImages,
      budget - g4Bytes - inkBytes,
      maxBytes,
      (colourEncoded) => {
        colour.forEach((index, k) => (encoded[index] = { ...colourEncoded[k]!, ink: layered.get(index)?.mask }));
        return assemble(doc, images, encoded);
      },
      ctx,
      { below: 200, cap: BILEVEL.quality },
    );
    if (!fitted) continue;
    // The images verified are the plain JPEG pages': a layered page's object is a form now.
    const forms = new Set([...layered.keys()].map((index) => images[index]!.image.ref.objectNumber));
    const checks = new Map([...fitted.checks].filter(([objectNumber]) => !forms.has(objectNumber)));
    return { ...fitted, dpi: Math.min(dpi, fitted.dpi), encoded, checks };
  }
  return null;
}

/**
 * The lean encoder's best setting when it reaches LEAN_ENOUGH; otherwise mozjpeg's, whose trellis
 * buys the tighter budget its quality, held at LEAN_ENOUGH at most so that it never beats what a
 * looser budget gets.
 */
async function chooseEncoderAndSetting(
  search: FitSearch,
  budget: number,
  below: Rung | undefined,
  { lowest = 100, cap = QUALITY_MAX }: Limits,
): Promise<Setting | null> {
  const enough = Math.min(LEAN_ENOUGH, cap);
  search.useEncoder('lean', cap);
  const lean = await chooseSetting(search, budget, below, lowest);
  if (lean && lean.quality >= enough) return lean;
  search.useEncoder('moz', enough);
  return chooseSetting(search, budget, below, lowest);
}

/** Bounds on the JPEG search: rungs at or above `lowest` and under `below`, qualities up to `cap`. */
interface Limits {
  lowest?: Rung;
  below?: Rung;
  cap?: number;
}

/**
 * Encodes with the search's encoder at the chosen setting; when the prediction from turbo was too
 * optimistic, corrects the ratio and steps the quality down, never below the rung's floor.
 */
async function encodeToFit(
  search: FitSearch,
  images: SearchImage[],
  chosen: Setting,
  budget: number,
): Promise<{ setting: Setting; encoded: Encoded[] } | null> {
  await search.calibrate(chosen);
  // Aim a little under the budget: a miss costs a whole second pass.
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
async function smallestBuild(doc: PDFDocument, search: FitSearch, images: SearchImage[]): Promise<Built> {
  const rung = search.rungs().at(-1) ?? 100;
  const setting = { rung, quality: QUALITY_FLOOR[rung] };
  const encoded = await search.encodeAll(setting, search.finalEncoder(setting));
  const bytes = await assemble(doc, images, encoded);
  return { bytes, setting, dpi: search.dpiOf(rung), encoded, checks: imageChecks(search, images, encoded) };
}

/** An image stream with no bytes, standing in for one whose size is counted apart. */
const emptied = ({ image }: SearchImage): Encoded => ({
  bytes: Buffer.alloc(0),
  grey: image.channels === 1,
  width: image.width,
  height: image.height,
});

function sourceOf(doc: PDFDocument, image: SearchImage['image']): PixelSource {
  const stream = doc.context.lookup(image.ref) as PDFRawStream;
  if (image.encoding.kind === 'dct') return { kind: 'jpeg', bytes: stream.contents };
  const { predictor, channels } = image.encoding;
  return { kind: 'flate', bytes: stream.contents, width: image.width, height: image.height, channels, predictor };
}

/**
 * Swaps the new streams in under the same object numbers and saves: a JPEG or G4 image, or, for a
 * page in layers, a form drawing its background and then its ink.
 */
async function assemble(doc: PDFDocument, images: SearchImage[], encoded: Encoded[]): Promise<Uint8Array> {
  const originals = images.map(({ image }) => doc.context.lookup(image.ref) as PDFRawStream);
  const added: PDFRef[] = [];
  images.forEach(({ image }, i) => {
    const e = encoded[i]!;
    if (!e.bytes) return;
    if (e.ink) {
      const background = doc.context.register(jpegStream(doc, e));
      const ink = doc.context.register(inkStream(doc, e.ink));
      added.push(background, ink);
      doc.context.assign(image.ref, layersForm(doc, background, ink));
      return;
    }
    const old = originals[i]!.dict;
    const dict = PDFDict.withContext(doc.context);
    for (const [key, value] of old.entries()) {
      if (!DROPPED.has(key.decodeText())) dict.set(key, value);
    }
    dict.set(PDFName.of('Width'), PDFNumber.of(e.width));
    dict.set(PDFName.of('Height'), PDFNumber.of(e.height));
    dict.set(PDFName.of('ColorSpace'), PDFName.of(e.grey ? 'DeviceGray' : 'DeviceRGB'));
    dict.set(PDFName.of('BitsPerComponent'), PDFNumber.of(e.bilevel ? 1 : 8));
    dict.set(PDFName.of('Filter'), PDFName.of(e.bilevel ? 'CCITTFaxDecode' : 'DCTDecode'));
    if (e.bilevel)
      dict.set(
        PDFName.of('DecodeParms'),
        doc.context.obj(g4ImageDict({ data: e.bytes, width: e.width, height: e.height }).DecodeParms),
      );
    dict.set(PDFName.of('Length'), PDFNumber.of(e.bytes.length));
    doc.context.assign(image.ref, PDFRawStream.of(dict, e.bytes));
  });
  try {
    return await saveCompact(doc);
  } finally {
    // Put the originals back, so the next attempt starts from the input again.
    images.forEach(({ image }, i) => doc.context.assign(image.ref, originals[i]!));
    for (const ref of added) doc.context.delete(ref);
  }
}

/** A page's background: a plain JPEG image. */
function jpegStream(doc: PDFDocument, e: Encoded): PDFRawStream {
  const dict = doc.context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    Width: e.width,
    Height: e.height,
    ColorSpace: e.grey ? 'DeviceGray' : 'DeviceRGB',
    BitsPerComponent: 8,
    Filter: 'DCTDecode',
    Length: e.bytes!.length,
  });
  return PDFRawStream.of(dict, e.bytes!);
}

/** A page's ink: a G4 stencil mask, painting the current fill colour where the scan had ink. */
function inkStream(doc: PDFDocument, ink: G4): PDFRawStream {
  const { Type, Subtype, Width, Height, Filter, DecodeParms } = g4ImageDict(ink);
  const dict = doc.context.obj({
    Type,
    Subtype,
    Width,
    Height,
    ImageMask: true,
    BitsPerComponent: 1,
    Filter,
    DecodeParms,
    Length: ink.data.length,
  });
  return PDFRawStream.of(dict, ink.data);
}

/**
 * A form drawn where the image was: like an image, it fills the unit square the page's content
 * maps it to; in it the background, then the ink in black on top.
 */
function layersForm(doc: PDFDocument, background: PDFRef, ink: PDFRef): PDFRawStream {
  const content = new TextEncoder().encode('q /Bg Do Q 0 g /Ink Do');
  const dict = doc.context.obj({
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, 1, 1],
    Resources: { XObject: { Bg: background, Ink: ink } },
    Length: content.length,
  });
  return PDFRawStream.of(dict, content);
}

function hasMask(doc: PDFDocument, { image }: SearchImage): boolean {
  const dict = (doc.context.lookup(image.ref) as PDFRawStream).dict;
  return dict.has(PDFName.of('SMask')) || dict.has(PDFName.of('Mask'));
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

/** What verifyOutput checks of each image re-encoded: how it looked, and how its new stream decoded. */
function imageChecks(search: FitSearch, images: SearchImage[], encoded: Encoded[]) {
  const checks = new Map<number, ImageCheck>();
  encoded.forEach(({ bytes, decoded }, i) => {
    const before = search.cache.looks.get(i);
    if (!bytes || !before) return;
    checks.set(images[i]!.image.ref.objectNumber, { before, decoded: decoded && { bytes, look: decoded } });
  });
  return checks;
}
