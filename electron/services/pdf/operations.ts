/**
 * The engine's operations as plain requests and results, so they can run in a worker thread
 * (the normal case) or in-process (tests of the pieces, debugging) with the same code.
 */
import { stat, readFile } from 'node:fs/promises';
import { compressPdf, checkLimit } from './compress';
import { fail } from './errors';
import { imagesToPdf, type NamedBytes } from './imagesToPdf';
import type { JobContext } from './jobContext';
import { extractPages, mergePdfs } from './mergeSplit';
import { LIMITS } from './openPdf';
import { pageCodes, pagePreview } from './pageImages';
import { inputName, type FileInput, type PdfRequest, type WorkerResult } from './requests';

export async function readInput(input: FileInput): Promise<NamedBytes> {
  const name = inputName(input);
  if ('bytes' in input) return { name, bytes: input.bytes };
  let size: number;
  try {
    const info = await stat(input.path);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw fail.unreadable(name);
  }
  if (size > LIMITS.maxInputBytes) throw fail.tooLarge(name, `有 ${fail.sizes.mb(size)}`);
  try {
    return { name, bytes: await readFile(input.path) };
  } catch {
    throw fail.unreadable(name);
  }
}

export async function runRequest(request: PdfRequest, ctx: JobContext): Promise<WorkerResult> {
  if (request.op === 'pageCodes') {
    const input = await readInput(request.input);
    return { codes: await pageCodes(input.bytes, request.look, ctx.check) };
  }
  if (request.op === 'preview') {
    const input = await readInput(request.input);
    return { png: await pagePreview(input.bytes, request.kind, request.page, request.width) };
  }
  if (request.op === 'readPages') {
    const input = await readInput(request.input);
    // Loaded on first use: the OCR engine and its models are only for workers that read.
    const { readPages } = await import('../reading/readPages');
    const options = { pages: request.pages, modelDir: request.modelDir, check: ctx.check };
    return { pages: await readPages(input.bytes, input.name, options) };
  }
  if (request.op === 'compress') {
    const input = await readInput(request.input);
    return compressPdf(input.bytes, { maxBytes: request.maxBytes }, { ...ctx, name: input.name });
  }
  if (request.maxBytes !== undefined) checkLimit(request.maxBytes);
  let built: Uint8Array;
  let inputBytes = 0;
  if (request.op === 'images') {
    const files = [];
    for (const input of request.inputs) files.push(await readInput(input));
    inputBytes = files.reduce((sum, f) => sum + f.bytes.length, 0);
    built = await imagesToPdf(files, ctx);
  } else if (request.op === 'merge') {
    const parts = [];
    for (const part of request.parts) parts.push({ ...(await readInput(part)), pages: part.pages });
    inputBytes = parts.reduce((sum, f) => sum + f.bytes.length, 0);
    built = await mergePdfs(parts, ctx);
  } else {
    const input = await readInput(request.input);
    inputBytes = input.bytes.length;
    built = await extractPages(input, request.pages, { ...ctx, name: input.name });
  }
  ctx.check();
  // The built file goes through the same limit search; with no limit it is returned as built.
  const result = await compressPdf(built, { maxBytes: request.maxBytes ?? Number.MAX_SAFE_INTEGER }, ctx);
  return { ...result, inputBytes };
}
