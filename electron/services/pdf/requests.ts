/**
 * The engine's requests and results as plain data: what the app's process needs to hand work to
 * a worker thread, without loading the libraries the work itself uses (sharp, pdf-lib, jsQR).
 */
import { basename } from 'node:path';
import type { CompressResult } from './compress';
import type { PageText, ReadScope } from '../../../shared/reading/types';
import type { CodeLook } from './pageImages';

/** A file by path (read inside the worker) or by its bytes; `name` is what messages call it. */
export type FileInput = { path: string; name?: string } | { bytes: Uint8Array; name: string };

export type PdfRequest =
  | { op: 'compress'; input: FileInput; maxBytes: number }
  | { op: 'images'; inputs: FileInput[]; maxBytes?: number }
  | { op: 'merge'; parts: Array<FileInput & { pages?: number[] }>; maxBytes?: number }
  | { op: 'extract'; input: FileInput; pages: number[]; maxBytes?: number }
  | { op: 'pageCodes'; input: FileInput; look: CodeLook }
  | { op: 'preview'; input: FileInput; kind: string; page: number; width: number }
  | { op: 'readPages'; input: FileInput; pages: ReadScope; modelDir?: string };

export type PdfResult = CompressResult;
/** Each page's cover payload, or null. */
export type PageCodesResult = { codes: Array<string | null> };
/** A page as a PNG, or null when it is not a scan. */
export type PreviewResult = { png: Uint8Array | null };
/** The text of the pages read (text layer or OCR), in page order. */
export type ReadPagesResult = { pages: PageText[] };
export type WorkerResult = PdfResult | PageCodesResult | PreviewResult | ReadPagesResult;

export const inputName = (input: FileInput) => input.name ?? basename((input as { path: string }).path);

/** The name a whole request is known by in messages: its first file. */
export function requestName(request: PdfRequest): string {
  if (request.op === 'images') return request.inputs[0] ? inputName(request.inputs[0]) : '图片';
  if (request.op === 'merge') return request.parts[0] ? inputName(request.parts[0]) : 'PDF';
  return inputName(request.input);
}
