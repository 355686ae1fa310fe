/**
 * An .xlsx is a zip of XML: a few MB can unpack to gigabytes of padded sheets, which ExcelJS
 * would hold in memory many times over. Before it is parsed, every entry is inflated once here,
 * each within what is left of a total budget, and the workbook is refused past it.
 */
import { inflateRawSync } from 'node:zlib';

/** Far beyond a roster of thousands of rows (a few MB of sheet XML). */
export const MAX_WORKBOOK_UNPACKED_BYTES = 64 * 1024 * 1024;
const MAX_ENTRIES = 2000;

/** The total size the workbook's entries unpack to, or null once it passes `limit` (or it is no zip we can read). */
export function unpackedSize(bytes: Uint8Array, limit = MAX_WORKBOOK_UNPACKED_BYTES): number | null {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > zip.length) return 0; // not a zip: ExcelJS says so in its own refusal
  const count = zip.readUInt16LE(eocd + 10);
  if (count > MAX_ENTRIES) return null;
  let at = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return 0;
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const local = zip.readUInt32LE(at + 42);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (local + 30 > zip.length) return 0;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    if (method === 0) total += data.length;
    else if (method === 8) {
      try {
        // The real size, not the declared one: inflation stops at what the budget has left.
        total += inflateRawSync(data, { maxOutputLength: Math.max(1, limit - total + 1) }).length;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return null;
        return 0; // damaged: ExcelJS refuses it in its own words
      }
    }
    if (total > limit) return null;
  }
  return total;
}
