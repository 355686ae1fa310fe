/**
 * The PDF engine as a service sees it: `await engine.compress(...)`, cancellable with an
 * AbortSignal. The work runs in processes of its own (engineProcess.ts), at most one job per core
 * at once (others wait their turn); a process that hangs past the time limit or is cancelled and
 * does not stop is killed and replaced, and one that dies mid-job (out of memory, a crash in a
 * library) fails that job with ENGINE_CRASHED and is replaced, so the calling process never goes
 * down with it.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { launchNodeProcess, type EngineLauncher, type EngineProcess } from './engineProcess';
import { fail, PdfError } from './errors';
import type { PageText, ReadScope } from '../../../shared/reading/types';
import type { CodeLook } from './pageImages';
import {
  requestName,
  type FileInput,
  type PageCodesResult,
  type PdfRequest,
  type PdfResult,
  type PreviewResult,
  type ReadPagesResult,
  type WorkerResult,
} from './requests';

export type { FileInput, PdfResult };

export interface EngineOptions {
  /** Jobs at once; at most the number of cores. */
  maxJobs?: number;
  /** A job still running after this long is stopped (TIMEOUT). */
  timeoutMs?: number;
  /** Raw pixels a job may keep between search passes. */
  cacheBytes?: number;
  /** The worker's script; by default the sources (through tsx) or the CLI's bundled pdfWorker.cjs. */
  workerUrl?: URL;
  /** Starts an engine process; by default a child Node process (Electron passes a utility process). */
  launch?: EngineLauncher;
  /** A process's whole memory (heap and buffers), MB; past it the process is ended (ENGINE_CRASHED). */
  memoryLimitMb?: number;
}

export interface JobOptions {
  signal?: AbortSignal;
}

export interface PdfEngine {
  /** The best-quality PDF at or under `maxBytes`; byte-identical when the input already fits. */
  compress(input: FileInput, maxBytes: number, options?: JobOptions): Promise<PdfResult>;
  /** JPG/PNG/TIFF files to one PDF, a page per image, then fitted to `maxBytes` if given. */
  imagesToPdf(inputs: FileInput[], maxBytes?: number, options?: JobOptions): Promise<PdfResult>;
  /** Several PDFs (or images), optionally some of their pages, into one PDF. */
  merge(parts: Array<FileInput & { pages?: number[] }>, maxBytes?: number, options?: JobOptions): Promise<PdfResult>;
  /** Some pages (1-based, in the order given) of one PDF as a new PDF. */
  extractPages(input: FileInput, pages: number[], maxBytes?: number, options?: JobOptions): Promise<PdfResult>;
  /** Each page's payload (a cover sheet's marker or QR code) starting with `look.prefix`, or null. */
  pageCodes(input: FileInput, look: CodeLook, options?: JobOptions): Promise<Array<string | null>>;
  /** Page `page` (1-based) of a scan as a PNG about `width` px wide; null when the page is not a scan. */
  pagePreview(
    input: FileInput,
    kind: string,
    page: number,
    width?: number,
    options?: JobOptions,
  ): Promise<Uint8Array | null>;
  /**
   * The text of the pages: text layer, else OCR of the page turned upright, as far as `pages`
   * says (ReadScope: 'text' never OCRs).
   */
  readPages(input: FileInput, pages?: ReadScope, options?: JobOptions & { modelDir?: string }): Promise<PageText[]>;
  /** Stops the engine's processes; jobs still queued or running fail with CANCELLED. */
  close(): Promise<void>;
}

/** When cancelled, a process gets this long to wind down before it is killed. */
const CANCEL_GRACE_MS = 3000;
/**
 * A job's process may hold this much: real jobs peak under 500 MB (a 10000×14000 page, 200
 * pages), and a process that has run OCR holds about 1.5 GB more (the models and onnxruntime's
 * arena); a crafted file past it ends its process, not the app.
 */
export const DEFAULT_MEMORY_LIMIT_MB = 3072;

function defaultWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith('.ts') ? new URL('./worker/bootstrap.mjs', here) : new URL('./pdfWorker.cjs', here);
}

interface Job {
  id: number;
  request: PdfRequest;
  signal: AbortSignal | undefined;
  resolve: (result: WorkerResult) => void;
  reject: (error: PdfError) => void;
  settled: boolean;
  started: boolean;
}

interface Slot {
  worker: EngineProcess | null;
  job: Job | null;
}

export function createPdfEngine(options: EngineOptions = {}): PdfEngine {
  const cores = availableParallelism();
  const maxJobs = Math.max(1, Math.min(options.maxJobs ?? cores, cores));
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const cacheBytes = options.cacheBytes ?? 192 * 1024 * 1024;
  const spec = {
    script: fileURLToPath(options.workerUrl ?? defaultWorkerUrl()),
    memoryLimitMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
    // V8's own bound too: the memory watch counts the heap, this stops a heap alone sooner.
    heapLimitMb: options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB,
  };
  const launch = options.launch ?? launchNodeProcess;
  const slots: Slot[] = Array.from({ length: maxJobs }, () => ({ worker: null, job: null }));
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;

  const settle = (job: Job, outcome: { result: WorkerResult } | { error: PdfError }) => {
    if (job.settled) return;
    job.settled = true;
    if ('result' in outcome) job.resolve(outcome.result);
    else job.reject(outcome.error);
  };

  /** Frees the slot, replacing its process when it can no longer be trusted. */
  const release = (slot: Slot, kill: boolean) => {
    if (kill && slot.worker) {
      const worker = slot.worker;
      slot.worker = null;
      worker.kill();
    }
    slot.job = null;
    slot.worker?.unref();
    pump();
  };

  const spawn = (slot: Slot): EngineProcess => {
    const worker: EngineProcess = launch(spec, {
      message(message) {
        const job = slot.job;
        if (slot.worker !== worker || !job || job.id !== message.id) return;
        if (message.type === 'done') settle(job, { result: message.result });
        else settle(job, { error: PdfError.fromData(message.error) });
        release(slot, false);
      },
      exit(detail) {
        if (slot.worker !== worker) return;
        slot.worker = null;
        const job = slot.job;
        if (job) {
          const error = fail.crashed(requestName(job.request));
          // For a developer reading the error; never shown (PdfError data carries the message only).
          Object.defineProperty(error, 'detail', { value: detail, enumerable: false });
          settle(job, { error });
        }
        release(slot, false);
      },
    });
    return worker;
  };

  const start = (slot: Slot, job: Job) => {
    slot.job = job;
    job.started = true;
    const worker = (slot.worker ??= spawn(slot));
    worker.ref();
    const timer = setTimeout(() => {
      settle(job, { error: fail.timeout(requestName(job.request), Math.round(timeoutMs / 1000)) });
      if (slot.job === job) release(slot, true);
    }, timeoutMs);
    timer.unref();
    const onAbort = () => {
      settle(job, { error: fail.cancelled() });
      worker.send({ type: 'cancel', id: job.id });
      // The process checks between steps; one stuck inside a long step is killed.
      const grace = setTimeout(() => {
        if (slot.job === job) release(slot, true);
      }, CANCEL_GRACE_MS);
      grace.unref();
    };
    job.signal?.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => {
      clearTimeout(timer);
      job.signal?.removeEventListener('abort', onAbort);
    };
    const { resolve, reject } = job;
    job.resolve = (result) => (cleanup(), resolve(result));
    job.reject = (error) => (cleanup(), reject(error));
    worker.send({ type: 'run', id: job.id, request: job.request, cacheBytes });
  };

  const pump = () => {
    for (const slot of slots) {
      if (slot.job) continue;
      let job = queue.shift();
      while (job && job.settled) job = queue.shift();
      if (!job) return;
      start(slot, job);
    }
  };

  const submit = <R extends WorkerResult = PdfResult>(request: PdfRequest, jobOptions: JobOptions = {}): Promise<R> =>
    new Promise<R>((resolve, reject) => {
      if (closed) return reject(fail.cancelled());
      if (jobOptions.signal?.aborted) return reject(fail.cancelled());
      const job: Job = {
        id: nextId++,
        request,
        signal: jobOptions.signal,
        resolve: resolve as (result: WorkerResult) => void,
        reject,
        settled: false,
        started: false,
      };
      // A job cancelled while still queued leaves the queue without ever starting.
      jobOptions.signal?.addEventListener('abort', () => job.started || settle(job, { error: fail.cancelled() }), {
        once: true,
      });
      queue.push(job);
      pump();
    });

  return {
    compress: (input, maxBytes, o) => submit({ op: 'compress', input, maxBytes }, o),
    imagesToPdf: (inputs, maxBytes, o) => submit({ op: 'images', inputs, maxBytes }, o),
    merge: (parts, maxBytes, o) => submit({ op: 'merge', parts, maxBytes }, o),
    extractPages: (input, pages, maxBytes, o) => submit({ op: 'extract', input, pages, maxBytes }, o),
    pageCodes: async (input, look, o) => (await submit<PageCodesResult>({ op: 'pageCodes', input, look }, o)).codes,
    pagePreview: async (input, kind, page, width = 800, o) =>
      (await submit<PreviewResult>({ op: 'preview', input, kind, page, width }, o)).png,
    readPages: async (input, pages = 'enough', o) =>
      (await submit<ReadPagesResult>({ op: 'readPages', input, pages, modelDir: o?.modelDir }, o)).pages,
    async close() {
      closed = true;
      for (const job of queue.splice(0)) settle(job, { error: fail.cancelled() });
      for (const slot of slots) {
        if (slot.job) settle(slot.job, { error: fail.cancelled() });
        slot.job = null;
        slot.worker?.kill();
        slot.worker = null;
      }
    },
  };
}
