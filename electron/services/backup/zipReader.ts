/**
 * Reads the archives we write, one entry at a time from disk (never the whole archive in RAM).
 * fflate streams archives out but writes no Zip64 records, so past 4 GB the 32-bit offsets in
 * its central directory wrap around: entries are found by walking the local headers with the
 * sizes from the central directory instead, which holds for any archive size.
 */
import { Inflate } from 'fflate';
import { open, type FileHandle } from 'node:fs/promises';

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

/** Streams one entry's bytes to `sink`, inflating when needed. */
export async function readEntry(handle: FileHandle, entry: ZipEntry, sink: (chunk: Uint8Array) => void) {
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`「${entry.name}」的压缩方式不受支持`);
  let failure: Error | null = null;
  let sinkFailure: unknown = null;
  // A failing sink (a full disk) is reported as itself, not as a damaged archive.
  const guarded = (chunk: Uint8Array) => {
    try {
      sink(chunk);
    } catch (error) {
      sinkFailure ??= error;
    }
  };
  const inflate = entry.method === 8 ? new Inflate((chunk) => guarded(chunk)) : null;
  let done = 0;
  while (done < entry.compressedSize || done === 0) {
    const length = Math.min(CHUNK, entry.compressedSize - done);
    const chunk = length > 0 ? await readAt(handle, entry.dataStart + done, length) : Buffer.alloc(0);
    done += length;
    const last = done >= entry.compressedSize;
    try {
      if (inflate) inflate.push(chunk, last);
      else if (chunk.length > 0) guarded(chunk);
    } catch (error) {
      failure = error as Error;
    }
    if (sinkFailure) throw sinkFailure;
    if (failure) throw new ZipFormatError(`「${entry.name}」无法解压：${failure.message}`);
    if (last) break;
  }
}

export const openArchive = (file: string) => open(file, 'r');
