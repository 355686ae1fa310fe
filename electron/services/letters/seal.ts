/**
 * The unit's round seal: prepared once from a scan (trimmed, background made transparent, ink
 * pushed to a clean seal red with its anti-aliased edges kept, sized for a 40 mm seal at 300 dpi),
 * then embedded in letters from streams decoded and deflated once per process.
 */
import { deflateSync } from 'node:zlib';
import type { PDFDocument, PDFRef } from 'pdf-lib';
import { sharpLib as sharp } from '../lazyLibraries';

/** Clean seal red. */
export const SEAL_RED = { r: 220, g: 20, b: 30 };
export const SEAL_DIAMETER_MM = 40;
export const SEAL_DPI = 300;
/** 40 mm at 300 dpi. */
export const SEAL_PIXELS = Math.round((SEAL_DIAMETER_MM / 25.4) * SEAL_DPI);

const ALPHA_STEPS = 31;

/** Scans are reduced to this before analysis: plenty for a 472 px result, and fast. */
const WORK_PIXELS = 1600;

export class SealError extends Error {}

export interface PreparedSeal {
  /** RGBA PNG, SEAL_PIXELS square, transparent background. */
  png: Uint8Array;
  /** A small PNG on white for the UI. */
  preview: Uint8Array;
  width: number;
  height: number;
  /** Share of the seal's square covered by ink. */
  inkRatio: number;
  warnings: string[];
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Ink strength per pixel (0…1) from redness, or from darkness for a scan with no red in it. */
function inkAlpha(rgb: Uint8Array, pixels: number, warnings: string[]): Float32Array {
  const strength = new Float32Array(pixels);
  let reddish = 0;
  for (let i = 0, p = 0; p < pixels; p++, i += 3) {
    const redness = rgb[i]! - (rgb[i + 1]! + rgb[i + 2]!) / 2;
    strength[p] = redness;
    if (redness > 60) reddish++;
  }
  if (reddish < pixels * 0.002) {
    warnings.push('图片中几乎没有红色，已按深色印迹处理并改为印章红色');
    for (let i = 0, p = 0; p < pixels; p++, i += 3) {
      strength[p] = 255 - (0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!);
    }
  }
  // Below `low` is paper and scanner noise; from `high` on, full ink. `high` follows the scan's own
  // ink (a faint stamp gets a lower one), read from the strong end of the histogram.
  const low = 28;
  const histogram = new Uint32Array(256);
  let inked = 0;
  for (let p = 0; p < pixels; p++) {
    const s = strength[p]!;
    if (s > low + 10) {
      histogram[Math.min(255, Math.round(s))]!++;
      inked++;
    }
  }
  let high = low + 40;
  if (inked > 0) {
    let seen = 0;
    for (let v = 255; v >= 0; v--) {
      seen += histogram[v]!;
      if (seen >= inked * 0.15) {
        high = Math.max(low + 30, v * 0.7);
        break;
      }
    }
  }
  const alpha = new Float32Array(pixels);
  for (let p = 0; p < pixels; p++) alpha[p] = Math.pow(clamp01((strength[p]! - low) / (high - low)), 0.85);
  return alpha;
}

/** Clears specks: inked pixels with too little ink around them (dust, scanner noise). */
function despeckle(alpha: Float32Array, width: number, height: number): void {
  const radius = 4;
  const minimum = 8;
  const integral = new Uint32Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += alpha[y * width + x]! > 0.3 ? 1 : 0;
      integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1]! + row;
    }
  }
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - radius);
    const y1 = Math.min(height, y + radius + 1);
    for (let x = 0; x < width; x++) {
      const p = y * width + x;
      if (alpha[p] === 0) continue;
      const x0 = Math.max(0, x - radius);
      const x1 = Math.min(width, x + radius + 1);
      const count =
        integral[y1 * (width + 1) + x1]! -
        integral[y0 * (width + 1) + x1]! -
        integral[y1 * (width + 1) + x0]! +
        integral[y0 * (width + 1) + x0]!;
      if (count < minimum) alpha[p] = 0;
    }
  }
}

/** Prepares a scanned seal (PNG or JPEG bytes) for printing on letters. */
export async function prepareSeal(bytes: Uint8Array): Promise<PreparedSeal> {
  const decoded = await sharp(bytes)
    .rotate()
    .flatten({ background: '#ffffff' })
    .resize(WORK_PIXELS, WORK_PIXELS, { fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw new SealError('无法读取印章图片，请提供 PNG 或 JPG 格式的扫描件');
    });
  const { width, height } = decoded.info;
  const warnings: string[] = [];
  const alpha = inkAlpha(decoded.data, width * height, warnings);
  despeckle(alpha, width, height);

  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (alpha[y * width + x]! > 0.3) {
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
  }
  const boxWidth = maxX - minX + 1;
  const boxHeight = maxY - minY + 1;
  if (
    maxX < 0 ||
    Math.min(boxWidth, boxHeight) < Math.min(width, height) * 0.05 ||
    Math.max(boxWidth, boxHeight) < 40
  ) {
    throw new SealError('图片中没有找到印章印迹，请扫描盖在白纸上的清晰公章');
  }
  const aspect = boxWidth / boxHeight;
  if (aspect < 0.85 || aspect > 1.18) warnings.push('印迹不像圆形公章（宽高相差较大），请确认扫描的是单位公章');

  // A square around the seal with a 2% margin, the ink as a clean red of varying opacity.
  const side = Math.ceil(Math.max(boxWidth, boxHeight) * 1.04);
  const offsetX = Math.round(minX - (side - boxWidth) / 2);
  const offsetY = Math.round(minY - (side - boxHeight) / 2);
  const rgba = Buffer.alloc(side * side * 4);
  let ink = 0;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const o = (y * side + x) * 4;
      rgba[o] = SEAL_RED.r;
      rgba[o + 1] = SEAL_RED.g;
      rgba[o + 2] = SEAL_RED.b;
      const sx = x + offsetX;
      const sy = y + offsetY;
      if (sx < 0 || sy < 0 || sx >= width || sy >= height) continue;
      const a = alpha[sy * width + sx]!;
      rgba[o + 3] = Math.round(a * 255);
      ink += a;
    }
  }
  const raw = { raw: { width: side, height: side, channels: 4 as const } };
  const sized = await sharp(rgba, raw).resize(SEAL_PIXELS, SEAL_PIXELS, { kernel: 'lanczos3' }).raw().toBuffer();
  // Keep the red exact after resampling; only the opacity carries the shape, in 32 steps (smooth
  // edges still, and the soft mask deflates to half the size of 256 steps).
  for (let o = 0; o < sized.length; o += 4) {
    sized[o] = SEAL_RED.r;
    sized[o + 1] = SEAL_RED.g;
    sized[o + 2] = SEAL_RED.b;
    sized[o + 3] = Math.round(Math.round((sized[o + 3]! / 255) * ALPHA_STEPS) * (255 / ALPHA_STEPS));
  }
  const sizedRaw = { raw: { width: SEAL_PIXELS, height: SEAL_PIXELS, channels: 4 as const } };
  const png = await sharp(sized, sizedRaw)
    .withMetadata({ density: SEAL_DPI })
    .png({ compressionLevel: 9, palette: true, colours: 64, dither: 0 })
    .toBuffer();
  const preview = await sharp(sized, sizedRaw).resize(200, 200).flatten({ background: '#ffffff' }).png().toBuffer();
  return {
    png: new Uint8Array(png),
    preview: new Uint8Array(preview),
    width: SEAL_PIXELS,
    height: SEAL_PIXELS,
    inkRatio: ink / (side * side),
    warnings,
  };
}

// ── The seal in PDFs ───────────────────────────────────────────────────────────────
export interface SealStreams {
  width: number;
  height: number;
  /** Deflated DeviceRGB samples and the deflated DeviceGray soft mask. */
  color: Uint8Array;
  mask: Uint8Array;
}

const streamsCache = new Map<string, SealStreams>();

/**
 * Decodes and deflates a seal PNG once per process (the key is its content-addressed path, so a
 * changed seal is a new key): pdf-lib's embedPng would redo both for every letter.
 */
export async function sealStreams(key: string, png: () => Uint8Array): Promise<SealStreams> {
  const cached = streamsCache.get(key);
  if (cached) return cached;
  const { data, info } = await sharp(png()).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const pixels = info.width * info.height;
  const color = Buffer.alloc(pixels * 3);
  const mask = Buffer.alloc(pixels);
  for (let p = 0; p < pixels; p++) {
    mask[p] = data[p * 4 + 3]!;
    // A transparent pixel's colour is never seen: repeat the last one so the samples deflate to little.
    const from = mask[p] === 0 && p > 0 ? (p - 1) * 3 : -1;
    color[p * 3] = from < 0 ? data[p * 4]! : color[from]!;
    color[p * 3 + 1] = from < 0 ? data[p * 4 + 1]! : color[from + 1]!;
    color[p * 3 + 2] = from < 0 ? data[p * 4 + 2]! : color[from + 2]!;
  }
  const streams: SealStreams = {
    width: info.width,
    height: info.height,
    color: deflateSync(color, { level: 9 }),
    mask: deflateSync(mask, { level: 9 }),
  };
  if (streamsCache.size > 20) streamsCache.clear();
  streamsCache.set(key, streams);
  return streams;
}

/** Puts the seal image (with its soft mask) into a document once; draw it by its ref on any page. */
export function embedSealStreams(doc: PDFDocument, seal: SealStreams): PDFRef {
  const common = { Type: 'XObject', Subtype: 'Image', Width: seal.width, Height: seal.height, BitsPerComponent: 8 };
  const maskRef = doc.context.register(
    doc.context.stream(seal.mask, { ...common, ColorSpace: 'DeviceGray', Filter: 'FlateDecode' }),
  );
  return doc.context.register(
    doc.context.stream(seal.color, { ...common, ColorSpace: 'DeviceRGB', Filter: 'FlateDecode', SMask: maskRef }),
  );
}
