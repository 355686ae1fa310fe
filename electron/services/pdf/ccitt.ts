/**
 * Bilevel images as CCITT Group 4, the smallest lossless form for black-on-white pages. libtiff
 * inside sharp does the coding; the one strip it writes is lifted out of the TIFF and embedded as
 * /CCITTFaxDecode /K -1. (Never lossy JBIG2: its symbol matching can swap a 6 for an 8.)
 */
import sharp from 'sharp';
import type { Raw } from './raster';

export interface G4 {
  data: Buffer;
  width: number;
  height: number;
}

/** Thresholds a 1-channel image at `threshold` and codes it as G4 (white is 0, as fax expects). */
export async function encodeG4(grey: Raw, threshold = 128): Promise<G4> {
  const tiff = await sharp(grey.data, { raw: { width: grey.width, height: grey.height, channels: grey.channels } })
    .toColourspace('b-w')
    .threshold(threshold)
    .tiff({ compression: 'ccittfax4', bitdepth: 1, miniswhite: true, tileWidth: grey.width, tileHeight: grey.height })
    .toBuffer();
  return { data: singleStrip(tiff), width: grey.width, height: grey.height };
}

/** The data of a TIFF's only strip; throws when the TIFF has more than one. */
function singleStrip(tiff: Buffer): Buffer {
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  const entries = u16(ifd);
  const values = new Map<number, number[]>();
  for (let k = 0; k < entries; k++) {
    const at = ifd + 2 + k * 12;
    const tag = u16(at);
    const type = u16(at + 2);
    const count = u32(at + 4);
    const size = type === 3 ? 2 : 4;
    const base = count * size > 4 ? u32(at + 8) : at + 8;
    const list: number[] = [];
    for (let i = 0; i < Math.min(count, 4); i++) list.push(size === 2 ? u16(base + i * 2) : u32(base + i * 4));
    values.set(tag, list);
  }
  const offsets = values.get(273) ?? values.get(324); // StripOffsets, or TileOffsets
  const counts = values.get(279) ?? values.get(325);
  if (!offsets || !counts || offsets.length !== 1 || values.get(259)?.[0] !== 4)
    throw new Error('unexpected G4 TIFF layout');
  return tiff.subarray(offsets[0]!, offsets[0]! + counts[0]!);
}

/** PDF dictionary entries for a G4 image. */
export function g4ImageDict(g4: G4) {
  return {
    Type: 'XObject',
    Subtype: 'Image',
    Width: g4.width,
    Height: g4.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 1,
    Filter: 'CCITTFaxDecode',
    DecodeParms: { K: -1, Columns: g4.width, Rows: g4.height, BlackIs1: false },
  };
}
