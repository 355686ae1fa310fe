/**
 * The engine's process: one request at a time, cancellable between steps. It hears the engine on
 * its stdin and answers on fd 3 (a child Node process), or through the parent port (an Electron
 * utility process); errors go back as PdfError data. It ends when the engine goes away.
 */
import { availableParallelism } from 'node:os';
import { Socket } from 'node:net';
import sharp from 'sharp';
import { fail, PdfError } from '../errors';
import { frameReader, writeFrame } from '../messageFrames';
import { runRequest } from '../operations';
import { requestName } from '../requests';
import { memoryLimitArg, watchMemory } from './memoryWatch';
import type { FromWorker, ToWorker } from './protocol';

// Pages are encoded in parallel by the job itself; one libvips thread per operation avoids
// oversubscribing the cores.
sharp.concurrency(1);
sharp.cache(false);

interface ParentPort {
  on(event: 'message', listener: (event: { data: ToWorker }) => void): void;
  postMessage(message: FromWorker): void;
}

/** How this process talks to the engine: Electron's parent port, or the two pipes. */
function channel(onMessage: (message: ToWorker) => void): (message: FromWorker) => void {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (port) {
    port.on('message', (event) => onMessage(event.data));
    return (message) => port.postMessage(message);
  }
  const out = new Socket({ fd: 3, readable: false, writable: true });
  // The engine's end closed: it has gone, and so does this process.
  out.on('error', () => process.exit(0));
  process.stdin.on(
    'data',
    frameReader((message) => onMessage(message as ToWorker)),
  );
  process.stdin.on('end', () => process.exit(0));
  return (message) => writeFrame(out, message);
}

const limit = memoryLimitArg(process.argv);
if (limit) watchMemory(limit);

const cancelled = new Set<number>();
const send = channel((message) => {
  if (message.type === 'cancel') cancelled.add(message.id);
  else void run(message);
});

async function run({ id, request, cacheBytes }: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const name = requestName(request);
  const ctx = {
    name,
    check: () => {
      if (cancelled.has(id)) throw fail.cancelled();
    },
    // One image more than cores: while one waits for this thread's JavaScript (greyscale,
    // measures, garbage collection), the others keep every core busy.
    parallel: availableParallelism() + 1,
    cacheBytes,
  };
  try {
    send({ type: 'done', id, result: await runRequest(request, ctx) });
  } catch (error) {
    const pdfError =
      error instanceof PdfError ? error : fail.internal(name, error instanceof Error ? error.message : String(error));
    send({ type: 'failed', id, error: pdfError.toData() });
  } finally {
    cancelled.delete(id);
  }
}
