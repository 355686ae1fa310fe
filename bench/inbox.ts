/**
 * 100 mixed files dropped into a watched folder at once (300-dpi scans of 1–3 pages, phone
 * photos, PNG pages, a few for people the workspace does not know), all named as HR names them,
 * taken through the whole pipeline by one `runOnce()`: files per minute with two files moving at
 * once (the default) and with one, beside Ghostscript /ebook compressing the same PDFs one after
 * another (an anchor for the PDFs only; it files nothing). The three run interleaved,
 * BENCH_INBOX_ROUNDS times (default 3), and the medians are printed.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { openApp } from '../electron/services/compose';
import { unwrap } from '../shared/api/dispatch';
import { makeIdNumber } from '../tests/support/people';
import { jpegsToPdf, renderScanPage } from '../tests/unit/pdf/support/scans';

const run = promisify(execFile);
const FILES = 100;
const NAMES = ['李晓燕', '张明远', '王建国', '陈思敏', '刘海涛', '赵文静', '孙立新', '周晓峰', '吴佳怡', '郑国强'];
const MATERIALS = ['毕业证', '学位证', '考核表_2023', '考核表_2024', '继续教育_2024', '社保证明', '诚信承诺书'];

interface Drop {
  name: string;
  bytes: Uint8Array;
}

/** A scan whose bytes differ from every other (its title), so none is filed as a duplicate. */
async function uniquePdf(jpegs: Buffer[], title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.load(await jpegsToPdf(jpegs));
  doc.setTitle(title);
  return doc.save();
}

async function mixedFiles(): Promise<Drop[]> {
  const pages = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => renderScanPage(i, { seal: i === 1 })));
  const drops: Drop[] = [];
  for (let i = 0; i < FILES; i++) {
    // Every 20th file belongs to nobody the workspace knows: it waits in the review queue.
    const person = i % 20 === 19 ? '不存在' : NAMES[i % NAMES.length]!;
    const material = MATERIALS[i % MATERIALS.length]!;
    const stem = `${person}_${material}_${i}`;
    const kind = i % 10;
    if (kind < 5) {
      const count = 1 + (i % 3);
      drops.push({ name: `${stem}.pdf`, bytes: await uniquePdf(pages.slice(i % 4, (i % 4) + count), stem) });
    } else if (kind < 8) {
      // A phone photo, 12 MP; sizes differ by a pixel so no two files are duplicates.
      const photo = await sharp(pages[i % pages.length]!)
        .resize(3024, 4032 + i, { fit: 'fill' })
        .jpeg({ quality: 90 })
        .toBuffer();
      drops.push({ name: `${stem}.jpg`, bytes: photo });
    } else {
      const png = await sharp(pages[i % pages.length]!)
        .resize(1240 + i)
        .greyscale()
        .png()
        .toBuffer();
      drops.push({ name: `${stem}.png`, bytes: png });
    }
  }
  return drops;
}

export async function benchInbox(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'zhicheng-bench-inbox-'));
  try {
    const drops = await mixedFiles();
    const totalMb = drops.reduce((n, d) => n + d.bytes.length, 0) / 1024 / 1024;
    console.log(`\n材料收件箱 (${drops.length} mixed files dropped at once, ${totalMb.toFixed(0)} MB)`);

    const hasGs = spawnSync('sh', ['-c', 'command -v gs']).status === 0;
    if (!hasGs) console.log('Ghostscript not installed: anchor skipped (apt-get install ghostscript)');
    const pdfs = drops.filter((d) => d.name.endsWith('.pdf'));
    const rounds = Number(process.env.BENCH_INBOX_ROUNDS ?? 3);
    const perMinute: Record<'c2' | 'c1' | 'gs', number[]> = { c2: [], c1: [], gs: [] };
    for (let round = 0; round < rounds; round++) {
      for (const concurrency of [2, 1]) {
        const { ms, states } = await inboxRun(join(work, `round${round}-c${concurrency}`), drops, concurrency);
        perMinute[concurrency === 2 ? 'c2' : 'c1'].push((drops.length / ms) * 60_000);
        const counts = [...states].map(([state, n]) => `${state} ${n}`).join(', ');
        console.log(`  round ${round + 1}: ${concurrency} at once ${(ms / 1000).toFixed(1)} s (${counts})`);
      }
      if (hasGs) {
        const ms = await ghostscript(join(work, `gs${round}`), pdfs);
        perMinute.gs.push((pdfs.length / ms) * 60_000);
        console.log(`  round ${round + 1}: gs /ebook ${(ms / 1000).toFixed(1)} s`);
      }
    }
    const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `inbox runOnce, 2 files at once (default)   median ${mid(perMinute.c2).toFixed(1)} files/min   target ≥ 60`,
    );
    console.log(`inbox runOnce, 1 file at once              median ${mid(perMinute.c1).toFixed(1)} files/min`);
    if (hasGs)
      console.log(
        `gs /ebook, the ${pdfs.length} PDFs one by one          median ${mid(perMinute.gs).toFixed(1)} PDFs/min   ` +
          `inbox/gs ${(mid(perMinute.c2) / mid(perMinute.gs)).toFixed(2)}`,
      );
    console.log(`peak RSS of this process so far: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** A fresh workspace with the ten people and a watched folder holding the drops, run once. */
async function inboxRun(dir: string, drops: Drop[], concurrency: number) {
  const app = await openApp({ dataDir: join(dir, 'workspace'), actor: 'bench', inbox: { concurrency } });
  const call = async (name: string, input: unknown) => unwrap(await app.invoke(name, input));
  for (const [i, name] of NAMES.entries()) {
    await call('people.save', {
      name,
      idNumber: makeIdNumber('320102', '1988-03-04', i + 1),
      workStartedOn: '2015-07-01',
    });
  }
  const scanDir = join(dir, 'scans');
  mkdirSync(scanDir, { recursive: true });
  await call('inbox.folders.add', { path: scanDir, stableSeconds: 0 });
  for (const drop of drops) writeFileSync(join(scanDir, drop.name), drop.bytes);
  const start = performance.now();
  const outcomes = await app.services.inbox.pipeline.runOnce({ maxWaitMs: 10 * 60_000 });
  const ms = performance.now() - start;
  app.close();
  const states = new Map<string, number>();
  for (const o of outcomes.filter((o) => o.parentId === null)) states.set(o.state, (states.get(o.state) ?? 0) + 1);
  rmSync(dir, { recursive: true, force: true });
  return { ms, states };
}

/** Ghostscript /ebook over the PDFs one after another: ms. */
async function ghostscript(dir: string, pdfs: Drop[]): Promise<number> {
  mkdirSync(dir);
  const start = performance.now();
  for (const [i, pdf] of pdfs.entries()) {
    const input = join(dir, `${i}.pdf`);
    writeFileSync(input, pdf.bytes);
    await run('gs', [
      '-q',
      '-dNOPAUSE',
      '-dBATCH',
      '-dSAFER',
      '-sDEVICE=pdfwrite',
      '-dPDFSETTINGS=/ebook',
      `-sOutputFile=${input}.out.pdf`,
      input,
    ]);
  }
  const ms = performance.now() - start;
  rmSync(dir, { recursive: true, force: true });
  return ms;
}
