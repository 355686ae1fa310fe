import { degrees, PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectRotation } from '../../../electron/services/reading/orientation';
import { rotatePdfPages, rotationsOf } from '../../../electron/services/reading/rotatePages';
import { smallPdf } from '../../support/documents';

/** A plain 150-dpi form page with a title and labelled lines, as a PNG. */
async function upright(): Promise<Buffer> {
  const rows = ['姓名 王建国', '身份证号 320102198503150115', '毕业院校 东南大学', '专业 土木工程', '考核等次 合格'];
  const text = rows.map((row, i) => `<text x="72" y="${200 + i * 40}" font-size="15">${row}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754" viewBox="0 0 595 842"><rect width="595" height="842" fill="#fff"/><g font-family="Noto Serif CJK SC" fill="#111"><text x="297" y="110" font-size="22" text-anchor="middle">事业单位工作人员年度考核登记表</text>${text}</g></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe('detectRotation', () => {
  it('finds how far a page image must turn to read upright, for each way it can lie', async () => {
    const page = await upright();
    for (const lying of [0, 90, 180, 270] as const) {
      const image = await sharp(page).rotate(lying).png().toBuffer();
      expect([lying, await detectRotation(image)]).toEqual([lying, (360 - lying) % 360]);
    }
  }, 120_000);
});

describe('rotatePdfPages', () => {
  it('turns only the pages reading turned, adding to their rotation', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    doc.addPage().setRotation(degrees(90));
    const bytes = await doc.save();
    const pages = [
      { page: 1, source: 'ocr' as const, rotated: 0 as const, ms: 1, text: '' },
      { page: 2, source: 'ocr' as const, rotated: 180 as const, ms: 1, text: '' },
    ];
    const turned = await PDFDocument.load(await rotatePdfPages(bytes, rotationsOf(pages)));
    expect(turned.getPages().map((p) => p.getRotation().angle)).toEqual([0, 270]);
  });

  it('returns the same bytes when no page needs turning', async () => {
    const bytes = await smallPdf('upright');
    expect(await rotatePdfPages(bytes, new Map())).toBe(bytes);
  });
});
