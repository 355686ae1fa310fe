/**
 * The search for the best (resolution, JPEG quality) that fits a byte budget. One setting for
 * the whole document, so pages look alike and the result is predictable.
 *
 * Resolution rungs 300/200/150/120/100 dpi, never upsampling an image; each rung has a quality
 * floor. Quality is searched with libjpeg-turbo, ten times faster than mozjpeg, on ln(bytes)
 * by interpolation; mozjpeg's size is predicted from turbo's with a ratio calibrated on the
 * largest images, then the result is encoded once with mozjpeg (about 30 % smaller at the same
 * quality) and corrected if the prediction was off.
 */
import type { PdfImage } from './pdfImages';
import {
  COLOUR_SHARE,
  decodeAt,
  sampleBands,
  encodeJpeg,
  look,
  resizeRaw,
  toGrey,
  type Encoder,
  type Look,
  type PixelSource,
  type Raw,
} from './raster';
import { mapLimit, type JobContext } from './jobContext';

export const RUNGS = [300, 200, 150, 120, 100] as const;
export type Rung = (typeof RUNGS)[number];
/** Lowest quality per rung: below these, small Chinese characters break up. */
export const QUALITY_FLOOR: Record<Rung, number> = { 300: 50, 200: 45, 150: 40, 120: 35, 100: 35 };
/** Going above 150 dpi only pays when the higher rung still gets at least this quality. */
const QUALITY_TO_CLIMB: Record<Rung, number> = { 300: 80, 200: 80, 150: 40, 120: 35, 100: 35 };
/** A rung up costs about this factor in bytes at its climbing quality: below it, no decode is spent trying. */
const CLIMB_GROWTH = 1.4;
export const QUALITY_MAX = 85;
/** Images a search probe encodes in a long document. */
const PROBE_SAMPLE = 24;
const START: Rung = 150;

export interface SearchImage {
  image: PdfImage;
  source: PixelSource;
}

export interface Encoded {
  /** New JPEG bytes, or null to keep the stored stream (it was smaller). */
  bytes: Buffer | null;
  grey: boolean;
  width: number;
  height: number;
}

export interface Setting {
  rung: Rung;
  quality: number;
}

/** Holds decoded pixels per rung within a memory budget, and each image's look. */
export class PixelCache {
  private readonly raws = new Map<string, Raw>();
  private held = 0;
  readonly looks = new Map<number, Look>();
  readonly grey = new Map<number, boolean>();

  constructor(
    private readonly images: SearchImage[],
    private readonly ctx: JobContext,
  ) {}

  size(index: number, rung: Rung): [number, number] {
    const { image } = this.images[index]!;
    const scale = Math.min(1, rung / image.dpi);
    return [Math.max(1, Math.round(image.width * scale)), Math.max(1, Math.round(image.height * scale))];
  }

  /** Pixels of image `index` at `rung`: from the cache, by resizing a cached larger rung, or decoded. */
  async get(index: number, rung: Rung): Promise<Raw> {
    const key = `${index}@${rung}`;
    const hit = this.raws.get(key);
    if (hit) return hit;
    const [width, height] = this.size(index, rung);
    let raw: Raw | undefined;
    for (const larger of RUNGS.filter((r) => r > rung)) {
      const cached = this.raws.get(`${index}@${larger}`);
      if (cached && cached.width >= width) {
        raw = cached.width === width ? cached : await resizeRaw(cached, width, height);
        break;
      }
    }
    if (!raw) {
      const firstTime = !this.looks.has(index);
      raw = await decodeAt(this.images[index]!.source, width, height, !firstTime && this.grey.get(index) === true);
      if (firstTime) {
        const seen = await look(raw);
        this.looks.set(index, seen);
        this.grey.set(index, raw.channels === 1 || seen.colourShare < COLOUR_SHARE);
      }
    }
    if (this.grey.get(index) && raw.channels === 3) raw = await toGrey(raw);
    if (this.held + raw.data.length <= this.ctx.cacheBytes) {
      this.raws.set(key, raw);
      this.held += raw.data.length;
    }
    return raw;
  }

  /** Frees the pixels of rungs other than `keep`. */
  keepOnly(keep: Rung[]): void {
    for (const [key, raw] of this.raws) {
      if (!keep.some((rung) => key.endsWith(`@${rung}`))) {
        this.raws.delete(key);
        this.held -= raw.data.length;
      }
    }
  }
}

interface Probe {
  /** Turbo bytes per image. */
  sizes: number[];
}

export class FitSearch {
  private readonly probes = new Map<string, Probe>();
  /** mozjpeg bytes / turbo bytes at the same quality, for grey and colour images. */
  private ratio = { grey: 0.65, colour: 0.65 };
  private readonly perImage = new Map<number, number>();
  readonly cache: PixelCache;

  constructor(
    private readonly images: SearchImage[],
    private readonly ctx: JobContext,
  ) {
    this.cache = new PixelCache(images, ctx);
  }

  /** Rungs that differ from each other for at least one image (above its own resolution they all coincide). */
  rungs(): Rung[] {
    const top = Math.max(...this.images.map((i) => i.image.dpi));
    return RUNGS.filter((rung, k) => k === RUNGS.length - 1 || rung < top || RUNGS[k + 1]! < top - 1);
  }

  /**
   * Turbo bytes per image at (rung, quality). The first probe at a rung encodes every image; in a
   * long document later probes encode an even sample of PROBE_SAMPLE images and scale the others
   * by how the sample moved from that first probe.
   */
  private async probe(rung: Rung, quality: number): Promise<Probe> {
    const key = `${rung}/${quality}`;
    const known = this.probes.get(key);
    if (known) return known;
    const count = this.images.length;
    const reference = this.probes.get(`${rung}/${QUALITY_FLOOR[rung]}`);
    const sample =
      reference && count > PROBE_SAMPLE
        ? Array.from({ length: PROBE_SAMPLE }, (_, k) => Math.floor(((k + 0.5) * count) / PROBE_SAMPLE))
        : this.images.map((_, index) => index);
    const measured = await mapLimit(sample, this.ctx.parallel, async (index) => {
      this.ctx.check();
      const raw = await this.cache.get(index, rung);
      return (await encodeJpeg(raw, quality, 'turbo')).length;
    });
    let sizes = measured;
    if (sample.length < count && reference) {
      const before = sample.reduce((sum, index) => sum + reference.sizes[index]!, 0);
      const scale = measured.reduce((a, b) => a + b, 0) / before;
      sizes = reference.sizes.map((size) => size * scale);
      sample.forEach((index, k) => (sizes[index] = measured[k]!));
    }
    const probe = { sizes };
    this.probes.set(key, probe);
    this.ctx.trace?.(`probe ${rung} dpi q${quality}: ${Math.round(sizes.reduce((a, b) => a + b, 0))} B turbo`);
    return probe;
  }

  /** Predicted mozjpeg total, each image capped at its stored size (the smaller one is kept). */
  private predict(probe: Probe): number {
    return probe.sizes.reduce((sum, turbo, index) => {
      const ratio =
        (this.perImage.get(index) ?? 1) * (this.cache.grey.get(index) ? this.ratio.grey : this.ratio.colour);
      return sum + Math.min(this.images[index]!.image.storedBytes, turbo * ratio);
    }, 0);
  }

  /** The predicted total at a setting already probed. */
  async predicted(setting: Setting): Promise<number> {
    return this.predict(await this.probe(setting.rung, setting.quality));
  }

  /** The highest quality in [floor, max] predicted to fit `budget` at `rung`, or null. */
  async bestQuality(rung: Rung, budget: number): Promise<number | null> {
    let lo = QUALITY_FLOOR[rung];
    let hi = QUALITY_MAX;
    let loSize = this.predict(await this.probe(rung, lo));
    if (loSize > budget) return null;
    let hiSize = this.predict(await this.probe(rung, hi));
    if (hiSize <= budget) return hi;
    // Interpolate on ln(bytes), which is close to linear in quality, keeping a bracket.
    while (hi - lo > 1) {
      const t = (Math.log(budget) - Math.log(loSize)) / (Math.log(hiSize) - Math.log(loSize));
      const q = Math.min(hi - 1, Math.max(lo + 1, Math.round(lo + t * (hi - lo))));
      const size = this.predict(await this.probe(rung, q));
      if (size <= budget) {
        lo = q;
        loSize = size;
      } else {
        hi = q;
        hiSize = size;
      }
    }
    return lo;
  }

  /**
   * Measures mozjpeg against turbo at `setting` on a band sample of up to eight images spread
   * through the document (a quarter of each one's rows), so the final pass lands where predicted.
   */
  async calibrate(setting: Setting): Promise<void> {
    this.ratio = { grey: 1, colour: 1 };
    if (this.finalEncoder(setting) === 'turbo') return;
    const count = this.images.length;
    const sample = [
      ...new Set(
        Array.from({ length: Math.min(8, count) }, (_, k) => Math.floor(((k + 0.5) * count) / Math.min(8, count))),
      ),
    ];
    const ratios = await mapLimit(sample, this.ctx.parallel, async (index) => {
      this.ctx.check();
      const band = sampleBands(await this.cache.get(index, setting.rung));
      const turbo = await encodeJpeg(band, setting.quality, 'turbo');
      const moz = await encodeJpeg(band, setting.quality, 'moz');
      return moz.length / turbo.length;
    });
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    this.perImage.clear();
    sample.forEach((index, k) => this.perImage.set(index, ratios[k]!));
    for (let index = 0; index < count; index++) if (!this.perImage.has(index)) this.perImage.set(index, mean);
    this.ctx.trace?.(`calibrate q${setting.quality}: moz/turbo ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
  }

  /**
   * mozjpeg for the result, 30 % smaller at the same quality but ten times slower: past about
   * 45 A4 pages at 150 dpi, libjpeg-turbo keeps a big file's time in minutes rather than tens of them.
   */
  finalEncoder(setting: Setting): Encoder {
    const pixels = this.images.reduce((sum, _, index) => {
      const [w, h] = this.cache.size(index, setting.rung);
      return sum + w * h;
    }, 0);
    return pixels > 100_000_000 ? 'turbo' : 'moz';
  }

  /** Corrects the ratios by how far the prediction missed the real mozjpeg total. */
  correct(setting: Setting, actual: number): void {
    const probe = this.probes.get(`${setting.rung}/${setting.quality}`);
    if (!probe) return;
    const factor = actual / this.predict(probe);
    this.ratio.grey *= factor;
    this.ratio.colour *= factor;
  }

  /** Encodes every image at `setting` with `encoder`; an image whose stored stream is smaller is kept. */
  async encodeAll(setting: Setting, encoder: Encoder): Promise<Encoded[]> {
    this.ctx.trace?.(`encode all ${setting.rung} dpi q${setting.quality} ${encoder}`);
    return mapLimit(this.images, this.ctx.parallel, async ({ image }, index) => {
      this.ctx.check();
      const raw = await this.cache.get(index, setting.rung);
      const bytes = await encodeJpeg(raw, setting.quality, encoder);
      const keep = bytes.length >= image.storedBytes;
      return { bytes: keep ? null : bytes, grey: raw.channels === 1, width: raw.width, height: raw.height };
    });
  }

  /** The resolution the result actually has: the rung, or less where the scan itself was coarser. */
  dpiOf(rung: Rung): number {
    return Math.round(Math.min(rung, Math.max(...this.images.map((i) => i.image.dpi))));
  }
}

/** Σ of what the images will weigh in the file. */
export const encodedTotal = (images: SearchImage[], encoded: Encoded[]) =>
  encoded.reduce((sum, e, i) => sum + (e.bytes ? e.bytes.length : images[i]!.image.storedBytes), 0);

/**
 * The search's plan: start at 150 dpi; climb to 200 and 300 only while the page still fits at a
 * high quality; otherwise step down to 120 and 100 dpi. Returns null when even the floor of the
 * lowest rung does not fit. With `below`, only rungs under it are considered.
 */
export async function chooseSetting(search: FitSearch, budget: number, below?: Rung): Promise<Setting | null> {
  const rungs = search.rungs().filter((r) => below === undefined || r < below);
  if (rungs.length === 0) return null;
  const start = rungs.includes(START) ? START : rungs[0]!;
  let quality = await search.bestQuality(start, budget);
  if (quality !== null) {
    let best: Setting = { rung: start, quality };
    for (const higher of rungs.filter((r) => r > start).reverse()) {
      if (best.quality < QUALITY_MAX || (await search.predicted(best)) * CLIMB_GROWTH > budget) break;
      const q = await search.bestQuality(higher, budget);
      if (q === null || q < QUALITY_TO_CLIMB[higher]) break;
      best = { rung: higher, quality: q };
    }
    search.cache.keepOnly([best.rung]);
    return best;
  }
  for (const lower of rungs.filter((r) => r < start)) {
    quality = await search.bestQuality(lower, budget);
    if (quality !== null) {
      search.cache.keepOnly([lower]);
      return { rung: lower, quality };
    }
  }
  return null;
}
