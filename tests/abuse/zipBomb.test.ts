/**
 * Workspace import against archives built to exhaust the machine: an entry that inflates far past
 * the size its manifest and zip directory declare, and manifests too large or not ours. Each is
 * refused with a Chinese message, quickly, without writing or holding the inflated bytes.
 */
import { Zip, ZipDeflate, strToU8, zipSync } from 'fflate';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MIGRATIONS } from '../../db';
import { MAX_MANIFEST_BYTES, importWorkspace } from '../../electron/services/backup/archive';
import { tempDir } from '../support/workspace';

const dir = tempDir('zhicheng-bomb-');
const ZERO_HASH = 'a'.repeat(64);

/** A zip whose entries are `megabytes` MB of zeros each, streamed so the test never holds them. */
function zipOfZeros(entries: Record<string, number>, small: Record<string, Uint8Array>): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    out.push(chunk);
  });
  const zeros = new Uint8Array(1 << 20);
  for (const [name, megabytes] of Object.entries(entries)) {
    const entry = new ZipDeflate(name, { level: 1 });
    zip.add(entry);
    for (let i = 0; i < megabytes; i++) entry.push(zeros, i === megabytes - 1);
  }
  for (const [name, bytes] of Object.entries(small)) {
    const entry = new ZipDeflate(name, { level: 1 });
    zip.add(entry);
    entry.push(bytes, true);
  }
  zip.end();
  return Buffer.concat(out);
}

/** Makes the zip directory and local header claim `size` bytes for `name`, as a crafted archive would. */
function claimSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const buffer = Buffer.from(zip);
  const encoded = Buffer.from(name);
  for (let at = 0; at + 46 < buffer.length; at++) {
    const signature = buffer.readUInt32LE(at);
    if (signature === 0x02014b50 && buffer.subarray(at + 46, at + 46 + encoded.length).equals(encoded))
      buffer.writeUInt32LE(size, at + 24);
    if (signature === 0x04034b50 && buffer.subarray(at + 30, at + 30 + encoded.length).equals(encoded))
      buffer.writeUInt32LE(size, at + 22);
  }
  return buffer;
}

const manifest = (files: unknown) =>
  strToU8(JSON.stringify({ format: 'zhicheng-workspace', version: 1, createdAt: '', appVersion: '', files }));

async function refusal(name: string, bytes: Uint8Array) {
  const archive = join(dir, `${name}.zip`);
  writeFileSync(archive, bytes);
  const target = join(dir, `${name}-target`);
  const error = await importWorkspace(archive, target, DEFAULT_MIGRATIONS).then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );
  expect(readdirSync(target), 'nothing is left in the target').toEqual([]);
  return error;
}

describe('workspace import refuses', () => {
  it('an entry that inflates past its declared size, stopping there instead of writing it all', async () => {
    const bomb = claimSize(
      zipOfZeros(
        { 'zhicheng.sqlite': 512 },
        { 'manifest.json': manifest([{ path: 'zhicheng.sqlite', bytes: 10, sha256: ZERO_HASH }]) },
      ),
      'zhicheng.sqlite',
      10,
    );
    expect(bomb.length).toBeLessThan(4 * 1024 * 1024);
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
    const error = await refusal('bomb', bomb);
    clearInterval(sampler);
    expect(error?.message).toContain('解压后超过它声明的大小');
    expect(error).toMatchObject({ code: 'REFUSED' });
    // 192 MB inflated would show; a bounded reader holds a few hundred KB at a time.
    expect(peak - before).toBeLessThan(96 * 1024 * 1024);
  });

  it('a manifest over the cap', async () => {
    const megabytes = Math.ceil(MAX_MANIFEST_BYTES / (1 << 20)) + 1;
    const error = await refusal('big-manifest', zipOfZeros({ 'manifest.json': megabytes }, {}));
    expect(error).toMatchObject({ code: 'REFUSED', message: expect.stringContaining('清单过大') });
  });

  it.each([
    ['not JSON', strToU8('{')],
    ['not an object', strToU8('null')],
    ['files of the wrong shape', manifest([{ path: 'zhicheng.sqlite', bytes: 'many', sha256: 1 }])],
  ])('a manifest that is %s, in Chinese and not as an internal error', async (name, bytes) => {
    const error = await refusal(`manifest-${name.replace(/\W/g, '-')}`, zipSync({ 'manifest.json': bytes }));
    expect(error).toMatchObject({
      code: 'REFUSED',
      message: expect.stringContaining('不是职称申报工作台导出的工作区归档'),
    });
  });
});
