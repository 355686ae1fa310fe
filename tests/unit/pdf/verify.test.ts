/**
 * The last check before any output is used: it re-opens, has its pages, fits, and every image
 * re-encoded still shows what it showed. An image decoded as it was encoded is taken on trust only
 * while the file holds exactly the bytes that were decoded.
 */
import { PDFDocument, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { look, thumbnailOf, THUMB_WIDTH, type Look } from '../../../electron/services/pdf/raster';
import { verifyOutput } from '../../../electron/services/pdf/verify';
import { refusal } from './support/pdfTools';
import { jpegsToPdf, renderScanPage } from './support/scans';

let page: Buffer;
let blank: Buffer;
let pdf: Uint8Array;
let objectNumber: number;
let before: Look;

/** The object number of the image stream holding `jpeg` in `pdf`. */
async function imageObject(pdf: Uint8Array, jpeg: Buffer): Promise<number> {
  const doc = await PDFDocument.load(pdf);
  for (const [ref, object] of doc.context.enumerateIndirectObjects())
    if (object instanceof PDFRawStream && jpeg.equals(object.contents)) return ref.objectNumber;
  throw new Error('image not found');
}

beforeAll(async () => {
  const scan = await renderScanPage(0);
  page = await sharp(scan).resize(620).grayscale().jpeg({ quality: 80 }).toBuffer();
  blank = await sharp({ create: { width: 620, height: 877, channels: 3, background: '#ffffff' } })
    .grayscale()
    .jpeg({ quality: 80 })
    .toBuffer();
  pdf = await jpegsToPdf([page]);
  objectNumber = await imageObject(pdf, page);
  const { data, info } = await sharp(page).raw().toBuffer({ resolveWithObject: true });
  before = await look({ data, width: info.width, height: info.height, channels: 1 });
}, 60_000);

describe('verifyOutput', () => {
  it('passes a file whose images still show what they showed, decoding them itself or not', async () => {
    await verifyOutput(pdf, '证明.pdf', { pages: 1, images: new Map([[objectNumber, { before }]]) });
    const decoded = { bytes: page, look: await thumbnailOf(page, THUMB_WIDTH) };
    await verifyOutput(pdf, '证明.pdf', { pages: 1, images: new Map([[objectNumber, { before, decoded }]]) });
  });

  it('refuses an image gone blank, whether it decodes it or was told how it decoded', async () => {
    const emptied = await jpegsToPdf([blank]);
    const images = new Map([[await imageObject(emptied, blank), { before }]]);
    expect((await refusal(verifyOutput(emptied, '证明.pdf', { pages: 1, images }))).message).toContain('页面内容丢失');

    const blankLook = await thumbnailOf(blank, THUMB_WIDTH);
    const told = new Map([[objectNumber, { before, decoded: { bytes: page, look: blankLook } }]]);
    expect((await refusal(verifyOutput(pdf, '证明.pdf', { pages: 1, images: told }))).message).toContain(
      '页面内容丢失',
    );
  });

  it('decodes the image itself when the file does not hold the bytes it was told about', async () => {
    // Told the text page decoded fine, but the file holds the blank page: the blank is found.
    const emptied = await jpegsToPdf([blank]);
    const decoded = { bytes: page, look: await thumbnailOf(page, THUMB_WIDTH) };
    const images = new Map([[await imageObject(emptied, blank), { before, decoded }]]);
    expect((await refusal(verifyOutput(emptied, '证明.pdf', { pages: 1, images }))).message).toContain('页面内容丢失');
  });

  it('refuses a file over its limit or with pages missing', async () => {
    expect((await refusal(verifyOutput(pdf, '证明.pdf', { pages: 1, maxBytes: pdf.length - 1 }))).message).toContain(
      '超过大小限制',
    );
    expect((await refusal(verifyOutput(pdf, '证明.pdf', { pages: 2 }))).message).toContain('页数不一致');
  });
});
