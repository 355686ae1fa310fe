/**
 * `zhicheng` runs built JavaScript, and it is always the checkout's current code: a fresh clone
 * builds its bundle on the first run, later runs reuse it untouched, and a changed source is
 * rebuilt before the next run uses it.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentBundle } from '../../../scripts/cliBundle.mjs';
import { freshClone, ROOT, type FreshClone } from '../../support/freshClone';

let clone: FreshClone;
beforeAll(() => {
  clone = freshClone();
});
afterAll(() => clone.cleanup());

const run = async (...args: string[]) =>
  (await promisify(execFile)(process.execPath, [join(clone.dir, 'bin/zhicheng.mjs'), ...args], { encoding: 'utf8' }))
    .stdout;

describe('the CLI bundle', () => {
  it('is built on a fresh clone’s first run, then reused as it is', async () => {
    const entry = join(clone.dir, 'out/cli/main.js');
    expect(existsSync(entry)).toBe(false);
    expect(await run('--version')).toBe(`${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`);
    expect(currentBundle(clone.dir)).toBe(entry);
    const built = statSync(entry).mtimeMs;
    expect(await run('--help')).toContain('职称申报工作台 命令行');
    expect(statSync(entry).mtimeMs).toBe(built);
  });

  it('is rebuilt when a source changes, so the next run runs the changed code', async () => {
    await run('--version');
    const usage = join(clone.dir, 'electron/hosts/cli/usage.ts');
    writeFileSync(usage, readFileSync(usage, 'utf8').replace('职称申报工作台 命令行', '职称申报工作台 命令行（改过）'));
    expect(currentBundle(clone.dir)).toBeNull();
    expect(await run('--help')).toContain('职称申报工作台 命令行（改过）');
    expect(currentBundle(clone.dir)).not.toBeNull();
  });

  it('runs the PDF engine in a child process started from the bundled worker', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]).drawRectangle({ x: 100, y: 100, width: 200, height: 300 });
    const input = join(clone.dir, '..', '一页.pdf');
    writeFileSync(input, await doc.save());
    const out = JSON.parse(
      await run('pdf', 'compress', input, join(clone.dir, '..', 'out.pdf'), '--max-bytes', '100000', '--json'),
    );
    expect(out).toMatchObject({ ok: true, pages: 1, changed: false });
    expect(existsSync(join(clone.dir, 'out/cli/pdfWorker.cjs'))).toBe(true);
  });

  it('keeps the migrations beside the bundle in step with db/migrations', async () => {
    // A workspace opened through the bundle is migrated to the schema the sources know.
    const data = join(clone.dir, '..', 'ws');
    const out = JSON.parse(await run('batch', 'create', '--data', data, '--type', '初定', '--name', '甲', '--json'));
    expect(out).toMatchObject({ ok: true, id: 1 });
    const journal = (dir: string) => readFileSync(join(dir, 'meta/_journal.json'), 'utf8');
    expect(journal(join(clone.dir, 'out/cli/migrations'))).toBe(journal(join(ROOT, 'db/migrations')));
  });
});
