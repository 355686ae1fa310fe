/**
 * The routes the 模板与印章 page reads besides generation: a unit's prepared seal as letters stamp
 * it, and an overlay template's background PDF, both through the real dispatch.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toBase64 } from '../../support/workspace';
import { lettersWorkspace, sealScan, type LettersWorkspace } from './support';

let lw: LettersWorkspace;
beforeAll(async () => {
  lw = await lettersWorkspace({ count: 1, seal: false });
});
afterAll(() => lw?.cleanup());

const call: LettersWorkspace['ws']['call'] = (name, input) => lw.ws.call(name, input);

describe('units.seal', () => {
  it('is null before a seal is imported and the transparent red 40 mm seal after', async () => {
    expect(await call('units.seal', { unitId: lw.unitId })).toBeNull();

    await call('units.importSeal', { unitId: lw.unitId, fileName: '公章.png', base64: toBase64(await sealScan()) });
    const seal = await call('units.seal', { unitId: lw.unitId });
    expect(seal).toMatchObject({ diameterMm: 40, pixels: 472, png: { fileName: '印章.png' } });

    const { data, info } = await sharp(Buffer.from(seal!.png.base64, 'base64'))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([472, 472]);
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4)];
    // The corner outside the ring is transparent; somewhere on the ring's left edge is opaque seal red.
    expect(at(2, 2)[3]).toBe(0);
    const ring = Array.from({ length: 40 }, (_, x) => at(x, 236)).find((p) => p[3]! > 200);
    expect(ring).toBeDefined();
    expect(ring![0]).toBeGreaterThan(180);
    expect(ring![1]).toBeLessThan(80);
  });

  it('refuses a unit that does not exist, in Chinese', async () => {
    const answer = await lw.ws.app.invoke('units.seal', { unitId: 999 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(!answer.ok && answer.error.message).toContain('单位');
  });
});

describe('letters.templates.background', () => {
  it('hands back the imported background PDF byte for byte', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([595.28, 841.89]);
    page.drawText('Recommendation form', {
      x: 72,
      y: 760,
      size: 18,
      font: await doc.embedFont(StandardFonts.Helvetica),
    });
    const bytes = await doc.save();

    const imported = await call('letters.templates.importBackground', {
      fileName: '推荐表.pdf',
      base64: toBase64(bytes),
    });
    expect(imported.pages).toEqual([{ widthMm: 210, heightMm: 297 }]);
    const file = await call('letters.templates.background', { documentId: imported.documentId });
    expect(file.fileName).toBe('推荐表.pdf');
    expect(Buffer.from(file.base64, 'base64').equals(Buffer.from(bytes))).toBe(true);
  });

  it('refuses a document that is not a template background', async () => {
    const answer = await lw.ws.app.invoke('letters.templates.background', { documentId: 424242 });
    expect(answer).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(!answer.ok && answer.error.message).toContain('模板背景');
  });
});
