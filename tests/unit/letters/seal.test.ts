/** The unit's seal: from a noisy scan to a clean, transparent, red 40 mm seal, filed and set on the unit. */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEAL_PIXELS, SEAL_RED, SealError, prepareSeal } from '../../../electron/services/letters/seal';
import { lettersWorkspace, sealScan, type LettersWorkspace } from './support';

async function rgba(png: Uint8Array) {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('prepareSeal', () => {
  it('trims the scan, clears the paper and its specks, and keeps the ink red with soft edges', async () => {
    for (const format of ['png', 'jpeg'] as const) {
      const seal = await prepareSeal(await sealScan({ format }));
      expect(seal.width).toBe(SEAL_PIXELS);
      expect(SEAL_PIXELS).toBe(472); // 40 mm at 300 dpi
      const img = await rgba(seal.png);
      expect([img.width, img.height]).toEqual([472, 472]);
      let opaque = 0;
      let partial = 0;
      let off = 0;
      const alphaAt = (x: number, y: number) => img.data[(y * img.width + x) * 4 + 3]!;
      for (let p = 0; p < img.width * img.height; p++) {
        const [r, g, b, a] = [img.data[p * 4]!, img.data[p * 4 + 1]!, img.data[p * 4 + 2]!, img.data[p * 4 + 3]!];
        if (a > 240) opaque++;
        else if (a > 15) partial++;
        if (a > 0 && (Math.abs(r - SEAL_RED.r) > 12 || g > 40 || b > 50)) off++;
      }
      expect(off).toBe(0); // every inked pixel is seal red; only its opacity varies
      expect(opaque / (472 * 472)).toBeGreaterThan(0.08);
      expect(partial).toBeGreaterThan(500); // anti-aliased edges are kept
      // The paper is gone: corners and the gap between ring and star are transparent.
      for (const [x, y] of [
        [2, 2],
        [469, 2],
        [2, 469],
        [469, 469],
        [236, 140],
      ] as const)
        expect(alphaAt(x, y)).toBe(0);
      // Trimmed: the ring touches all four sides of the square (within the 2 % margin).
      const rowHasInk = (y: number) => Array.from({ length: 472 }, (_, x) => alphaAt(x, y)).some((a) => a > 128);
      const colHasInk = (x: number) => Array.from({ length: 472 }, (_, y) => alphaAt(x, y)).some((a) => a > 128);
      expect(rowHasInk(15) && rowHasInk(456) && colHasInk(15) && colHasInk(456)).toBe(true);
      expect(seal.warnings).toEqual([]);
      const preview = await sharp(seal.preview).metadata();
      expect([preview.width, preview.height]).toEqual([200, 200]);
    }
  });

  it('refuses a picture with no seal in it', async () => {
    const blank = await sharp({ create: { width: 600, height: 600, channels: 3, background: '#fafafa' } })
      .png()
      .toBuffer();
    await expect(prepareSeal(blank)).rejects.toThrow(SealError);
    await expect(prepareSeal(new Uint8Array([1, 2, 3]))).rejects.toThrow('无法读取印章图片');
  });
});

describe('importSeal', () => {
  let lw: LettersWorkspace;
  beforeAll(async () => {
    lw = await lettersWorkspace({ count: 0, seal: false });
  });
  afterAll(() => lw.cleanup());

  it('files the scan and the prepared seal, and makes it the unit seal; a new one supersedes it', async () => {
    const { repos, library } = lw.ws.app.services;
    const first = await lw.letters.importSeal(lw.unitId, await sealScan({ seed: 1 }), '公章.png');
    const seal = repos.documents.get(first.documentId)!;
    expect(seal).toMatchObject({ materialType: '单位印章', mime: 'image/png', employeeId: null, status: 'active' });
    expect(seal.originalId).toBe(first.originalDocumentId);
    expect(repos.documents.get(first.originalDocumentId)).toMatchObject({
      materialType: '单位印章原件',
      fileName: '公章.png',
    });
    expect(repos.units.get(lw.unitId)!.hasSeal).toBe(true);
    expect((await rgba(library.read(seal))).width).toBe(472);

    const second = await lw.letters.importSeal(lw.unitId, await sealScan({ seed: 2, format: 'jpeg' }));
    expect(second.storedPath).not.toBe(first.storedPath);
    expect(repos.documents.get(first.documentId)!.status).toBe('superseded');
    expect(repos.documents.get(second.documentId)!.status).toBe('active');
  });

  it('refuses a file that is not an image, naming the unit', async () => {
    await expect(lw.letters.importSeal(lw.unitId, new TextEncoder().encode('%PDF-1.7'))).rejects.toThrow(
      /「江苏恒泰电力工程有限公司」的印章图片应为 PNG 或 JPG/,
    );
  });
});
