import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPages } from '../../../electron/services/reading/readPages';
import { corpusPlan, generateReadingCorpus, type CorpusTruth } from '../../support/readingCorpus';
import { tempDir } from '../../support/workspace';

const dir = tempDir('zhicheng-readpages-');
let scan: CorpusTruth;
let text: CorpusTruth;
let twoPages: Uint8Array;

/** One PDF of the given PDFs' pages, in order. */
async function joined(files: string[]): Promise<Uint8Array> {
  const out = await PDFDocument.create();
  for (const file of files) {
    const doc = await PDFDocument.load(await readFile(join(dir, file)));
    for (const page of await out.copyPages(doc, doc.getPageIndices())) out.addPage(page);
  }
  return out.save();
}

beforeAll(async () => {
  const plan = corpusPlan();
  const truths = await generateReadingCorpus(dir, {
    only: [plan.findIndex((p) => p.form === 'textPdf'), plan.findIndex((p) => p.form === 'scan150')],
  });
  text = truths.find((t) => t.form === 'textPdf')!;
  scan = truths.find((t) => t.form === 'scan150')!;
  twoPages = await joined([text.file, scan.file]);
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readPages', () => {
  it('stops before a page needing OCR once the document has said what and whose it is', async () => {
    const pages = await readPages(twoPages, 'Scan_0001.pdf');
    expect(pages.map((p) => [p.page, p.source])).toEqual([[1, 'text']]);
    expect(pages[0]!.text).toContain(text.name);
  });

  it('reads every page when asked, the text layer where there is one and OCR where there is none', async () => {
    const pages = await readPages(twoPages, 'Scan_0001.pdf', { pages: 'all' });
    expect(pages.map((p) => [p.page, p.source, p.rotated])).toEqual([
      [1, 'text', 0],
      [2, 'ocr', 0],
    ]);
    expect(pages[1]!.text).toContain(scan.idNumber ?? scan.name);
  }, 120_000);

  it('reads only the text layer when told to, never OCR: a scan says nothing then', async () => {
    const pages = await readPages(twoPages, 'Scan_0001.pdf', { pages: 'text' });
    expect(pages.map((p) => [p.page, p.source])).toEqual([[1, 'text']]);
    expect(await readPages(await readFile(join(dir, scan.file)), scan.file, { pages: 'text' })).toEqual([]);
  });

  it('names the file in its refusal of something that is neither PDF nor image', async () => {
    await expect(readPages(new TextEncoder().encode('不是文件'), '扫描件.pdf')).rejects.toThrow('扫描件.pdf');
  });
});
