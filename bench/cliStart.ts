/**
 * How soon the CLI answers: `zhicheng --help`, and a command that opens a workspace (`inbox
 * folders`), spawned as a user runs them, beside `node -e 0` (Node's own start) in the same
 * interleaved rounds. Targets: --help under 0.3 s, a workspace command under 0.6 s.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../bin/zhicheng.mjs');

async function wall(args: string[]): Promise<number> {
  const began = performance.now();
  await run(process.execPath, args);
  return performance.now() - began;
}

export async function benchCliStart(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'zhicheng-bench-cli-'));
  try {
    const data = join(work, 'ws');
    // The first run builds the bundle if a source changed and creates the workspace: not timed.
    await run(process.execPath, [BIN, 'inbox', 'folders', '--data', data, '--json']);
    const cases = {
      'node -e 0': ['-e', '0'],
      'zhicheng --help': [BIN, '--help'],
      'zhicheng inbox folders --data': [BIN, 'inbox', 'folders', '--data', data, '--json'],
    };
    const times = new Map<string, number[]>(Object.keys(cases).map((name) => [name, []]));
    for (let round = 0; round < 7; round++)
      for (const [name, args] of Object.entries(cases)) times.get(name)!.push(await wall(args));
    const median = (name: string) => [...times.get(name)!].sort((a, b) => a - b)[3]!;
    const node = median('node -e 0');
    console.log('\nCLI 启动 (7 interleaved rounds, medians; the machine may be shared)');
    for (const [name, target] of [
      ['node -e 0', null],
      ['zhicheng --help', 300],
      ['zhicheng inbox folders --data', 600],
    ] as const) {
      const ms = median(name);
      console.log(
        `${name.padEnd(44)} ${ms.toFixed(0).padStart(9)} ms   ×${(ms / node).toFixed(1)} node's start${
          target ? `   target < ${target} ms: ${ms < target ? 'yes' : 'NO'}` : ''
        }`,
      );
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
