/**
 * The worker thread that does the heavy work: one request at a time, cancellable between steps.
 * Results go back with their bytes transferred, errors as PdfError data.
 */
import { availableParallelism } from 'node:os';
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { fail, PdfError } from '../errors';
import { runRequest } from '../operations';
import { requestName, type PdfRequest } from '../requests';

export type ToWorker =
  { type: 'run'; id: number; request: PdfRequest; cacheBytes: number } | { type: 'cancel'; id: number };
export type FromWorker =
  | { type: 'done'; id: number; result: Awaited<ReturnType<typeof runRequest>> }
  | { type: 'failed'; id: number; error: ReturnType<PdfError['toData']> };

// Pages are encoded in parallel by the job itself; one libvips thread per operation avoids
// oversubscribing the cores.
sharp.concurrency(1);
sharp.cache(false);

const port = parentPort!;
const cancelled = new Set<number>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') {
    cancelled.add(message.id);
    return;
  }
  void run(message);
});

async function run({ id, request, cacheBytes }: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const name = requestName(request);
  const ctx = {
    name,
    check: () => {
      if (cancelled.has(id)) throw fail.cancelled();
    },
    parallel: availableParallelism(),
    cacheBytes,
  };
  try {
    const result = await runRequest(request, ctx);
    if (!('bytes' in result)) {
      port.postMessage({ type: 'done', id, result } satisfies FromWorker);
      return;
    }
    const bytes = result.bytes;
    // Transfer the output; copy it first when it is a view of a larger buffer (the input).
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    port.postMessage({ type: 'done', id, result: { ...result, bytes: own } } satisfies FromWorker, [
      own.buffer as ArrayBuffer,
    ]);
  } catch (error) {
    const pdfError =
      error instanceof PdfError ? error : fail.internal(name, error instanceof Error ? error.message : String(error));
    port.postMessage({ type: 'failed', id, error: pdfError.toData() } satisfies FromWorker);
  } finally {
    cancelled.delete(id);
  }
}
