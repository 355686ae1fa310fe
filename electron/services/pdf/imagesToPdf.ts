/**
 * Photos and scanned images to one PDF, a page per image (per TIFF page): upright by EXIF, on an
 * A4 page turned to the image's aspect, at the scanner's size when its resolution says so and
 * fitted to the page otherwise (phones claim 72 dpi). A plain JPEG goes in as it is; CMYK, rotated
 * or oversized images are re-encoded; bilevel images become CCITT G4.
 */
import { concatTransformationMatrix, drawObject, PDFDocument, popGraphicsState, pushGraphicsState } from 'pdf-lib';
import sharp, { type Metadata } from 'sharp';
import { encodeG4, g4ImageDict } from './ccitt';
import { fail } from './errors';
import type { JobContext } from './jobContext';
import { LIMITS } from './openPdf';
import { COLOUR_SHARE, encodeJpeg, look, toGrey, type Raw } from './raster';
import { sniff } from './sniff';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
}

const A4: [number, number] = [595.28, 841.89];
/** Images are never embedded above this resolution on the page. */
const MAX_DPI = 300;
/** Quality of images we have to re-encode when no size limit asks for less. */
const QUALITY = 88;

interface Placed {
  pageSize: [number, number];
  /** Where the image goes, in points. */
  box: { x: number; y: number; width: number; height: number };
  /** Pixel size to embed at (at most MAX_DPI on the page). */
  pixels: [number, number];
}

/** A4 turned like the image; the image at its scanned size when that fits, else fitted to the page. */
function place(width: number, height: number, density: number | undefined): Placed {
  const pageSize: [number, number] = width > height ? [A4[1], A4[0]] : [A4[0], A4[1]];
  let w = pageSize[0];
  let h = (height / width) * w;
  if (h > pageSize[1]) {
    h = pageSize[1];
    w = (width / height) * h;
  }
  if (density && density >= 100) {
    const physical = [(width / density) * 72, (height / density) * 72];
    if (physical[0]! <= pageSize[0] * 1.03 && physical[1]! <= pageSize[1] * 1.03) {
      w = Math.min(physical[0]!, pageSize[0]);
      h = Math.min(physical[1]!, pageSize[1]);
    }
  }
  const scale = Math.min(1, (MAX_DPI * (w / 72)) / width);
  return {
    pageSize,
    box: { x: (pageSize[0] - w) / 2, y: (pageSize[1] - h) / 2, width: w, height: h },
    pixels: [Math.max(1, Math.round(width * scale)), Math.max(1, Math.round(height * scale))],
  };
}

async function metadataOf(file: NamedBytes): Promise<Metadata> {
  const kind = sniff(file.bytes);
  if (kind === 'heic') throw fail.heic(file.name);
  if (kind !== 'jpeg' && kind !== 'png' && kind !== 'tiff') throw fail.imageUnsupported(file.name);
  try {
    const meta = await sharp(file.bytes, { failOn: 'error', limitInputPixels: false }).metadata();
    if ((meta.width ?? 0) * (meta.height ?? 0) > LIMITS.maxImagePixels)
      throw fail.tooLarge(file.name, `有 ${meta.width}×${meta.height} 像素`);
    return meta;
  } catch (error) {
    if (error instanceof Error && error.name === 'PdfError') throw error;
    throw fail.imageDamaged(file.name);
  }
}

/** A JPEG the PDF can carry untouched: upright, RGB or grey, not larger than needed. */
const passThrough = (meta: Metadata, placed: Placed) =>
  meta.format === 'jpeg' &&
  (meta.orientation ?? 1) === 1 &&
  (meta.space === 'srgb' || meta.space === 'b-w') &&
  (meta.channels === 3 || meta.channels === 1) &&
  placed.pixels[0] >= (meta.width ?? 0);

export async function imagesToPdf(files: NamedBytes[], ctx: JobContext): Promise<Uint8Array> {
  if (files.length === 0) throw fail.badArgument('请至少给出一张图片');
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (const file of files) {
    ctx.check();
    const meta = await metadataOf(file);
    const pages = meta.format === 'tiff' ? (meta.pages ?? 1) : 1;
    for (let page = 0; page < pages; page++) {
      ctx.check();
      await addImagePage(doc, file, page, pages > 1 ? await metadataOfPage(file, page) : meta);
    }
  }
  return doc.save({ useObjectStreams: true, addDefaultPage: false });
}

async function metadataOfPage(file: NamedBytes, page: number): Promise<Metadata> {
  try {
    return await sharp(file.bytes, { page, failOn: 'error', limitInputPixels: false }).metadata();
  } catch {
    throw fail.imageDamaged(file.name);
  }
}

async function addImagePage(doc: PDFDocument, file: NamedBytes, page: number, meta: Metadata): Promise<void> {
  const turned = (meta.orientation ?? 1) >= 5;
  const width = (turned ? meta.height : meta.width) ?? 1;
  const height = (turned ? meta.width : meta.height) ?? 1;
  const placed = place(width, height, meta.density);
  let ref;
  if (passThrough(meta, placed)) {
    await checkDecodes(file);
    ref = doc.context.register(
      doc.context.stream(file.bytes, {
        Type: 'XObject',
        Subtype: 'Image',
        Width: width,
        Height: height,
        ColorSpace: meta.channels === 1 ? 'DeviceGray' : 'DeviceRGB',
        BitsPerComponent: 8,
        Filter: 'DCTDecode',
      }),
    );
  } else {
    const raw = await decodeUpright(file, page, meta, placed.pixels);
    if (isBilevel(meta, raw)) {
      const g4 = await encodeG4(await toGrey(raw));
      ref = doc.context.register(doc.context.stream(g4.data, g4ImageDict(g4)));
    } else {
      const seen = await look(raw);
      const pixels = raw.channels === 3 && seen.colourShare < COLOUR_SHARE ? await toGrey(raw) : raw;
      // Lean, not mozjpeg: a page over its limit is fitted again anyway, and trellis takes four times as long.
      const jpeg = await encodeJpeg(pixels, QUALITY, 'lean');
      ref = doc.context.register(
        doc.context.stream(jpeg, {
          Type: 'XObject',
          Subtype: 'Image',
          Width: pixels.width,
          Height: pixels.height,
          ColorSpace: pixels.channels === 1 ? 'DeviceGray' : 'DeviceRGB',
          BitsPerComponent: 8,
          Filter: 'DCTDecode',
        }),
      );
    }
  }
  const pdfPage = doc.addPage(placed.pageSize);
  const xobject = pdfPage.node.newXObject('Im', ref);
  const { x, y, width: w, height: h } = placed.box;
  pdfPage.pushOperators(
    pushGraphicsState(),
    concatTransformationMatrix(w, 0, 0, h, x, y),
    drawObject(xobject),
    popGraphicsState(),
  );
}

/** Pixels upright, CMYK turned to sRGB, transparency laid on white paper, at the placed size. */
async function decodeUpright(
  file: NamedBytes,
  page: number,
  meta: Metadata,
  [width, height]: [number, number],
): Promise<Raw> {
  try {
    let pipeline = sharp(file.bytes, {
      page,
      failOn: 'error',
      limitInputPixels: LIMITS.maxImagePixels,
      sequentialRead: true,
    })
      .autoOrient()
      .resize(width, height, { fit: 'fill', kernel: 'lanczos3' })
      .flatten({ background: '#ffffff' });
    const grey = meta.space === 'b-w' || meta.channels === 1 || (meta.channels === 2 && meta.hasAlpha);
    pipeline = grey ? pipeline.toColourspace('b-w') : pipeline.toColourspace('srgb');
    const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
    const raw: Raw = { data, width: info.width, height: info.height, channels: info.channels === 1 ? 1 : 3 };
    if (info.channels !== 1 && info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    return raw;
  } catch (error) {
    if (error instanceof Error && error.name === 'PdfError') throw error;
    throw fail.imageDamaged(file.name);
  }
}

/** A JPEG carried untouched must still decode to its end: a cut-off photo is refused, not embedded. */
async function checkDecodes(file: NamedBytes): Promise<void> {
  try {
    await sharp(file.bytes, { failOn: 'warning', limitInputPixels: LIMITS.maxImagePixels }).resize(64).toBuffer();
  } catch {
    throw fail.imageDamaged(file.name);
  }
}

/** 1-bit sources, and images (a two-colour palette PNG among them) that hold only black and white. */
function isBilevel(meta: Metadata, raw: Raw): boolean {
  if (raw.channels === 1 && meta.bitsPerSample === 1) return true;
  const data = raw.data;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0 && data[i] !== 255) return false;
  if (raw.channels === 3) {
    for (let i = 0; i < data.length; i += 3) if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) return false;
  }
  return true;
}
