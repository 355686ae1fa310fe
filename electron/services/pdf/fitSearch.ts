/**
 * The search for the best (resolution, JPEG quality) that fits a byte budget. One setting for
 * the whole document, so pages look alike and the result is predictable.
 *
 * Resolution rungs 300/200/150/120/100 dpi, never upsampling an image; each rung has a quality
 * floor. Quality is searched with libjpeg-turbo, the fastest encoder, on ln(bytes) by
 * interpolation, and the search stops once a quality fits within a few per cent of the budget.
 * The result's encoder's size is predicted from turbo's with a ratio calibrated on samples, then
 * the result is encoded once and corrected if the prediction was off. The result is `lean`
 * (mozjpeg's tables, progressive) when that reaches LEAN_ENOUGH; only a budget too tight for it
 * pays for mozjpeg's trellis, and then never above LEAN_ENOUGH, so a looser limit never gets a
 * lower quality. Before any probe, the likeliest result is tried as is: the starting rung at the
 * top quality with the fast encoder (baseline), its pages made progressive once the file looks a
 * little over; kept when it fits, so that for most limits the whole search is that one encode.
 */
import type { G4 } from './ccitt';
import { sizeAt, type PdfImage } from './pdfImages';
import {
  COLOUR_SHARE,
  decodeAt,
  sampleBands,
  encodeJpeg,
  thumbnailOf,
  THUMB_WIDTH,
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
/**
 * The highest quality chosen: above it scanned text only grows (ten pages at 150 dpi read by OCR
 * 99.69 % at 83, fast, against 99.71 % at 85, lean, in the same 2 MB).
 */
export const QUALITY_MAX = 83;
/** From this quality up, the lean encoder's result reads as well as any: mozjpeg's trellis is not worth its time. */
export const LEAN_ENOUGH = 80;
/** Images a search probe encodes, after a first probe of all of them at the rung. */
const PROBE_SAMPLE = 4;
/** A quality whose predicted size is this close under the budget is taken without polishing it further. */
const GOOD_ENOUGH = 0.96;
/** ln(bytes) per quality step, typical of scanned text, for the first guess from one probe. */
const LN_BYTES_PER_QUALITY = 0.02;
/** A final encoder's bytes / turbo's at the same quality, until measured. */
const DEFAULT_RATIO: Record<Encoder, number> = { turbo: 1, fast: 0.84, lean: 0.78, moz: 0.66 };
/** The lean encoder's bytes / the fast one's, at the same quality (scanned text, 83 and 85). */
const LEAN_OVER_FAST = 0.93;
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
  /** CCITT G4 black and white rather than JPEG. */
  bilevel?: boolean;
  /** The page's ink, drawn in black over the JPEG (which is then its background): see layers.ts. */
  ink?: G4;
  /** The new JPEG decoded again as soon as it was made, for the output's verification. */
  decoded?: Look;
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
    return sizeAt(this.images[index]!.image, rung);
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
  /** The first probe at each rung, which later sampled probes are scaled from. */
  private readonly references = new Map<Rung, Probe>();
  /** The final encoder's bytes / turbo's per image, as calibrated, and a correction on top. */
  private readonly perImage = new Map<number, number>();
  private correction = 1;
  /** The encoder the predictions are for, and the highest quality the search may choose. */
  private encoder: Encoder = 'lean';
  private cap = QUALITY_MAX;
  readonly cache: PixelCache;

  constructor(
    private readonly images: SearchImage[],
    private readonly ctx: JobContext,
  ) {
    this.cache = new PixelCache(images, ctx);
  }

  /** Whether any probe has run yet. */
  get probed(): boolean {
    return this.probes.size > 0;
  }

  /** Rungs that differ from each other for at least one image (above its own resolution they all coincide). */
  rungs(): Rung[] {
    const top = Math.max(...this.images.map((i) => i.image.dpi));
    return RUNGS.filter((rung, k) => k === RUNGS.length - 1 || rung < top || RUNGS[k + 1]! < top - 1);
  }

  /**
   * Turbo bytes per image at (rung, quality). The first probe at a rung encodes every image; later
   * probes encode an even sample of PROBE_SAMPLE images and scale the others by how the sample
   * moved from that first probe.
   */
  private async probe(rung: Rung, quality: number): Promise<Probe> {
    const key = `${rung}/${quality}`;
    const known = this.probes.get(key);
    if (known) return known;
    const count = this.images.length;
    const reference = this.references.get(rung);
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
    if (!reference) this.references.set(rung, probe);
    this.ctx.trace?.(
      `probe ${rung} dpi q${quality}: ${Math.round(sizes.reduce((a, b) => a + b, 0))} B turbo (${sample.length} images)`,
    );
    return probe;
  }

  /**
   * Predicts for `encoder` from now on, choosing no quality above `cap`. A new encoder starts from
   * its default ratio until calibrated.
   */
  useEncoder(encoder: Encoder, cap = QUALITY_MAX): void {
    if (encoder !== this.encoder) {
      this.perImage.clear();
      this.correction = 1;
    }
    this.encoder = encoder;
    this.cap = cap;
  }

  /** Predicted total for the current encoder, each image capped at its stored size (the smaller one is kept). */
  private predict(probe: Probe): number {
    return probe.sizes.reduce((sum, turbo, index) => {
      const ratio = (this.perImage.get(index) ?? DEFAULT_RATIO[this.encoder]) * this.correction;
      return sum + Math.min(this.images[index]!.image.storedBytes, turbo * ratio);
    }, 0);
  }

  /** The predicted total at a setting already probed. */
  async predicted(setting: Setting): Promise<number> {
    return this.predict(await this.probe(setting.rung, setting.quality));
  }

  /**
   * A high quality in [floor, cap] predicted to fit `budget` at `rung`, or null when even the floor
   * does not. The cap is tried first; then qualities are interpolated on ln(bytes), which is close
   * to linear in quality, until one fits within GOOD_ENOUGH of the budget or the bracket closes.
   */
  async bestQuality(rung: Rung, budget: number): Promise<number | null> {
    const floor = QUALITY_FLOOR[rung];
    let hi = Math.max(floor, this.cap);
    let hiSize = this.predict(await this.probe(rung, hi));
    if (hiSize <= budget) return hi;
    // Start from the qualities already probed at this rung, else from a guess by the typical slope.
    let lo: number | null = null;
    let loSize = 0;
    const known = [...this.probes]
      .map(([key, probe]) => ({ key: key.split('/'), probe }))
      .filter(({ key }) => Number(key[0]) === rung)
      .map(({ key, probe }) => ({ quality: Number(key[1]), size: this.predict(probe) }))
      .filter(({ quality }) => quality >= floor && quality <= hi);
    for (const k of known) if (k.size > budget && k.quality < hi) [hi, hiSize] = [k.quality, k.size];
    for (const k of known)
      if (k.size <= budget && k.quality < hi && (lo === null || k.quality > lo)) [lo, loSize] = [k.quality, k.size];
    if (lo !== null && (loSize >= budget * GOOD_ENOUGH || hi - lo <= 1)) return lo;
    // Below any fitting quality known, step down by the typical slope; between two, interpolate.
    const next = () =>
      lo === null
        ? Math.max(floor, Math.min(hi - 1, Math.floor(hi - Math.log(hiSize / budget) / LN_BYTES_PER_QUALITY)))
        : Math.min(
            hi - 1,
            Math.max(lo + 1, Math.floor(lo + (Math.log(budget / loSize) / Math.log(hiSize / loSize)) * (hi - lo))),
          );
    for (;;) {
      const q = next();
      const size = this.predict(await this.probe(rung, q));
      if (size <= budget) {
        [lo, loSize] = [q, size];
        if (size >= budget * GOOD_ENOUGH || hi - lo <= 1) return lo;
      } else {
        [hi, hiSize] = [q, size];
        if (lo === null ? q === floor : hi - lo <= 1) return lo;
      }
    }
  }

  /**
   * Measures the final encoder against turbo at `setting` on a band sample of up to four images
   * spread through the document (a quarter of each one's rows), so the final pass lands where
   * predicted.
   */
  async calibrate(setting: Setting): Promise<void> {
    const encoder = this.finalEncoder(setting);
    this.useEncoder(encoder, this.cap);
    if (encoder === 'turbo') return;
    const count = this.images.length;
    const n = Math.min(PROBE_SAMPLE, count);
    const sample = [...new Set(Array.from({ length: n }, (_, k) => Math.floor(((k + 0.5) * count) / n)))];
    const ratios = await mapLimit(sample, this.ctx.parallel, async (index) => {
      this.ctx.check();
      const band = sampleBands(await this.cache.get(index, setting.rung));
      const turbo = await encodeJpeg(band, setting.quality, 'turbo');
      const final = await encodeJpeg(band, setting.quality, encoder);
      return final.length / turbo.length;
    });
    const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
    this.perImage.clear();
    this.correction = 1;
    sample.forEach((index, k) => this.perImage.set(index, ratios[k]!));
    for (let index = 0; index < count; index++) if (!this.perImage.has(index)) this.perImage.set(index, mean);
    this.ctx.trace?.(`calibrate q${setting.quality}: ${encoder}/turbo ${ratios.map((r) => r.toFixed(2)).join(' ')}`);
  }

  /**
   * The encoder the search predicts for; past about 45 A4 pages at 150 dpi, libjpeg-turbo alone,
   * which keeps a big file's time in minutes rather than tens of them.
   */
  finalEncoder(setting: Setting): Encoder {
    const pixels = this.images.reduce((sum, _, index) => {
      const [w, h] = this.cache.size(index, setting.rung);
      return sum + w * h;
    }, 0);
    return pixels > 100_000_000 ? 'turbo' : this.encoder;
  }

  /** Corrects the prediction by how far it missed the real total. */
  correct(setting: Setting, actual: number): void {
    const probe = this.probes.get(`${setting.rung}/${setting.quality}`);
    if (!probe) return;
    this.correction *= actual / this.predict(probe);
  }

  /** Encodes every image at `setting` with `encoder`. */
  async encodeAll(setting: Setting, encoder: Encoder): Promise<Encoded[]> {
    this.ctx.trace?.(`encode all ${setting.rung} dpi q${setting.quality} ${encoder}`);
    return mapLimit(this.images, this.ctx.parallel, (_, index) => this.encodeOne(index, setting, encoder));
  }

  /**
   * Encodes every image at `setting`, in page order, with the fast encoder, and returns the result
   * when it fits `budget`. Once the pages done, scaled by their share of the stored bytes, show the
   * whole over the budget, the rest are made progressive (the same pixels in some 7 % fewer bytes),
   * and at the end the largest fast ones too while the file is still over. Gives up (null) as soon
   * as the projection shows the whole clearly over even so or, with `climb`, so far under that a
   * higher rung is worth searching; the pixels decoded meanwhile stay cached for that search.
   */
  async encodeIfFits(setting: Setting, budget: number, climb: boolean): Promise<Encoded[] | null> {
    const encoder = this.finalEncoder(setting) === 'turbo' ? 'turbo' : 'fast';
    const canShrink = encoder === 'fast';
    const stored = this.images.map(({ image }) => image.storedBytes);
    const storedTotal = stored.reduce((a, b) => a + b, 0);
    const roomy = (total: number) => climb && total * CLIMB_GROWTH <= budget;
    const progressive = new Set<number>();
    let done = 0;
    let doneBytes = 0;
    let leanBytes = 0;
    let doneStored = 0;
    let gaveUp = false;
    // The projection's margin: wide on one image, narrower from two on.
    const margin = () => (done === 1 ? 1.5 : 1.1);
    const encoded = await mapLimit(this.images, this.ctx.parallel, async (_, index) => {
      if (gaveUp) return null;
      this.ctx.check();
      const raw = await this.cache.get(index, setting.rung);
      if (gaveUp) return null;
      const lean = canShrink && doneBytes > (doneStored / storedTotal) * budget;
      if (lean) progressive.add(index);
      const e = await this.encodeRaw(index, raw, setting.quality, lean ? 'lean' : encoder);
      const bytes = e.bytes?.length ?? stored[index]!;
      done++;
      doneBytes += bytes;
      leanBytes += canShrink && !lean && e.bytes ? bytes * LEAN_OVER_FAST : bytes;
      doneStored += stored[index]!;
      const share = storedTotal / doneStored;
      if (done < stored.length) gaveUp ||= leanBytes * share > budget * margin() || roomy(doneBytes * share * margin());
      return gaveUp ? e : this.decodeForCheck(e);
    });
    let total = doneBytes;
    if (!gaveUp && total > budget && canShrink && leanBytes <= budget) {
      total = await this.progressiveUntilFits(encoded as Encoded[], setting, budget, progressive);
    }
    const fits = !gaveUp && total <= budget && !roomy(total);
    const made = progressive.size ? `, ${progressive.size} progressive` : '';
    this.ctx.trace?.(
      `first try ${setting.rung} dpi q${setting.quality} ${encoder}${made}: ${fits ? `${total} B` : `no, after ${done} images`}`,
    );
    return fits ? (encoded as Encoded[]) : null;
  }

  /**
   * Re-encodes the largest of `encoded` not yet `progressive` with the lean encoder, in place,
   * until their total fits `budget` or none is left; the same quality, so the pages look exactly
   * as before. Returns the new total.
   */
  private async progressiveUntilFits(
    encoded: Encoded[],
    setting: Setting,
    budget: number,
    progressive: Set<number>,
  ): Promise<number> {
    const size = (index: number) => encoded[index]!.bytes?.length ?? this.images[index]!.image.storedBytes;
    const order = encoded.map((_, index) => index).filter((index) => encoded[index]!.bytes && !progressive.has(index));
    order.sort((a, b) => size(b) - size(a));
    let total = encodedTotal(this.images, encoded);
    let next = 0;
    while (total > budget && next < order.length) {
      // Enough of the largest to close the gap, by the usual saving.
      const batch: number[] = [];
      for (let gap = total - budget; gap > 0 && next < order.length; next++) {
        batch.push(order[next]!);
        gap -= size(order[next]!) * (1 - LEAN_OVER_FAST);
      }
      await mapLimit(batch, this.ctx.parallel, async (index) => {
        this.ctx.check();
        const before = size(index);
        const raw = await this.cache.get(index, setting.rung);
        encoded[index] = await this.decodeForCheck(await this.encodeRaw(index, raw, setting.quality, 'lean'));
        progressive.add(index);
        total += size(index) - before;
      });
    }
    return total;
  }

  /** Image `index` at `setting`; its stored stream is kept (bytes null) when that is smaller. */
  private async encodeOne(index: number, setting: Setting, encoder: Encoder): Promise<Encoded> {
    this.ctx.check();
    const raw = await this.cache.get(index, setting.rung);
    return this.decodeForCheck(await this.encodeRaw(index, raw, setting.quality, encoder));
  }

  private async encodeRaw(index: number, raw: Raw, quality: number, encoder: Encoder): Promise<Encoded> {
    const bytes = await encodeJpeg(raw, quality, encoder);
    const keep = bytes.length >= this.images[index]!.image.storedBytes;
    return { bytes: keep ? null : bytes, grey: raw.channels === 1, width: raw.width, height: raw.height };
  }

  /**
   * A likely result's new JPEG decoded again for its verification: in the lanes, beside other
   * pages' work, rather than in a pass of its own once the file is written. One that does not
   * decode is decoded again by verifyOutput, which says so in Chinese.
   */
  private async decodeForCheck(encoded: Encoded): Promise<Encoded> {
    if (!encoded.bytes) return encoded;
    return { ...encoded, decoded: await thumbnailOf(encoded.bytes, THUMB_WIDTH).catch(() => undefined) };
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
 * lowest rung does not fit. With `below`, only rungs under it are considered, and none under `lowest`.
 */
export async function chooseSetting(
  search: FitSearch,
  budget: number,
  below?: Rung,
  lowest: Rung = 100,
): Promise<Setting | null> {
  const rungs = allowedRungs(search, below, lowest);
  if (rungs.length === 0) return null;
  const start = startOf(rungs);
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

/**
 * What most limits end with, tried before any probe: the starting rung at the top quality, encoded
 * once for good (encodeIfFits) when it fits and leaves no room to climb. Null otherwise.
 */
export async function tryTopSetting(
  search: FitSearch,
  budget: number,
  below?: Rung,
  lowest: Rung = 100,
  cap = QUALITY_MAX,
): Promise<{ setting: Setting; encoded: Encoded[] } | null> {
  const rungs = allowedRungs(search, below, lowest);
  // Once probes have run, the search already knows better than to try this.
  if (rungs.length === 0 || search.probed) return null;
  const rung = startOf(rungs);
  const setting = { rung, quality: Math.max(QUALITY_FLOOR[rung], cap) };
  const climb = setting.quality >= QUALITY_MAX && rungs.some((r) => r > rung);
  const encoded = await search.encodeIfFits(setting, budget, climb);
  return encoded && { setting, encoded };
}

const allowedRungs = (search: FitSearch, below: Rung | undefined, lowest: Rung) =>
  search.rungs().filter((r) => (below === undefined || r < below) && r >= lowest);

const startOf = (rungs: Rung[]) => (rungs.includes(START) ? START : rungs[0]!);
