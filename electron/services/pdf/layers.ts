/**
 * A colour page under the tightest limits, in two layers: its ink (every stroke dark in all three
 * channels, so black text but not a red seal or a blue signature) as a black-and-white CCITT G4
 * mask at 200–300 dpi, over a colour background at most 150 dpi with that ink painted out, where
 * only the seal, the signature and the paper are left. As JPEG alone, such a page had to fall to
 * 120 dpi at quality 46 beside nine black-and-white pages in 500 KB, and its text read worst.
 */
import { otsuThreshold } from './bilevel';
import { encodeG4, type G4 } from './ccitt';
import { mapLimit, type JobContext } from './jobContext';
import type { SearchImage } from './fitSearch';
import { sizeAt } from './pdfImages';
import { decodeAt, encodeJpeg, resizeRaw, type Raw } from './raster';

/** The background's resolution: the JPEG search may take it lower still. */
const BACKGROUND_DPI = 150;
/**
 * The background waits for the JPEG search as a JPEG this good, not as raw pixels (6 MB a page at
 * 150 dpi), so many colour pages stay within memory; its loss is lost in the search's.
 */
const BACKGROUND_QUALITY = 95;
/** A pixel is paper when every channel is at least this bright. */
const PAPER = 160;
/** A pixel whose channels differ by more than this has a hue (as in raster.ts's look()): never ink. */
const HUE = 48;

export interface Layered {
  mask: G4;
  /** The background as a search image: same object, a JPEG of the painted-out page as its source. */
  background: SearchImage;
}

/** Splits each colour image into ink at `dpi` and a background for the JPEG search. */
export function splitLayers(images: SearchImage[], dpi: number, ctx: JobContext): Promise<Layered[]> {
  return mapLimit(images, ctx.parallel, async (searchImage) => {
    ctx.check();
    const { image, source } = searchImage;
    const [width, height] = sizeAt(image, dpi);
    const page = await decodeAt(source, width, height, false);
    const darkness = neutralDarkness(page);
    const threshold = otsuThreshold(darkness);
    const mask = await encodeG4(darkness, threshold);
    paintOut(page, darkness.data, threshold);
    const [bgWidth, bgHeight] = sizeAt(image, BACKGROUND_DPI);
    const background = bgWidth < page.width ? await resizeRaw(page, bgWidth, bgHeight) : page;
    const bytes = await encodeJpeg(background, BACKGROUND_QUALITY, 'turbo');
    return {
      mask,
      background: {
        image: {
          ...image,
          width: bgWidth,
          height: bgHeight,
          dpi: Math.min(image.dpi, BACKGROUND_DPI),
          // Never "keep the stored stream": the stored stream still has the ink in it.
          storedBytes: Number.MAX_SAFE_INTEGER,
          encoding: { kind: 'dct' },
        },
        source: { kind: 'jpeg', bytes },
      },
    };
  });
}

/**
 * Each pixel's brightest channel, or white where it has colour: ink is dark in all three, a red
 * seal is bright in one, and a dark blue pen stroke, dark in all three, still has its hue.
 */
function neutralDarkness(raw: Raw): Raw {
  if (raw.channels === 1) return raw;
  const pixels = raw.width * raw.height;
  const rgb = raw.data;
  const data = Buffer.allocUnsafe(pixels);
  for (let i = 0, j = 0; i < pixels; i++, j += 3) {
    const max = Math.max(rgb[j]!, rgb[j + 1]!, rgb[j + 2]!);
    const min = Math.min(rgb[j]!, rgb[j + 1]!, rgb[j + 2]!);
    data[i] = max - min > HUE ? 255 : max;
  }
  return { data, width: raw.width, height: raw.height, channels: 1 };
}

/**
 * Replaces the ink's pixels, and the pixel on either side of each across and down (a stroke's
 * soft edge), by the paper's colour, in place: the background spends nothing on text, and no grey
 * outline of it shows around the mask's strokes.
 */
function paintOut(raw: Raw, darkness: Buffer, threshold: number): void {
  const { data, width, channels } = raw;
  const pixels = darkness.length;
  const [r, g, b] = paperColour(data, channels) as [number, number, number];
  const paint =
    channels === 1
      ? (p: number) => (data[p] = r)
      : (p: number) => {
          const i = p * 3;
          data[i] = r;
          data[i + 1] = g;
          data[i + 2] = b;
        };
  for (let p = 0; p < pixels; p++) {
    if (darkness[p]! >= threshold) continue;
    paint(p);
    const x = p % width;
    if (x > 0) paint(p - 1);
    if (x < width - 1) paint(p + 1);
    if (p >= width) paint(p - width);
    if (p + width < pixels) paint(p + width);
  }
}

/** The paper's colour: the mean of the pixels bright in every channel (white when there are none). */
function paperColour(data: Buffer, channels: 1 | 3): number[] {
  const sums = [0, 0, 0];
  let count = 0;
  for (let i = 0; i < data.length; i += channels) {
    const a = data[i]!;
    const b = channels === 3 ? data[i + 1]! : a;
    const c = channels === 3 ? data[i + 2]! : a;
    if (a < PAPER || b < PAPER || c < PAPER) continue;
    sums[0]! += a;
    sums[1]! += b;
    sums[2]! += c;
    count++;
  }
  return sums.slice(0, channels).map((sum) => (count ? Math.round(sum / count) : 255));
}
