/**
 * The process an engine job runs in, as the engine sees it. Under Node (the CLI, the web host,
 * tests) it is a child Node process talking over two pipes; the Electron shell passes its own
 * launcher (a utility process: the packaged app's runAsNode fuse is off, so its binary cannot be
 * started as Node). Running out of memory, buffers included, then ends that process, never the app.
 */
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { frameReader, writeFrame } from './messageFrames';
import type { FromWorker, ToWorker } from './worker/protocol';

export interface EngineProcessEvents {
  message(message: FromWorker): void;
  /** The process ended on its own (not through kill()); `detail` is for developers, never users. */
  exit(detail: string): void;
}

export interface EngineProcess {
  send(message: ToWorker): void;
  /** Ends the process at once; no exit event follows. */
  kill(): void;
  /** Whether the process keeps the caller's event loop alive (only while a job runs). */
  ref(): void;
  unref(): void;
}

export interface EngineProcessSpec {
  /** The worker script: the sources' bootstrap or a bundled build (the CLI's pdfWorker.cjs, the app's pdfWorker.js). */
  script: string;
  /** V8's heap bound, MB. */
  heapLimitMb: number;
  /** The process's whole resident memory, MB: the worker ends itself beyond it (memoryWatch.ts). */
  memoryLimitMb: number;
}

export type EngineLauncher = (spec: EngineProcessSpec, events: EngineProcessEvents) => EngineProcess;

/** The worker's arguments, the same for every launcher: `--memory-limit-mb=N`. */
export const workerArgs = (spec: EngineProcessSpec) => [`--memory-limit-mb=${spec.memoryLimitMb}`];
export const workerExecArgv = (spec: EngineProcessSpec) => [`--max-old-space-size=${spec.heapLimitMb}`];

/** Keeps the last few KB a process wrote to stderr, for a developer reading a crash. */
function stderrTail(stream: NodeJS.ReadableStream | null): () => string {
  let tail = '';
  stream?.on('data', (chunk: Buffer) => (tail = (tail + chunk.toString('utf8')).slice(-4096)));
  return () => tail;
}

/** A child Node process: requests go in on its stdin, results come back on its fd 3. */
export const launchNodeProcess: EngineLauncher = (spec, events) => {
  if (process.versions['electron'])
    throw new Error('Electron runs the PDF engine in a utility process; pass its launcher (electron/main)');
  const child = spawn(process.execPath, [...workerExecArgv(spec), spec.script, ...workerArgs(spec)], {
    stdio: ['pipe', 'ignore', 'pipe', 'pipe'],
    windowsHide: true,
  });
  const input = child.stdin as Socket;
  const output = child.stdio[3] as Socket;
  const stderr = child.stderr as Socket;
  const tail = stderrTail(stderr);
  let ended = false;
  const end = (detail: string) => {
    if (ended) return;
    ended = true;
    events.exit(`${detail}\n${tail()}`);
  };
  // A write to a process that has just died fails with EPIPE: its exit is what counts.
  input.on('error', () => {});
  output.on('error', () => {});
  output.on(
    'data',
    frameReader((message) => ended || events.message(message as FromWorker)),
  );
  child.on('error', (error) => end(`spawn: ${error.message}`));
  // 'close', not 'exit': a result written just before the end is read first.
  child.on('close', (code, signal) => end(`exit ${code ?? ''} ${signal ?? ''}`));
  const handles = [child, input, output, stderr];
  return {
    send: (message) => writeFrame(input, message),
    kill() {
      ended = true;
      child.kill('SIGKILL');
    },
    ref: () => handles.forEach((handle) => handle.ref()),
    unref: () => handles.forEach((handle) => handle.unref()),
  };
};
