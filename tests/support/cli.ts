/** `zhicheng` as users and scripts run it: a real process of this checkout's CLI, its exit code and output. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const CLI_BIN = join(import.meta.dirname, '../../bin/zhicheng.mjs');

export async function runCli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI_BIN, ...args], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The same, for a `--json` command: its exit code and the JSON it printed. */
export async function runCliJson(...args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  const { code, stdout } = await runCli(...args);
  return { code, json: JSON.parse(stdout) as Record<string, unknown> };
}
