/**
 * Looking at the pages of a scan without a PDF renderer: a scanned page is one full-page image,
 * so its pixels are that image's (JPEG, Flate or CCITT G4 from a black-and-white scanner). They
 * give the cover-sheet QR codes (jsQR) and the review queue's page-1 preview (PNG). A page that
 * is not a scan (vector text) has no preview; a cover merged digitally is known by its marker.
 *
 * Run in the engine's processes (operations `pageCodes` and `preview`): jsQR is synchronous,
 * ~50 ms a page, and must not hold up the app's main process.
 */
import { loadBounded } from './boundedLoad';
import { inflateAtMost } from './inflation';
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';
import sharp, { type Sharp } from 'sharp';
import { open as openPixels } from './raster';

/** Width the QR decoder looks at: a 70 mm code on A4 is ~210 px, ~5 px a module (jsQR reads 3). */
const QR_WIDTH = 640;
const MAX_PIXELS = 200_000_000;

/** What to look for on each page: a marker a digital cover carries in its page dictionary, and the prefix of payloads that count. */
export interface CodeLook {
  markerKey: string;
  prefix: string;
}

const lookup = (doc: PDFDocument, value: PDFObject | undefined) =>
  value instanceof PDFRef ? doc.context.lookup(value) : value;
const numberOf = (doc: PDFDocument, value: PDFObject | undefined) => {
  const resolved = lookup(doc, value);
  return resolved instanceof PDFNumber ? resolved.asNumber() : undefined;
};
const nameOf = (doc: PDFDocument, value: PDFObject | undefined) => {
  const resolved = lookup(doc, value);
  if (resolved instanceof PDFName) return resolved.decodeText();
  if (resolved instanceof PDFArray && resolved.size() === 1) {
    const first = lookup(doc, resolved.get(0));
    return first instanceof PDFName ? first.decodeText() : undefined;
  }
  return undefined;
};

/**
 * The largest image a page draws (a scan page's only image), directly or through a form one level
 * down: a page compressed in layers (layers.ts) draws a form of a background and its ink, and the
 * ink, the larger, is the text to read.
 */
function mainImage(doc: PDFDocument, pageIndex: number): PDFRawStream | null {
  const page = doc.getPage(pageIndex);
  const xobjectsOf = (resources: PDFDict | undefined) => resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
  const streams = (xobjects: PDFDict | undefined) =>
    [...(xobjects?.entries() ?? [])]
      .map(([, value]) => lookup(doc, value))
      .filter((stream): stream is PDFRawStream => stream instanceof PDFRawStream);
  const candidates: PDFRawStream[] = [];
  for (const stream of streams(xobjectsOf(page.node.Resources()))) {
    const subtype = nameOf(doc, stream.dict.get(PDFName.of('Subtype')));
    if (subtype === 'Image') candidates.push(stream);
    else if (subtype === 'Form') {
      const resources = lookup(doc, stream.dict.get(PDFName.of('Resources')));
      if (!(resources instanceof PDFDict)) continue;
      for (const inner of streams(xobjectsOf(resources)))
        if (nameOf(doc, inner.dict.get(PDFName.of('Subtype'))) === 'Image') candidates.push(inner);
    }
  }
  let best: PDFRawStream | null = null;
  let bestPixels = 0;
  for (const stream of candidates) {
    const pixels =
      (numberOf(doc, stream.dict.get(PDFName.of('Width'))) ?? 0) *
      (numberOf(doc, stream.dict.get(PDFName.of('Height'))) ?? 0);
    if (pixels > bestPixels) {
      best = stream;
      bestPixels = pixels;
    }
  }
  return best;
}

/** A minimal one-strip TIFF around CCITT data, which libtiff (inside sharp) decodes. */
function ccittTiff(data: Uint8Array, width: number, height: number, k: number, blackIs1: boolean): Buffer {
  const entries: Array<[number, number, number]> = [
    [256, 4, width], // ImageWidth
    [257, 4, height], // ImageLength
    [258, 3, 1], // BitsPerSample
    [259, 3, k < 0 ? 4 : 3], // Compression: G4, or G3
    [262, 3, blackIs1 ? 1 : 0], // Photometric: BlackIsZero when 1 is black
    [273, 4, 0], // StripOffsets (filled below)
    [277, 3, 1], // SamplesPerPixel
    [278, 4, height], // RowsPerStrip
    [279, 4, data.length], // StripByteCounts
  ];
  if (k > 0) entries.push([292, 4, 1]); // T4Options: 2-D coding
  const ifdSize = 2 + entries.length * 12 + 4;
  const header = Buffer.alloc(8 + ifdSize);
  header.write('II', 0, 'latin1');
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(8, 4);
  header.writeUInt16LE(entries.length, 8);
  entries.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    header.writeUInt16LE(tag, at);
    header.writeUInt16LE(type, at + 2);
    header.writeUInt32LE(1, at + 4);
    const v = tag === 273 ? 8 + ifdSize : value;
    if (type === 3) header.writeUInt16LE(v, at + 8);
    else header.writeUInt32LE(v, at + 8);
  });
  return Buffer.concat([header, Buffer.from(data)]);
}

/** A sharp pipeline over an image stream's pixels, or null for encodings we cannot read (JBIG2, JPX). */
function pixelsOf(doc: PDFDocument, stream: PDFRawStream): Sharp | null {
  const dict = stream.dict;
  const filter = nameOf(doc, dict.get(PDFName.of('Filter')));
  const width = numberOf(doc, dict.get(PDFName.of('Width'))) ?? 0;
  const height = numberOf(doc, dict.get(PDFName.of('Height'))) ?? 0;
  if (width <= 0 || height <= 0 || width * height > MAX_PIXELS) return null;
  let parms = lookup(doc, dict.get(PDFName.of('DecodeParms')));
  if (parms instanceof PDFArray) parms = lookup(doc, parms.get(0));
  const parm = (key: string) => (parms instanceof PDFDict ? lookup(doc, parms.get(PDFName.of(key))) : undefined);
  const bits = numberOf(doc, dict.get(PDFName.of('BitsPerComponent'))) ?? 8;
  const space = nameOf(doc, dict.get(PDFName.of('ColorSpace')));
  if (filter === 'DCTDecode') return openPixels({ kind: 'jpeg', bytes: stream.contents });
  if (filter === 'CCITTFaxDecode') {
    const k = parm('K') instanceof PDFNumber ? (parm('K') as PDFNumber).asNumber() : 0;
    const blackIs1 = parm('BlackIs1') instanceof PDFBool && (parm('BlackIs1') as PDFBool).asBoolean();
    return sharp(ccittTiff(stream.contents, width, height, k, blackIs1), { limitInputPixels: MAX_PIXELS });
  }
  if (filter === 'FlateDecode' || filter === undefined) {
    const channels = space === 'DeviceRGB' ? 3 : space === 'DeviceGray' ? 1 : null;
    if (!channels) return null;
    const predictorValue = parm('Predictor');
    const predictor = predictorValue instanceof PDFNumber ? predictorValue.asNumber() : 1;
    const rowBytes = Math.ceil((width * channels * bits) / 8) + 1;
    const data = filter ? inflateAtMost(stream.contents, rowBytes * height) : Buffer.from(stream.contents);
    if (bits === 8) {
      if (predictor > 1 && predictor < 10) return null;
      if (!filter) return sharp(data, { raw: { width, height, channels } });
      return openPixels({ kind: 'flate', bytes: stream.contents, width, height, channels, predictor });
    }
    if (bits === 1 && channels === 1 && predictor === 1) {
      const stride = Math.ceil(width / 8);
      const out = Buffer.alloc(width * height);
      for (let y = 0; y < height; y++)
        for (let x = 0; x < width; x++)
          out[y * width + x] = (data[y * stride + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
      return sharp(out, { raw: { width, height, channels: 1 } });
    }
  }
  return null;
}

async function greyAt(pipeline: Sharp, width: number): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await pipeline
    .resize({ width, withoutEnlargement: true, kernel: 'lanczos3' })
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected 1 channel, got ${info.channels}`);
  return { data, width: info.width, height: info.height };
}

/** Decodes a QR code from grey pixels; null when there is none. */
export async function decodeQr(
  grey: { data: Buffer; width: number; height: number },
  invertToo = false,
): Promise<string | null> {
  // Loaded on first use: a process that only compresses never needs it.
  const { default: jsQR } = await import('jsqr');
  const rgba = new Uint8ClampedArray(grey.width * grey.height * 4);
  for (let i = 0; i < grey.width * grey.height; i++) {
    const v = grey.data[i]!;
    rgba[i * 4] = v;
    rgba[i * 4 + 1] = v;
    rgba[i * 4 + 2] = v;
    rgba[i * 4 + 3] = 255;
  }
  const code = jsQR(rgba, grey.width, grey.height, { inversionAttempts: invertToo ? 'attemptBoth' : 'dontInvert' });
  if (!code) return null;
  return new TextDecoder('utf-8', { fatal: false }).decode(new Uint8Array(code.binaryData));
}

function markerOf(doc: PDFDocument, pageIndex: number, key: string): string | null {
  const value = doc.getPage(pageIndex).node.get(PDFName.of(key));
  if (value instanceof PDFHexString || value instanceof PDFString) return value.decodeText();
  return null;
}

/** pageCodes and pagePreview are not given the file's name: a refusal here calls it 「PDF」. */
export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  return loadBounded(bytes, 'PDF');
}

/**
 * Each page's payload (its marker, or its QR code) when it starts with `look.prefix`, else null:
 * an unrelated QR code on a certificate is not taken for a cover.
 */
export async function pageCodes(bytes: Uint8Array, look: CodeLook, check: () => void): Promise<Array<string | null>> {
  const doc = await loadPdf(bytes);
  const accept = (payload: string) => payload.startsWith(look.prefix);
  const looks: Array<string | null> = [];
  for (let i = 0; i < doc.getPageCount(); i++) {
    check();
    let qr = markerOf(doc, i, look.markerKey);
    if (qr !== null && !accept(qr)) qr = null;
    if (qr === null) {
      const image = mainImage(doc, i);
      const pipeline = image ? pixelsOf(doc, image) : null;
      if (pipeline) {
        try {
          // Inverted codes only come from bilevel scans with an odd /Decode: look both ways there.
          const bilevel = numberOf(doc, image!.dict.get(PDFName.of('BitsPerComponent'))) === 1;
          const found = await decodeQr(await greyAt(pipeline, QR_WIDTH), bilevel);
          if (found !== null && accept(found)) qr = found;
        } catch {
          // An image we cannot decode is no cover sheet.
        }
      }
    }
    looks.push(qr);
  }
  return looks;
}

/** The pixels of page `pageIndex` (0-based) when it is a scan (one full-page image), else null; the readers OCR them. */
export function scanPixels(doc: PDFDocument, pageIndex: number): Sharp | null {
  const image = mainImage(doc, pageIndex);
  return image ? pixelsOf(doc, image) : null;
}

/** A PNG of page `page` (1-based) about `width` px wide, or null when the page is not a scan. */
export async function pagePreview(bytes: Uint8Array, kind: string, page = 1, width = 800): Promise<Buffer | null> {
  try {
    if (kind !== 'pdf') {
      return await sharp(bytes, { limitInputPixels: MAX_PIXELS, page: page - 1 })
        .autoOrient()
        .resize({ width, withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        .png()
        .toBuffer();
    }
    const doc = await loadPdf(bytes);
    if (page < 1 || page > doc.getPageCount()) return null;
    const image = mainImage(doc, page - 1);
    const pipeline = image ? pixelsOf(doc, image) : null;
    if (!pipeline) return null;
    return await pipeline
      .resize({ width, withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .png()
      .toBuffer();
  } catch {
    return null;
  }
}
