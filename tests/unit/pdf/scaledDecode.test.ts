/**
 * Decoding a JPEG straight at a half, quarter or eighth of its size (libjpeg's DCT scaling, which
 * libvips takes only from a file), and the scratch files that needs: gone once read, and gone
 * when left by a process that was killed.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeAt, toGrey } from '../../../electron/services/pdf/raster';
import { scratchFolder, withScratchFile } from '../../../electron/services/pdf/scratchFiles';
import { renderScanPage } from './support/scans';

const children: ReturnType<typeof spawn>[] = [];
afterAll(() => children.forEach((child) => child.kill()));

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await once(child, 'exit');
  return child.pid!;
}

function livePid(): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  children.push(child);
  return child.pid!;
}

describe('scratch files', () => {
  // First, so that this file's module makes its folder here and sweeps then.
  it('removes the folders of processes gone, keeps those of running ones, and each file once it is read', async () => {
    const gone = join(tmpdir(), `zhicheng-scratch-${await deadPid()}-test`);
    const running = join(tmpdir(), `zhicheng-scratch-${livePid()}-test`);
    for (const folder of [gone, running]) {
      // Made elsewhere and moved in whole: another test's engine process may sweep at any moment.
      const staging = mkdtempSync(join(tmpdir(), 'staging-'));
      writeFileSync(join(staging, '1'), 'a page');
      renameSync(staging, folder);
    }
    const bytes = Uint8Array.from([1, 2, 3]);
    let seen = '';
    const read = await withScratchFile(bytes, async (path) => {
      seen = path;
      expect(statSync(path).mode & 0o777).toBe(0o600);
      return readFileSync(path);
    });
    expect([...read]).toEqual([1, 2, 3]);
    expect(existsSync(seen)).toBe(false);
    expect(statSync(scratchFolder()).mode & 0o777).toBe(0o700);
    expect(existsSync(gone)).toBe(false);
    expect(existsSync(running)).toBe(true);
    rmSync(running, { recursive: true });
  });

  it('removes the file when the work on it fails', async () => {
    await expect(withScratchFile(Uint8Array.from([0]), () => Promise.reject(new Error('无法读取')))).rejects.toThrow(
      '无法读取',
    );
    expect(readdirSync(scratchFolder())).toEqual([]);
  });
});

describe('decodeAt', () => {
  it('decodes a 300-dpi scan at 150 dpi through DCT scaling, close to a full decode resized, leaving no file', async () => {
    const jpeg = await renderScanPage(0);
    const { width, height } = await sharp(jpeg).metadata();
    const [halfWidth, halfHeight] = [Math.ceil(width / 2), Math.ceil(height / 2)];

    const scaled = await decodeAt({ kind: 'jpeg', bytes: jpeg }, halfWidth, halfHeight, true);
    expect(scaled).toMatchObject({ width: halfWidth, height: halfHeight, channels: 1 });
    expect(readdirSync(scratchFolder())).toEqual([]);

    const { data, info } = await sharp(jpeg)
      .resize(halfWidth, halfHeight, { fit: 'fill', kernel: 'linear' })
      .raw()
      .toBuffer({ resolveWithObject: true });
    const resized = (await toGrey({ data, width: info.width, height: info.height, channels: 3 })).data;
    // Not the buffer's route (its pixels differ a little), yet the same page.
    expect(scaled.data.equals(resized)).toBe(false);
    let difference = 0;
    for (let i = 0; i < resized.length; i++) difference += Math.abs(scaled.data[i]! - resized[i]!);
    expect(difference / resized.length).toBeLessThan(4);
  });

  it('decodes at a size between two scalings by scaling to the larger, then resizing', async () => {
    const jpeg = await renderScanPage(1, { seal: true });
    const { width, height } = await sharp(jpeg).metadata();
    const third = await decodeAt({ kind: 'jpeg', bytes: jpeg }, Math.round(width / 3), Math.round(height / 3), false);
    expect(third).toMatchObject({ width: Math.round(width / 3), height: Math.round(height / 3), channels: 3 });
  });

  it('refuses a damaged JPEG the way a full decode does', async () => {
    const jpeg = await renderScanPage(0);
    const damaged = jpeg.slice(0, jpeg.length / 3);
    await expect(decodeAt({ kind: 'jpeg', bytes: damaged }, 1240, 1754, true)).rejects.toThrow();
    expect(readdirSync(scratchFolder())).toEqual([]);
  });
});
