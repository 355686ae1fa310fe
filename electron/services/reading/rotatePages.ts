/**
 * Turning pages in a filed PDF the way reading found them: a page's /Rotate is increased by the
 * clockwise degrees its image had to be turned, so viewers show it upright; the image is untouched.
 */
import { degrees, PDFDocument } from 'pdf-lib';
import type { PageText, Rotation } from '../../../shared/reading/types';

/** The rotations reading found, by 1-based page, leaving out pages already upright. */
export function rotationsOf(pages: readonly PageText[]): Map<number, Rotation> {
  return new Map(pages.filter((p) => p.rotated !== 0).map((p) => [p.page, p.rotated]));
}

/** The PDF with those pages turned; the same bytes when no page needs turning. */
export async function rotatePdfPages(bytes: Uint8Array, rotations: ReadonlyMap<number, Rotation>): Promise<Uint8Array> {
  if (rotations.size === 0) return bytes;
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  for (const [page, turn] of rotations) {
    if (page < 1 || page > doc.getPageCount()) continue;
    const target = doc.getPage(page - 1);
    target.setRotation(degrees((target.getRotation().angle + turn) % 360));
  }
  return doc.save({ useObjectStreams: false });
}
