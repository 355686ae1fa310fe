/**
 * Between the page as drawn on screen (CSS pixels) and the template's millimetres from the page's
 * top-left corner. PdfPreview gives each page's size in both pixels and PDF points.
 */
const MM_PER_PT = 25.4 / 72;

export interface DrawnPage {
  widthPx: number;
  heightPx: number;
  widthPt: number;
  heightPt: number;
}

/** Millimetres per CSS pixel on this drawn page. */
export const mmPerPx = (page: DrawnPage) => (page.widthPt / page.widthPx) * MM_PER_PT;

/** CSS pixels per point, for showing a font size in points at the drawn scale. */
export const pxPerPt = (page: DrawnPage) => page.widthPx / page.widthPt;

export const pageMm = (page: DrawnPage) => ({ width: page.widthPt * MM_PER_PT, height: page.heightPt * MM_PER_PT });

/** Positions are kept to a tenth of a millimetre: finer than any printer, and tidy in the JSON. */
export const roundMm = (mm: number) => Math.round(mm * 10) / 10;

/** Keeps a box of `size` mm inside the page. */
export function clampMm(x: number, y: number, size: { w: number; h: number }, page: DrawnPage) {
  const bounds = pageMm(page);
  return {
    x: roundMm(Math.min(Math.max(0, x), Math.max(0, bounds.width - size.w))),
    y: roundMm(Math.min(Math.max(0, y), Math.max(0, bounds.height - size.h))),
  };
}
