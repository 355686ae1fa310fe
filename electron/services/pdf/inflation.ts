/**
 * Bounds on what a PDF's compressed streams may unpack to. A megabyte of deflated zeros is a
 * gigabyte of content stream: read unbounded, one crafted file exhausts the process. Streams are
 * decoded a piece at a time and refused as damaged as soon as one stream, or the document as a
 * whole, passes its bound. Real content streams are kilobytes; the bounds leave room for large
 * vector drawings.
 */
import { decodePDFRawStream, type PDFRawStream } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import { fail } from './errors';

export const MAX_STREAM_BYTES = 64 * 1024 * 1024;
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
const PIECE = 1 << 20;

const overflow = (fileName: string) => fail.damaged(fileName, '压缩的内容解开后异常庞大，文件已损坏或异常');

/** One document's allowance: every stream decoded through it counts against the same total. */
export function inflationBudget(fileName: string, limits = { stream: MAX_STREAM_BYTES, document: MAX_DOCUMENT_BYTES }) {
  let used = 0;
  return {
    /** The stream's decoded bytes; a stream whose filters fail to decode is empty, as before. */
    decode(raw: PDFRawStream): Uint8Array {
      let stream;
      try {
        stream = decodePDFRawStream(raw);
      } catch {
        return new Uint8Array(0);
      }
      let size = 0;
      try {
        for (let piece = stream.getBytes(PIECE); piece.length > 0; piece = stream.getBytes(PIECE)) {
          size += piece.length;
          if (size > limits.stream || used + size > limits.document) throw overflow(fileName);
        }
      } catch (error) {
        if (error instanceof Error && error.name === 'PdfError') throw error;
        return new Uint8Array(0);
      }
      used += size;
      stream.reset();
      return stream.getBytes(size, false) as Uint8Array;
    },
  };
}

export type InflationBudget = ReturnType<typeof inflationBudget>;

/** zlib inflation of image data that cannot grow past `maxBytes` (what its width and height need). */
export function inflateAtMost(bytes: Uint8Array, maxBytes: number): Buffer {
  try {
    return inflateSync(bytes, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      throw new Error('image data larger than its dimensions');
    throw error;
  }
}
