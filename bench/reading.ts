/**
 * Reading pages, on files of the generated reading corpus: pages per minute read from a PDF's
 * text layer and by OCR (PaddleOCR PP-OCRv4, page turned upright first), and the CPU-seconds an
 * OCR page costs (the issue allows 3). Anchors measured in the same run, interleaved: parsing
 * the same PDFs with pdf-lib (text layer), decoding and scaling the same page images to the
 * OCR's 1,750 px with sharp (OCR). Each figure is the median over the rounds.
 */
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { readPages, OCR_LONG_SIDE } from '../electron/services/reading/readPages';
import { ocrEngine } from '../electron/services/reading/ocr';
import { corpusPlan, generateReadingCorpus } from '../tests/support/readingCorpus';

const ROUNDS = 3;
const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchReading(): Promise<void> {
  const dir = join(tmpdir(), `zhicheng-bench-reading-${process.pid}`);
  const plan = corpusPlan();
  const pick = (forms: string[], n: number) => plan.flatMap((p, i) => (forms.includes(p.form) ? [i] : [])).slice(0, n);
  const truths = await generateReadingCorpus(dir, {
    only: [...pick(['textPdf'], 5), ...pick(['scan150', 'jpg150'], 4)],
  });
  const files = await Promise.all(
    truths.map(async (t) => ({ ...t, bytes: new Uint8Array(await readFile(join(dir, t.file))) })),
  );
  const text = files.filter((f) => f.form === 'textPdf');
  const scans = files.filter((f) => f.form !== 'textPdf');
  await ocrEngine(); // loading the models (~1 s) is a start-up cost, not a page's
  const times = {
    text: [] as number[],
    pdfLib: [] as number[],
    ocr: [] as number[],
    sharp: [] as number[],
    cpu: [] as number[],
  };
  for (let round = 0; round < ROUNDS; round++) {
    let started = performance.now();
    for (const f of text) await PDFDocument.load(f.bytes);
    times.pdfLib.push((performance.now() - started) / text.length);
    started = performance.now();
    for (const f of text) await readPages(f.bytes, f.file, { pages: 'all' });
    times.text.push((performance.now() - started) / text.length);
    started = performance.now();
    for (const f of scans) {
      const image = f.file.endsWith('.pdf') ? await pdfImage(f.bytes) : f.bytes;
      await sharp(image)
        .resize(OCR_LONG_SIDE, OCR_LONG_SIDE, { fit: 'inside' })
        .png({ compressionLevel: 1 })
        .toBuffer();
    }
    times.sharp.push((performance.now() - started) / scans.length);
    const cpu = process.cpuUsage();
    started = performance.now();
    for (const f of scans) await readPages(f.bytes, f.file, { pages: 'all' });
    times.ocr.push((performance.now() - started) / scans.length);
    const used = process.cpuUsage(cpu);
    times.cpu.push((used.user + used.system) / 1e6 / scans.length);
  }
  await rm(dir, { recursive: true, force: true });
  const perMinute = (ms: number) => (60_000 / ms).toFixed(0).padStart(7);
  const line = (name: string, ms: number, anchor: string, anchorMs: number) =>
    console.log(
      `${name.padEnd(40)} ${perMinute(ms)} pages/min (${ms.toFixed(1).padStart(7)} ms)   ${anchor.padEnd(34)} ${anchorMs.toFixed(1).padStart(7)} ms   ratio ${(ms / anchorMs).toFixed(1)}`,
    );
  console.log(
    `\nreading pages (${text.length} text-layer PDFs, ${scans.length} 150-dpi scans; median of ${ROUNDS} rounds)`,
  );
  line(
    'text layer (pdfjs getTextContent)',
    medianOf(times.text),
    'pdf-lib parse of the same PDF',
    medianOf(times.pdfLib),
  );
  line('OCR (orientation + PP-OCRv4)', medianOf(times.ocr), 'sharp decode+scale to 1,750 px', medianOf(times.sharp));
  console.log(`${'OCR CPU-seconds per page'.padEnd(40)} ${medianOf(times.cpu).toFixed(2).padStart(7)} CPU-s (limit 3)`);
}

/** The page image of a one-page scan PDF, as the readers take it. */
async function pdfImage(bytes: Uint8Array): Promise<Buffer> {
  const { loadPdf, scanPixels } = await import('../electron/services/pdf/pageImages');
  return scanPixels(await loadPdf(bytes), 0)!
    .png({ compressionLevel: 1 })
    .toBuffer();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchReading();
