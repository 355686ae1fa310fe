/**
 * No output is used before it passes these checks: it re-opens strictly, has the expected pages,
 * is at or under the limit, and every image we re-encoded still shows what it showed (same mean
 * brightness, not flattened to blank). A failure here is our bug, never the user's file.
 */
import { PDFName, PDFRawStream, PDFRef } from 'pdf-lib';
import { fail } from './errors';
import { mapLimit } from './jobContext';
import { openPdf } from './openPdf';
import { THUMB_WIDTH, thumbnailOf, type Look } from './raster';

export interface Expectation {
  pages: number;
  maxBytes?: number;
  /** Re-encoded images by object number. */
  images?: Map<number, ImageCheck>;
  /** Images checked at once. */
  parallel?: number;
}

export interface ImageCheck {
  /** How the image looked before it was re-encoded. */
  before: Look;
  /** Its new stream as decoded when it was encoded: the file must hold exactly these bytes. */
  decoded?: { bytes: Buffer; look: Look };
}

export async function verifyOutput(bytes: Uint8Array, name: string, expected: Expectation): Promise<void> {
  const broken = (why: string) => fail.internal(name, `生成的文件未通过检查（${why}），未使用该结果`);
  if (expected.maxBytes !== undefined && bytes.length > expected.maxBytes) throw broken('超过大小限制');
  let doc;
  try {
    doc = await openPdf(bytes, name);
  } catch {
    throw broken('无法重新打开');
  }
  if (doc.getPageCount() !== expected.pages) throw broken('页数不一致');
  // Decoding every re-encoded image is most of the check: done as it was encoded, or here.
  await mapLimit([...(expected.images ?? [])], expected.parallel ?? 1, async ([objectNumber, { before, decoded }]) => {
    const stream = doc.context.lookup(PDFRef.of(objectNumber));
    if (!(stream instanceof PDFRawStream)) throw broken('图像缺失');
    if (stream.dict.get(PDFName.of('Filter'))?.toString() !== '/DCTDecode') return;
    let after: Look;
    try {
      after = decoded?.bytes.equals(stream.contents) ? decoded.look : await thumbnailOf(stream.contents, THUMB_WIDTH);
    } catch {
      throw broken('图像无法解码');
    }
    const blank = before.spread > 6 && after.spread < before.spread * 0.5;
    if (blank || Math.abs(after.mean - before.mean) > 16) throw broken('页面内容丢失');
  });
}
