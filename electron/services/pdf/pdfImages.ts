/**
 * The raster images of a PDF that can be re-encoded, each with the size it is drawn at (from the
 * content streams, forms included) and so its effective resolution. Everything else, JBIG2,
 * CCITT, JPX, CMYK JPEG, masks, palettes, tiny logos, stays as it is: fixed overhead.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib';
import { IDENTITY, multiply, walkContent, type Matrix } from './contentStream';
import { fail } from './errors';
import { inflationBudget, type InflationBudget } from './inflation';
import { LIMITS } from './openPdf';

export type ImageEncoding = { kind: 'dct' } | { kind: 'flate'; predictor: number; channels: 1 | 3 };

export interface PdfImage {
  ref: PDFRef;
  width: number;
  height: number;
  /** Channels of the colour space: 1 grey, 3 RGB. */
  channels: 1 | 3;
  encoding: ImageEncoding;
  /** Bytes of the stream as stored. */
  storedBytes: number;
  /** Largest size it is drawn at, in points. */
  drawnWidth: number;
  drawnHeight: number;
  /** Pixels per inch where it is drawn largest (the lower of the two axes). */
  dpi: number;
  /** Pages (0-based) that draw it. */
  pages: number[];
}

/** The image's pixel size at `dpi` where it is drawn: never more than it has. */
export function sizeAt(image: Pick<PdfImage, 'width' | 'height' | 'dpi'>, dpi: number): [number, number] {
  const scale = Math.min(1, dpi / image.dpi);
  return [Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale))];
}

const name = (dict: PDFDict, key: string) => {
  const value = dict.get(PDFName.of(key));
  return value instanceof PDFName ? value.decodeText() : undefined;
};
const num = (doc: PDFDocument, value: PDFObject | undefined) => {
  const resolved = value instanceof PDFRef ? doc.context.lookup(value) : value;
  return resolved instanceof PDFNumber ? resolved.asNumber() : undefined;
};

/** Channels of an image's colour space, or null when it is not plain grey or RGB. */
function colourChannels(doc: PDFDocument, value: PDFObject | undefined): 1 | 3 | null {
  const space = value instanceof PDFRef ? doc.context.lookup(value) : value;
  if (space instanceof PDFName) {
    const n = space.decodeText();
    return n === 'DeviceGray' || n === 'CalGray' ? 1 : n === 'DeviceRGB' || n === 'CalRGB' ? 3 : null;
  }
  if (space instanceof PDFArray && space.size() >= 2) {
    const family = space.get(0);
    if (!(family instanceof PDFName)) return null;
    if (family.decodeText() === 'ICCBased') {
      const profile = doc.context.lookup(space.get(1));
      const n = profile instanceof PDFStream ? num(doc, profile.dict.get(PDFName.of('N'))) : undefined;
      return n === 1 ? 1 : n === 3 ? 3 : null;
    }
    if (family.decodeText() === 'CalGray') return 1;
    if (family.decodeText() === 'CalRGB') return 3;
  }
  return null;
}

/** Only streams the engine can decode and re-encode without changing what the page shows. */
function classify(
  doc: PDFDocument,
  stream: PDFRawStream,
): Omit<PdfImage, 'ref' | 'drawnWidth' | 'drawnHeight' | 'dpi' | 'pages'> | null {
  const dict = stream.dict;
  if (name(dict, 'Subtype') !== 'Image') return null;
  const width = num(doc, dict.get(PDFName.of('Width'))) ?? 0;
  const height = num(doc, dict.get(PDFName.of('Height'))) ?? 0;
  if (width * height > LIMITS.maxImagePixels) return null;
  if (dict.get(PDFName.of('ImageMask'))?.toString() === 'true') return null;
  if (dict.get(PDFName.of('Decode')) !== undefined) return null;
  if (dict.lookup(PDFName.of('Mask')) instanceof PDFArray) return null; // colour-key masking depends on exact values
  if (num(doc, dict.get(PDFName.of('BitsPerComponent'))) !== 8) return null;
  const channels = colourChannels(doc, dict.get(PDFName.of('ColorSpace')));
  if (channels === null) return null;
  let filter: PDFObject | undefined = dict.lookup(PDFName.of('Filter'));
  if (filter instanceof PDFArray) filter = filter.size() === 1 ? doc.context.lookup(filter.get(0)) : undefined;
  const storedBytes = stream.contents.length;
  // Small images (logos, signatures already small) are not worth the risk.
  if (storedBytes < 12 * 1024 || width * height < 150 * 150) return null;
  if (filter instanceof PDFName && filter.decodeText() === 'DCTDecode') {
    return { width, height, channels, encoding: { kind: 'dct' }, storedBytes };
  }
  if (filter instanceof PDFName && filter.decodeText() === 'FlateDecode') {
    let parms: PDFObject | undefined = dict.lookup(PDFName.of('DecodeParms'));
    if (parms instanceof PDFArray) parms = doc.context.lookup(parms.get(0));
    let predictor = 1;
    if (parms instanceof PDFDict) {
      predictor = num(doc, parms.get(PDFName.of('Predictor'))) ?? 1;
      const colors = num(doc, parms.get(PDFName.of('Colors'))) ?? 1;
      const bpc = num(doc, parms.get(PDFName.of('BitsPerComponent'))) ?? 8;
      const columns = num(doc, parms.get(PDFName.of('Columns'))) ?? 1;
      if (predictor >= 10 && (colors !== channels || bpc !== 8 || columns !== width)) return null;
    }
    if (predictor !== 1 && predictor < 10) return null; // TIFF predictor: rare, kept as is
    // Raw pixels are held in memory while decoding: cap them.
    if (width * height * channels > 300 * 1024 * 1024) return null;
    return { width, height, channels, encoding: { kind: 'flate', predictor, channels }, storedBytes };
  }
  return null;
}

/** Walks every page's content (and the forms it draws) for images and where they are drawn. */
export function findImages(doc: PDFDocument, fileName: string): PdfImage[] {
  const found = new Map<PDFRef, PdfImage>();
  const context = doc.context;
  const budget = inflationBudget(fileName);
  doc.getPages().forEach((page, pageIndex) => {
    const visit = (content: Uint8Array, resources: PDFDict | undefined, start: Matrix, depth: number) => {
      const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
      walkContent(content, start, (xname, ctm) => {
        const ref = xobjects?.get(PDFName.of(xname));
        if (!(ref instanceof PDFRef)) return;
        const object = context.lookup(ref);
        if (!(object instanceof PDFRawStream)) return;
        const subtype = name(object.dict, 'Subtype');
        if (subtype === 'Form' && depth < 8) {
          const matrix = object.dict.lookupMaybe(PDFName.of('Matrix'), PDFArray);
          const m = matrix?.size() === 6 ? (matrix.asArray().map((v) => num(doc, v) ?? 0) as Matrix) : IDENTITY;
          const formResources = object.dict.lookupMaybe(PDFName.of('Resources'), PDFDict) ?? resources;
          visit(budget.decode(object), formResources, multiply(m, ctm), depth + 1);
          return;
        }
        if (subtype !== 'Image') return;
        const dict = object.dict;
        const w = num(doc, dict.get(PDFName.of('Width'))) ?? 0;
        const h = num(doc, dict.get(PDFName.of('Height'))) ?? 0;
        if (w * h > LIMITS.maxImagePixels)
          throw fail.tooLarge(fileName, `第 ${pageIndex + 1} 页的图像有 ${w}×${h} 像素`);
        const drawnWidth = Math.hypot(ctm[0], ctm[1]);
        const drawnHeight = Math.hypot(ctm[2], ctm[3]);
        const known = found.get(ref);
        if (known) {
          if (!known.pages.includes(pageIndex)) known.pages.push(pageIndex);
          if (drawnWidth * drawnHeight > known.drawnWidth * known.drawnHeight) {
            Object.assign(known, { drawnWidth, drawnHeight, dpi: dpiOf(w, h, drawnWidth, drawnHeight) });
          }
          return;
        }
        const info = classify(doc, object);
        if (!info || drawnWidth < 1 || drawnHeight < 1) return;
        found.set(ref, {
          ...info,
          ref,
          drawnWidth,
          drawnHeight,
          dpi: dpiOf(w, h, drawnWidth, drawnHeight),
          pages: [pageIndex],
        });
      });
    };
    visit(pageContent(doc, page.node.get(PDFName.of('Contents')), budget), page.node.Resources(), IDENTITY, 0);
  });
  return [...found.values()];
}

const dpiOf = (w: number, h: number, drawnWidth: number, drawnHeight: number) =>
  Math.min(w / (drawnWidth / 72), h / (drawnHeight / 72));

function pageContent(doc: PDFDocument, contents: PDFObject | undefined, budget: InflationBudget): Uint8Array {
  const resolved = contents instanceof PDFRef ? doc.context.lookup(contents) : contents;
  const streams = resolved instanceof PDFArray ? resolved.asArray().map((r) => doc.context.lookup(r)) : [resolved];
  const parts = streams.filter((s): s is PDFRawStream => s instanceof PDFRawStream).map((s) => budget.decode(s));
  // Streams of one page are concatenated with whitespace between them.
  const total = parts.reduce((sum, p) => sum + p.length + 1, 0);
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    out[at + p.length] = 0x0a;
    at += p.length + 1;
  }
  return out;
}
