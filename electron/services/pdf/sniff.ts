/**
 * What a file really is, from its first bytes, never from its extension: scanners, phones and
 * users rename files, and a JPEG called .pdf must be refused as what it is.
 */
export type FileKind =
  'pdf' | 'pdf-with-junk' | 'jpeg' | 'png' | 'tiff' | 'heic' | 'avif' | 'webp' | 'gif' | 'bmp' | 'unknown';

const ascii = (bytes: Uint8Array, from: number, to: number) =>
  String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));

export function sniff(bytes: Uint8Array): FileKind {
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 1, 4) === 'PNG' && bytes[0] === 0x89) return 'png';
  const head4 = ascii(bytes, 0, 4);
  if (head4 === 'II*\0' || head4 === 'MM\0*') return 'tiff';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    const brand = ascii(bytes, 8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(brand)) return 'heic';
  }
  if (head4 === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (head4 === 'GIF8') return 'gif';
  if (ascii(bytes, 0, 2) === 'BM') return 'bmp';
  // The PDF specification lets readers accept a header within the first 1024 bytes; we do not
  // repair such files, but we say what they are.
  if (ascii(bytes, 0, 1024).includes('%PDF-')) return 'pdf-with-junk';
  return 'unknown';
}

export const KIND_NAMES: Record<FileKind, string> = {
  pdf: 'PDF 文件',
  'pdf-with-junk': '开头混入了其他数据的 PDF',
  jpeg: 'JPG 图片',
  png: 'PNG 图片',
  tiff: 'TIFF 图片',
  heic: 'HEIC 照片',
  avif: 'AVIF 图片',
  webp: 'WebP 图片',
  gif: 'GIF 图片',
  bmp: 'BMP 图片',
  unknown: '无法识别的文件',
};
