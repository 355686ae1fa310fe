import { extname } from 'node:path';
import type { InboxFileRow } from '../../../../db/repos/inbox';
import { sha256Of, writeFileDurably } from '../../library/library';
import { fail } from '../../pdf/errors';
import { sniff, type FileKind } from '../../pdf/sniff';
import { cleared, type InboxContext } from '../context';
import { always, type Stage } from '../stage';
import { fsCode, permanent, transient } from '../states';

const MAX_BYTES = 300 * 1024 * 1024;

const KIND_EXT: Partial<Record<FileKind, string>> = {
  pdf: '.pdf',
  jpeg: '.jpg',
  png: '.png',
  tiff: '.tif',
  heic: '.heic',
};

/** CLAIMED → SECURED: copied into the library, re-read and verified; the source unchanged meanwhile. */
export const secureStage: Stage = {
  from: 'claimed',
  doing: '保存原件',
  commits: ['secured'],
  ableToRun: always,
  run: secure,
};

async function secure(ctx: InboxContext, row: InboxFileRow): Promise<InboxFileRow> {
  const { fs, journal, library } = ctx;
  const path = row.claimedPath!;
  let before;
  try {
    before = await fs.stat(path);
  } catch (error) {
    if (fsCode(error) === 'ENOENT') throw permanent('已领取的文件不见了（被人从 .zhicheng 文件夹中移走？）', 'ENOENT');
    throw error;
  }
  if (before.size > MAX_BYTES)
    throw permanent(`文件有 ${fail.sizes.mb(before.size)}，超出本软件一次能处理的范围`, 'TOO_LARGE');
  const bytes = await fs.readFile(path);
  const sha256 = sha256Of(bytes);
  const kind = sniff(bytes);
  const ext = KIND_EXT[kind] ?? (extname(row.sourceName).toLowerCase() || '.bin');
  const storedPath = library.pathFor(sha256, ext);
  const absolute = library.absolute(storedPath);
  if (!(await fs.exists(absolute)) || sha256Of(await fs.readFile(absolute)) !== sha256)
    writeFileDurably(absolute, bytes);
  if (sha256Of(await fs.readFile(absolute)) !== sha256) throw transient('保存到资料库后校验不一致', 'VERIFY');
  const after = await fs.stat(path);
  if (after.size !== before.size || after.mtimeMs !== before.mtimeMs || after.size !== bytes.length) {
    // Still being written (the scanner kept the file open through the rename): copy it again later.
    journal.patch(row.id, { size: after.size, mtimeMs: after.mtimeMs });
    throw transient('文件仍在写入，稍后重新复制', 'CHANGING');
  }
  ctx.probe('secure:written', row);
  return ctx.move(row, 'secured', {
    sha256,
    bytes: bytes.length,
    storedPath,
    kind,
    size: after.size,
    mtimeMs: after.mtimeMs,
    ...cleared,
  });
}
