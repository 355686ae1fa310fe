/** What the engine and its process say to each other: plain data, structured-clone safe. */
import type { PdfErrorData } from '../errors';
import type { PdfRequest, WorkerResult } from '../requests';

export type ToWorker =
  { type: 'run'; id: number; request: PdfRequest; cacheBytes: number } | { type: 'cancel'; id: number };
export type FromWorker =
  { type: 'done'; id: number; result: WorkerResult } | { type: 'failed'; id: number; error: PdfErrorData };
