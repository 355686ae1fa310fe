/**
 * Reads the archives we write, one entry at a time from disk (never the whole archive in RAM),
 * each entry no larger than the caller allows.
 * fflate streams archives out but writes no Zip64 records, so past 4 GB the 32-bit offsets in
 * its central directory wrap around: entries are found by walking the local headers with the
 * sizes from the central directory instead, which holds for any archive size.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  dataStart: number;
}

const CHUNK = 1 << 20;

export class ZipFormatError extends Error {}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new ZipFormatError('文件被截断');
  return buffer;
}

export async function readEntries(handle: FileHandle): Promise<ZipEntry[]> {
  const size = (await handle.stat()).size;
  const tailLength = Math.min(size, 65_557);
  const tail = await readAt(handle, size - tailLength, tailLength);
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new ZipFormatError('不是 zip 文件，或文件不完整');
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdStart = size - tailLength + eocd - cdSize;
  if (cdStart < 0) throw new ZipFormatError('目录区损坏');
  const cd = await readAt(handle, cdStart, cdSize);

  const entries: ZipEntry[] = [];
  let at = 0;
  let local = 0;
  while (at < cd.length) {
    if (cd.readUInt32LE(at) !== 0x02014b50) throw new ZipFormatError('目录区损坏');
    const flags = cd.readUInt16LE(at + 8);
    const method = cd.readUInt16LE(at + 10);
    const compressedSize = cd.readUInt32LE(at + 20);
    const uncompressed = cd.readUInt32LE(at + 24);
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const name = cd.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;

    const header = await readAt(handle, local, 30);
    if (header.readUInt32LE(0) !== 0x04034b50) throw new ZipFormatError(`「${name}」的文件头损坏`);
    const dataStart = local + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    entries.push({ name, method, compressedSize, size: uncompressed, dataStart });
    local = dataStart + compressedSize + (flags & 8 ? 16 : 0);
  }
  return entries;
}

/** A sink's own failure (a full disk), told apart from a damaged archive. */
class SinkFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Streams one entry's bytes to `sink`, inflating when needed, and stops as soon as more than
 * `limit` bytes come out: a few MB of deflated zeros would otherwise unpack to gigabytes. zlib's
 * stream inflates in small pieces under backpressure, so memory stays bounded whatever the ratio.
 */
export async function readEntry(
  handle: FileHandle,
  entry: ZipEntry,
  sink: (chunk: Uint8Array) => void,
  limit = Number.POSITIVE_INFINITY,
): Promise<void> {
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`「${entry.name}」的压缩方式不受支持`);
  if (entry.compressedSize === 0) return;
  const tooLarge = () => new ZipFormatError(`「${entry.name}」解压后超过它声明的大小，归档可能被改动过`);
  if (entry.size > limit) throw tooLarge();
  const raw = handle.createReadStream({
    start: entry.dataStart,
    end: entry.dataStart + entry.compressedSize - 1,
    autoClose: false,
    highWaterMark: CHUNK,
  });
  let written = 0;
  // What stopped the reading: pipeline() reports it as an AbortError, so it is kept here.
  let stopped: ZipFormatError | SinkFailure | null = null;
  const consume = async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) {
      written += chunk.length;
      if (written > limit) throw (stopped = tooLarge());
      try {
        sink(chunk);
      } catch (error) {
        throw (stopped = new SinkFailure(error));
      }
    }
  };
  try {
    if (entry.method === 8) await pipeline(raw, createInflateRaw({ chunkSize: 256 * 1024 }), consume);
    else await pipeline(raw, consume);
  } catch {
    // Set inside consume(), which TypeScript does not follow.
    const reason = stopped as ZipFormatError | SinkFailure | null;
    if (reason instanceof SinkFailure) throw reason.error;
    if (reason) throw reason;
    throw new ZipFormatError(`「${entry.name}」无法解压，数据已损坏`);
  }
}

export const openArchive = (file: string) => open(file, 'r');
