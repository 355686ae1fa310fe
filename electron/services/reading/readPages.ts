/**
 * The text of a document's pages: the PDF's own text layer where it has one, OCR of the page
 * image where it has none (scans, photos, JPEG/PNG/TIFF inputs), each page turned upright first.
 * OCR costs seconds a page, so by default pages are read only until the document has said what
 * it is and whose it is (most HR documents do on page 1); `pages: 'all'` reads every page.
 */
import { performance } from 'node:perf_hooks';
import sharp, { type Sharp } from 'sharp';
import { extractDocument } from '../../../shared/reading/extract';
import type { PageText, ReadScope, Rotation } from '../../../shared/reading/types';
import { fail } from '../pdf/errors';
import { loadPdf, scanPixels } from '../pdf/pageImages';
import { sniff } from '../pdf/sniff';
import { ocrText } from './ocr';
import { detectRotation } from './orientation';
import { hasTextLayer, openTextLayer } from './textLayer';

/** OCR reads a page at about 150 dpi (A4 long side ~1,750 px): as accurate as 300 dpi, half the time. */
export const OCR_LONG_SIDE = 1750;
const MAX_PIXELS = 200_000_000;

export interface ReadPagesOptions {
  /** 'enough' (default): stop before a page needing OCR once type and person are known. */
  pages?: ReadScope;
  /** Folder holding the OCR models; found beside the app by default. */
  modelDir?: string;
  /** Called between pages; throws to stop (the engine's cancel check). */
  check?: () => void;
}

/** Enough is known when the document has said what it is and named someone by ID or name. */
export function saysEnough(pages: PageText[]): boolean {
  const found = extractDocument(pages);
  return found.type !== null && (found.idNumbers.length > 0 || found.names.length > 0);
}

/** A page image turned upright and read; `rotated` is how far it was turned, clockwise. */
export async function ocrPage(pixels: Sharp, modelDir?: string): Promise<{ text: string; rotated: Rotation }> {
  const scaled = await pixels
    .resize(OCR_LONG_SIDE, OCR_LONG_SIDE, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .png({ compressionLevel: 1 })
    .toBuffer();
  const rotated = await detectRotation(scaled, modelDir);
  const upright = rotated === 0 ? scaled : await sharp(scaled).rotate(rotated).png({ compressionLevel: 1 }).toBuffer();
  return { text: await ocrText(upright, modelDir), rotated };
}

const elapsed = (from: number) => Math.round(performance.now() - from);

/** Reads the pages of a PDF or an image file (`name` is what messages call it). */
export async function readPages(bytes: Uint8Array, name: string, options: ReadPagesOptions = {}): Promise<PageText[]> {
  const kind = sniff(bytes);
  const all = options.pages === 'all';
  const pages: PageText[] = [];
  if (kind === 'jpeg' || kind === 'png' || kind === 'tiff' || kind === 'webp' || kind === 'bmp' || kind === 'gif') {
    if (options.pages === 'text') return pages; // an image has no text layer
    let count = 1;
    try {
      count = (await sharp(bytes, { limitInputPixels: MAX_PIXELS }).metadata()).pages ?? 1;
    } catch {
      throw fail.imageDamaged(name);
    }
    for (let i = 0; i < count; i++) {
      options.check?.();
      if (!all && i > 0 && saysEnough(pages)) break;
      const started = performance.now();
      // Phones record which way they were held in EXIF: honour it before looking for text.
      const pixels = sharp(bytes, { limitInputPixels: MAX_PIXELS, page: i }).autoOrient();
      let read: { text: string; rotated: Rotation };
      try {
        read = await ocrPage(pixels, options.modelDir);
      } catch (error) {
        if (i === 0) throw fail.imageDamaged(name);
        throw error;
      }
      pages.push({ page: i + 1, source: 'ocr', rotated: read.rotated, ms: elapsed(started), text: read.text });
    }
    return pages;
  }
  if (kind === 'heic') throw fail.heic(name);
  if (kind !== 'pdf') throw fail.notPdf(name);
  const textOnly = options.pages === 'text';
  let layer;
  let doc;
  try {
    layer = await openTextLayer(bytes);
    // The page images are only wanted for OCR.
    doc = textOnly ? null : await loadPdf(bytes);
  } catch {
    await layer?.close();
    throw fail.damaged(name);
  }
  try {
    for (let n = 1; n <= layer.pageCount; n++) {
      options.check?.();
      const started = performance.now();
      const text = await layer.pageText(n).catch(() => '');
      if (hasTextLayer(text)) {
        pages.push({ page: n, source: 'text', rotated: 0, ms: elapsed(started), text });
        continue;
      }
      if (!doc) continue; // text only: a page without a text layer says nothing here
      if (!all && pages.length > 0 && saysEnough(pages)) break;
      const pixels = scanPixels(doc, n - 1);
      if (!pixels) {
        pages.push({ page: n, source: 'text', rotated: 0, ms: elapsed(started), text });
        continue;
      }
      const read = await ocrPage(pixels, options.modelDir);
      pages.push({ page: n, source: 'ocr', rotated: read.rotated, ms: elapsed(started), text: read.text });
    }
  } finally {
    await layer.close();
  }
  return pages;
}
