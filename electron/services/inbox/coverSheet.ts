/**
 * Printable cover sheets: one A4 page per person and material type with a large QR code. Scanned
 * in front of a material's pages, it routes them exactly, and in a stack of many people's papers
 * scanned as one file it marks where each material starts. The cover pages are never filed.
 *
 * Payload: `ZC1|<personId>|<materialType>|<year>|<check>`, the check being the first 6 hex digits
 * of sha256(身份证号), so a sheet printed from another workspace (where the id means someone else)
 * is caught instead of filed to the wrong person. The page also carries the payload in its page
 * dictionary, so a cover merged digitally (never printed) is recognised without decoding pixels.
 */
import { createHash } from 'node:crypto';
import type { PDFFont, PDFPage } from 'pdf-lib';
import { pdfLib, qrcodeLib } from '../lazyLibraries';

export const COVER_PREFIX = 'ZC1';
export const COVER_KEY = 'ZhichengCover';

export interface CoverTarget {
  personId: number;
  idNumber: string;
  name: string;
  materialType: string;
  year: number | null;
}

export interface CoverPayload {
  personId: number;
  materialType: string;
  year: number | null;
  check: string;
}

export const idCheck = (idNumber: string) =>
  createHash('sha256').update(idNumber.toUpperCase()).digest('hex').slice(0, 6);

export function coverPayload(target: CoverTarget): string {
  return [COVER_PREFIX, target.personId, target.materialType, target.year ?? '', idCheck(target.idNumber)].join('|');
}

export function parseCoverPayload(text: string): CoverPayload | null {
  const parts = text.trim().split('|');
  if (parts.length !== 5 || parts[0] !== COVER_PREFIX) return null;
  const personId = Number(parts[1]);
  const year = parts[3] ? Number(parts[3]) : null;
  if (!Number.isSafeInteger(personId) || personId <= 0) return null;
  if (year !== null && !(Number.isInteger(year) && year >= 1950 && year <= 2100)) return null;
  if (!parts[2] || !/^[0-9a-f]{6}$/.test(parts[4] ?? '')) return null;
  return { personId, materialType: parts[2], year, check: parts[4]! };
}

const MM = 72 / 25.4;

function drawQr(page: PDFPage, payload: string, x: number, y: number, size: number): void {
  const { rgb } = pdfLib();
  // Error correction M: a smudge or a staple hole still reads; the code stays large-moduled.
  const qr = qrcodeLib().create(payload, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 4;
  const module = size / (n + 2 * quiet);
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      page.drawRectangle({
        x: x + (quiet + start) * module,
        y: y + size - (quiet + row + 1) * module,
        width: (col - start) * module,
        // A hair taller than the module, so rows print without white seams.
        height: module * 1.02,
        color: rgb(0, 0, 0),
      });
    }
  }
}

function centred(page: PDFPage, text: string, font: PDFFont, size: number, y: number): void {
  const width = font.widthOfTextAtSize(text, size);
  page.drawText(text, { x: (page.getWidth() - width) / 2, y, size, font, color: pdfLib().rgb(0, 0, 0) });
}

const mask = (id: string) => (id.length >= 10 ? `${id.slice(0, 6)}********${id.slice(-4)}` : '****');

/** One PDF with a cover page per target, in the order given. */
export async function coverSheets(targets: readonly CoverTarget[], resourcesDir?: string): Promise<Uint8Array> {
  // The letters' font loading (fontkit, the shipped Noto Serif SC), loaded only when sheets are made.
  const [{ BUNDLED_FONT, embedFace, loadFace }, { resourcePath }] = await Promise.all([
    import('../letters/fonts'),
    import('../letters/resources'),
  ]);
  const { PDFDocument, PDFHexString, PDFName } = pdfLib();
  const doc = await PDFDocument.create();
  doc.setTitle('材料扫描封面');
  const font = await embedFace(doc, loadFace({ path: resourcePath(BUNDLED_FONT, resourcesDir) }, 'bundled'));
  for (const target of targets) {
    const payload = coverPayload(target);
    const page = doc.addPage([595.28, 841.89]);
    page.node.set(PDFName.of(COVER_KEY), PDFHexString.fromText(payload));
    const qrSize = 70 * MM;
    centred(page, '材料扫描封面', font, 30, 770);
    centred(page, '请将本页放在该份材料第一页之前，与材料一起扫描', font, 12, 742);
    drawQr(page, payload, (page.getWidth() - qrSize) / 2, 470, qrSize);
    const lines: Array<[string, string]> = [
      ['姓　　名', target.name],
      ['身份证号', mask(target.idNumber)],
      ['材料类型', target.materialType],
      ['年　　度', target.year === null ? '—' : String(target.year)],
    ];
    lines.forEach(([label, value], i) => {
      const y = 400 - i * 40;
      page.drawText(label, { x: 130, y, size: 18, font });
      page.drawText(value, { x: 250, y, size: 22, font });
    });
    centred(page, '本页只用于识别，不会被归档。多人材料可依次放封面后一次扫描。', font, 11, 150);
    centred(page, `封面编码 ${payload.split('|').slice(0, 2).join('-')}-${payload.split('|')[4]}`, font, 9, 120);
  }
  return doc.save({ useObjectStreams: true });
}
