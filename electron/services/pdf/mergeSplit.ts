/**
 * One material from several files (a two-page certificate scanned as two files, a PDF plus a
 * photo), and pages out of one. Pages are copied with their resources, never re-rendered.
 */
import { PDFDocument } from 'pdf-lib';
import { fail } from './errors';
import { imagesToPdf, type NamedBytes } from './imagesToPdf';
import type { JobContext } from './jobContext';
import { openPdf } from './openPdf';
import { sniff } from './sniff';

export interface MergePart extends NamedBytes {
  /** 1-based page numbers to take, in this order; all pages when absent. */
  pages?: number[];
}

function pickPages(count: number, pages: number[] | undefined, name: string): number[] {
  if (!pages) return Array.from({ length: count }, (_, i) => i);
  if (pages.length === 0) throw fail.badArgument(`没有为文件「${name}」选择任何页`);
  for (const p of pages) {
    if (!Number.isInteger(p) || p < 1 || p > count)
      throw fail.badArgument(`文件「${name}」只有 ${count} 页，没有第 ${p} 页`);
  }
  return pages.map((p) => p - 1);
}

/** Opens a part as a PDF; an image part becomes a PDF first. */
async function asPdf(part: NamedBytes, ctx: JobContext): Promise<PDFDocument> {
  const kind = sniff(part.bytes);
  if (kind === 'jpeg' || kind === 'png' || kind === 'tiff' || kind === 'heic') {
    return openPdf(await imagesToPdf([part], { ...ctx, name: part.name }), part.name);
  }
  return openPdf(part.bytes, part.name);
}

export async function mergePdfs(parts: MergePart[], ctx: JobContext): Promise<Uint8Array> {
  if (parts.length === 0) throw fail.badArgument('请至少给出一个文件');
  const out = await PDFDocument.create({ updateMetadata: false });
  for (const part of parts) {
    ctx.check();
    const source = await asPdf(part, ctx);
    const indices = pickPages(source.getPageCount(), part.pages, part.name);
    for (const page of await out.copyPages(source, indices)) out.addPage(page);
  }
  return out.save({ useObjectStreams: true, addDefaultPage: false });
}

/** The given pages (1-based, in order) of one PDF as a new PDF. */
export async function extractPages(input: NamedBytes, pages: number[], ctx: JobContext): Promise<Uint8Array> {
  return mergePdfs([{ ...input, pages }], ctx);
}
