/**
 * Pixels in and out: decoding an image stream to raw pixels at a target size (shrink-on-load
 * for JPEG, so a 10000×14000 page never sits in memory whole), telling colour pages from nearly
 * colourless ones, and encoding JPEG with libjpeg-turbo (fast probes) or mozjpeg (the result).
 */
import { inflateAtMost } from './inflation';
import sharp, { type Sharp } from 'sharp';
import { LIMITS } from './openPdf';
import { withScratchFile } from './scratchFiles';

export interface Raw {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 3;
}

/** Where an image's pixels come from: a JPEG as stored, or raw pixels behind a Flate filter. */
export type PixelSource =
  | { kind: 'jpeg'; bytes: Uint8Array }
  | { kind: 'flate'; bytes: Uint8Array; width: number; height: number; channels: 1 | 3; predictor: number };

const LUMA: [number, number, number] = [0.299, 0.587, 0.114];

/** Undoes PNG row filters (Predictor ≥ 10), in place into a new buffer without the tag bytes. */
function unpredictPng(data: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const type = data[y * (stride + 1)] ?? 0;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    for (let x = 0; x < stride; x++) {
      const raw = data[src + x] ?? 0;
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[prev + x]! : 0;
      const c = x >= bpp && y > 0 ? out[prev + x - bpp]! : 0;
      let value = raw;
      if (type === 1) value = raw + a;
      else if (type === 2) value = raw + b;
      else if (type === 3) value = raw + ((a + b) >> 1);
      else if (type === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        value = raw + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
      out[row + x] = value & 0xff;
    }
  }
  return out;
}

function flatePixels(source: Extract<PixelSource, { kind: 'flate' }>): Buffer {
  const { width, height, channels, predictor } = source;
  // Never more than the pixels need (a PNG predictor adds a byte a row).
  const inflated = inflateAtMost(source.bytes, (width * channels + 1) * height);
  const pixels = predictor >= 10 ? unpredictPng(inflated, width, height, channels) : inflated;
  if (pixels.length < width * height * channels) throw new Error('short image data');
  return pixels;
}

const LOAD_JPEG = { limitInputPixels: LIMITS.maxImagePixels, sequentialRead: true, failOn: 'error' } as const;

/** A sharp pipeline over the source; never auto-rotated (PDF ignores EXIF orientation). */
export function open(source: PixelSource): Sharp {
  if (source.kind === 'jpeg') return sharp(source.bytes, LOAD_JPEG);
  const { width, height, channels } = source;
  return sharp(flatePixels(source), { raw: { width, height, channels }, limitInputPixels: LIMITS.maxImagePixels });
}

/** Decodes at `width`×`height` (never larger than the source), optionally as 1-channel luma. */
export async function decodeAt(source: PixelSource, width: number, height: number, grey: boolean): Promise<Raw> {
  if (source.kind === 'jpeg') {
    const size = await sharp(source.bytes).metadata();
    const shrink = dctShrink(size.width, size.height, width, height);
    // Past the pixel limit, the buffer's decode below refuses it (the file's counts shrunk pixels).
    if (shrink > 1 && size.width * size.height <= LIMITS.maxImagePixels) {
      const scaled = { width: Math.ceil(size.width / shrink), height: Math.ceil(size.height / shrink) };
      try {
        return await withScratchFile(source.bytes, (path) =>
          decodeFrom(sharp(`${path}[shrink=${shrink}]`, LOAD_JPEG), scaled, width, height, grey),
        );
      } catch {
        // A temporary folder libvips cannot use only costs speed; a JPEG that is truly damaged
        // fails again below, with the error the buffer gives.
      }
    }
    return decodeFrom(open(source), size, width, height, grey);
  }
  return decodeFrom(open(source), source, width, height, grey);
}

/**
 * libjpeg's DCT scaling, 1/2, 1/4 or 1/8, that still leaves at least `width`×`height`: a
 * 300-dpi scan comes out at 150 dpi in 66 ms a page against 147 for the full decode and a
 * resize. sharp would use it from a buffer only for shrinks of 3 and more (it halves its factor
 * against libjpeg's rounding), so the JPEG is loaded from a file, whose name takes the option.
 */
function dctShrink(fromWidth: number, fromHeight: number, width: number, height: number): 1 | 2 | 4 | 8 {
  for (const shrink of [8, 4, 2] as const) {
    if (Math.ceil(fromWidth / shrink) >= width && Math.ceil(fromHeight / shrink) >= height) return shrink;
  }
  return 1;
}

async function decodeFrom(
  pipeline: Sharp,
  size: { width: number; height: number },
  width: number,
  height: number,
  grey: boolean,
): Promise<Raw> {
  if (width < size.width || height < size.height) {
    // Linear, not lanczos3: from a 300-dpi scan to 150 dpi it is nearly a box average, ~15 ms a
    // page on top of the decode against lanczos3's ~60, and without the ringing around strokes
    // that JPEG then spends bytes on (the 10-page bench at 2 MB: OCR agreement 99.7 % against
    // lanczos3's 99.5 %, at quality 85 rather than 81).
    pipeline = pipeline.resize(width, height, { fit: 'fill', kernel: 'linear' });
  }
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let raw: Raw = { data, width: info.width, height: info.height, channels: info.channels === 1 ? 1 : 3 };
  if (info.channels === 2 || info.channels === 4) raw = await rawOf(sharp(data, { raw: info }).removeAlpha());
  if (grey && raw.channels === 3) raw = await toGrey(raw);
  return raw;
}

async function rawOf(pipeline: Sharp): Promise<Raw> {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels === 1 ? 1 : 3 };
}

/**
 * Luma (BT.601, in 16-bit fixed point) in a plain loop: a 150-dpi page in ~10 ms, where sharp's
 * recomb took ~40 and its greyscale(), through a float colourspace, four times that.
 */
export function toGrey(raw: Raw): Promise<Raw> {
  if (raw.channels === 1) return Promise.resolve(raw);
  const pixels = raw.width * raw.height;
  const rgb = raw.data;
  const data = Buffer.allocUnsafe(pixels);
  for (let i = 0, j = 0; i < pixels; i++, j += 3)
    data[i] = (19595 * rgb[j]! + 38470 * rgb[j + 1]! + 7471 * rgb[j + 2]! + 32768) >>> 16;
  return Promise.resolve({ data, width: raw.width, height: raw.height, channels: 1 });
}

export function fromRaw(raw: Raw): Sharp {
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } });
}

export async function resizeRaw(raw: Raw, width: number, height: number): Promise<Raw> {
  return rawOf(fromRaw(raw).resize(width, height, { fit: 'fill', kernel: 'lanczos3' }));
}

/**
 * A quarter of an image's rows as four bands spread down the page, so the sample sees headings,
 * text, tables and empty margins in their proportions.
 */
export function sampleBands(raw: Raw): Raw {
  const stride = raw.width * raw.channels;
  const band = Math.max(1, Math.floor(raw.height / 16));
  const parts: Buffer[] = [];
  for (let k = 0; k < 4; k++) {
    const top = Math.min(raw.height - band, Math.floor(((2 * k + 1) * raw.height) / 8 - band / 2));
    parts.push(raw.data.subarray(Math.max(0, top) * stride, (Math.max(0, top) + band) * stride));
  }
  const data = Buffer.concat(parts);
  return { data, width: raw.width, height: data.length / stride, channels: raw.channels };
}

/**
 * Four JPEG encoders. `turbo`: libjpeg-turbo as is, for the search's probes. `fast`: libjpeg-turbo
 * with mozjpeg's perceptual quantisation tables, baseline, about 16 % smaller than turbo at the
 * same quality and a little faster (scanned text: 17 against 22 ms a 150-dpi page, and 11 ms to
 * decode against a progressive file's 21). `lean`: the same, progressive, 7 % smaller again for
 * twice the time. `moz`: mozjpeg's trellis quantisation on top, 12 % smaller again but four times
 * lean's time (its scan search, another 1.5 % for twice the time again, is left off).
 */
export type Encoder = 'turbo' | 'fast' | 'lean' | 'moz';

const OPTIONS: Record<Encoder, object> = {
  turbo: {},
  fast: { quantisationTable: 3 },
  lean: { quantisationTable: 3, progressive: true },
  moz: { mozjpeg: true, optimiseScans: false },
};

export function encodeJpeg(raw: Raw, quality: number, encoder: Encoder): Promise<Buffer> {
  let pipeline = fromRaw(raw);
  // A 1-channel raw input is written as a 3-channel JPEG unless told otherwise.
  if (raw.channels === 1) pipeline = pipeline.toColourspace('b-w');
  return pipeline.jpeg({ quality: Math.round(quality), chromaSubsampling: '4:2:0', ...OPTIONS[encoder] }).toBuffer();
}

export interface Look {
  /** Share of thumbnail pixels with real colour (after removing the paper's tint). */
  colourShare: number;
  /** A small luma thumbnail, to check the output is not blank or different. */
  mean: number;
  spread: number;
}

/** Thumbnails are this wide: enough for a 0.5 mm blue pen stroke to keep its colour. */
export const THUMB_WIDTH = 320;

/** The thumbnail measures: colour share for the greyscale decision, mean and spread for verification. */
export async function look(raw: Raw): Promise<Look> {
  const thumbWidth = Math.min(THUMB_WIDTH, raw.width);
  const thumbHeight = Math.max(1, Math.round((raw.height * thumbWidth) / raw.width));
  const thumb = thumbWidth < raw.width ? await resizeRaw(raw, thumbWidth, thumbHeight) : raw;
  return measure(thumb);
}

export function measure(raw: Raw): Look {
  const { data, channels } = raw;
  const pixels = data.length / channels;
  let sum = 0;
  let sumSq = 0;
  if (channels === 1) {
    for (let i = 0; i < data.length; i++) {
      sum += data[i]!;
      sumSq += data[i]! * data[i]!;
    }
    const mean = sum / pixels;
    return { colourShare: 0, mean, spread: Math.sqrt(Math.max(0, sumSq / pixels - mean * mean)) };
  }
  // The paper's tint: the mean colour of the brightest pixels, relative to their grey.
  const tint = [0, 0, 0];
  let bright = 0;
  for (let i = 0; i < data.length; i += 3) {
    const y = LUMA[0] * data[i]! + LUMA[1] * data[i + 1]! + LUMA[2] * data[i + 2]!;
    sum += y;
    sumSq += y * y;
    if (y > 160) {
      tint[0]! += data[i]! - y;
      tint[1]! += data[i + 1]! - y;
      tint[2]! += data[i + 2]! - y;
      bright++;
    }
  }
  const [tr, tg, tb] = tint.map((t) => (bright ? t / bright : 0)) as [number, number, number];
  let coloured = 0;
  for (let i = 0; i < data.length; i += 3) {
    const r = data[i]! - tr;
    const g = data[i + 1]! - tg;
    const b = data[i + 2]! - tb;
    const chroma = Math.max(r, g, b) - Math.min(r, g, b);
    if (chroma > 48) coloured++;
  }
  const mean = sum / pixels;
  return { colourShare: coloured / pixels, mean, spread: Math.sqrt(Math.max(0, sumSq / pixels - mean * mean)) };
}

/** A page counts as colour above this share: a red seal was 1.4 %, a blue signature 0.05–0.2 %. */
export const COLOUR_SHARE = 0.0002;

/** Decodes a JPEG stream we wrote into a small luma thumbnail, to verify it. */
export async function thumbnailOf(jpeg: Uint8Array, width: number): Promise<Look> {
  const raw = await rawOf(sharp(jpeg, { failOn: 'error' }).resize(width).removeAlpha());
  return measure(raw.channels === 3 ? await toGrey(raw) : raw);
}
