/**
 * The inbox on a real workspace: a temp scan folder, people, the real PDF engine, and files made
 * here the way scanners and phones make them (JPEG pages wrapped one per PDF page, photos, PNGs).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { createInboxService, type InboxService } from '../../../electron/services/inbox';
import type { InboxDeps } from '../../../electron/services/inbox/pipeline';
import type { PdfEngine } from '../../../electron/services/pdf/engine';
import { makeIdNumber } from '../../support/people';
import { openTestWorkspace, tempDir, type TestWorkspace } from '../../support/workspace';

export interface Person {
  id: number;
  name: string;
  idNumber: string;
}

export interface InboxWorld {
  ws: TestWorkspace;
  inbox: InboxService;
  scanDir: string;
  events: Array<{ name: string; payload: unknown }>;
  addPerson(name: string, seq: number, employeeNo?: string): Promise<Person>;
  /** Writes a file into the scan folder with an mtime in the past (so it is settled). */
  drop(relPath: string, bytes: Uint8Array, ageMs?: number): string;
  cleanup(): void;
}

export async function inboxWorld(
  engine: PdfEngine,
  pipeline: Partial<InboxDeps> = {},
  folder: Parameters<InboxService['folders']['add']>[0] | null = null,
): Promise<InboxWorld> {
  const ws = await openTestWorkspace();
  const scanDir = tempDir('zhicheng-scan-');
  const events: InboxWorld['events'] = [];
  const inbox = createInboxService({
    db: ws.app.database.db,
    repos: ws.app.services.repos,
    library: ws.app.services.library,
    engine,
    dataDir: ws.dir,
    emit: (name, payload) => events.push({ name, payload }),
    pipeline: { recheckMs: 30, retry: { delaysMs: [40, 80, 160], jitter: 0 }, ...pipeline },
  });
  inbox.folders.add(folder ?? { path: scanDir, stableSeconds: 0 });
  return {
    ws,
    inbox,
    scanDir,
    events,
    async addPerson(name, seq, employeeNo) {
      const { person } = await ws.call('people.save', {
        name,
        idNumber: makeIdNumber('320102', '1988-03-04', seq),
        workStartedOn: '2010-07-01',
        category: '事业编制',
        ...(employeeNo ? { employeeNo } : {}),
      });
      return { id: person.id, name: person.name, idNumber: person.idNumber };
    },
    drop(relPath, bytes, ageMs = 60_000) {
      const path = join(scanDir, ...relPath.split('/'));
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
      const t = (Date.now() - ageMs) / 1000;
      utimesSync(path, t, t);
      return path;
    },
    cleanup() {
      ws.cleanup();
      rmSync(scanDir, { recursive: true, force: true });
    },
  };
}

/** A scanned-looking page: grey paper, dark "text" bars, some noise; A4 at `dpi`. */
export async function scanPageJpeg(seed: number, dpi = 100, quality = 85): Promise<Buffer> {
  const width = Math.round(8.27 * dpi);
  const height = Math.round(11.69 * dpi);
  const data = Buffer.alloc(width * height, 0);
  let s = seed * 9301 + 49297;
  const rand = () => (s = (s * 9301 + 49297) % 233280) / 233280;
  for (let i = 0; i < data.length; i++) data[i] = 235 + Math.floor(rand() * 12);
  const line = Math.max(4, Math.round(dpi / 10));
  for (let y = Math.round(height * 0.1); y < height * 0.9; y += line * 3) {
    const end = Math.round(width * (0.5 + rand() * 0.4));
    for (let yy = y; yy < y + line; yy++)
      for (let x = Math.round(width * 0.1); x < end; x++)
        if (rand() < 0.7) data[yy * width + x] = 30 + Math.floor(rand() * 40);
  }
  return sharp(data, { raw: { width, height, channels: 1 } })
    .jpeg({ quality })
    .toBuffer();
}

/** JPEG pages wrapped one per A4 page, as a scanner writes a PDF. */
export async function scannedPdf(pages: Uint8Array[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const jpeg of pages) {
    const image = await doc.embedJpg(jpeg);
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(image, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return doc.save();
}

/** A PDF page rendered as a scanner would see the printed page (poppler), as a JPEG. */
export function renderedPageJpeg(pdf: Uint8Array, page: number, dpi = 100): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'zhicheng-render-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', [
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-jpeg',
      '-singlefile',
      join(dir, 'in.pdf'),
      join(dir, 'out'),
    ]);
    return readFileSync(join(dir, 'out.jpg'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
