/**
 * Colourless text pages as black and white: CCITT G4 at 200–300 dpi keeps every stroke of a
 * Chinese character in a fifth of what a legible JPEG needs, so ten scanned pages fit 500 KB
 * where JPEG would have to fall to 100 dpi. Chosen per page: a page with a red seal or a blue
 * signature stays JPEG. The threshold is each page's own (Otsu's, between paper and ink).
 */
import { encodeG4 } from './ccitt';
import { mapLimit, type JobContext } from './jobContext';
import { sizeAt } from './pdfImages';
import { decodeAt, type Raw } from './raster';
import type { SearchImage } from './fitSearch';

/** Resolutions tried for the black-and-white pages, best first; below 200 dpi small strokes merge. */
export const BILEVEL_RUNGS = [300, 200] as const;

export interface Bilevel {
  data: Buffer;
  width: number;
  height: number;
}

/** The grey level best separating ink from paper: Otsu's, maximising the between-class variance. */
export function otsuThreshold(grey: Raw): number {
  const histogram = new Float64Array(256);
  for (let i = 0; i < grey.data.length; i++) histogram[grey.data[i]!]!++;
  const total = grey.data.length;
  let sum = 0;
  for (let v = 0; v < 256; v++) sum += v * histogram[v]!;
  let below = 0;
  let sumBelow = 0;
  let best = -1;
  let threshold = 128;
  for (let v = 0; v < 255; v++) {
    below += histogram[v]!;
    sumBelow += v * histogram[v]!;
    const above = total - below;
    if (below === 0 || above === 0) continue;
    const between = below * above * (sumBelow / below - (sum - sumBelow) / above) ** 2;
    if (between > best) {
      best = between;
      threshold = v + 1;
    }
  }
  return threshold;
}

/** Each image as G4 at `dpi` (never above its own resolution). */
export async function encodeBilevel(images: SearchImage[], dpi: number, ctx: JobContext): Promise<Bilevel[]> {
  return mapLimit(images, ctx.parallel, async ({ image, source }) => {
    ctx.check();
    const [width, height] = sizeAt(image, dpi);
    const grey = await decodeAt(source, width, height, true);
    return encodeG4(grey, otsuThreshold(grey));
  });
}
