/**
 * What reading costs the inbox: 100 files of the generated reading corpus (scans, photos and
 * text-layer PDFs of 备案表, 考核表, 证书 … for ten people) dropped at once, taken through the
 * whole pipeline by one `runOnce()`, three ways in the same run: scanner-named (the content
 * decides, so every scan is read by OCR), the same files well named (姓名_材料_年度), and well
 * named with reading off (the anchor: the pipeline as it was before reading).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openApp } from '../electron/services/compose';
import { unwrap } from '../shared/api/dispatch';
import { CORPUS_ROSTER, generateReadingCorpus } from '../tests/support/readingCorpus';

const FILES = 100;

interface Drop {
  scannerName: string;
  goodName: string;
  bytes: Uint8Array;
}

async function corpusDrops(work: string): Promise<Drop[]> {
  const drops: Drop[] = [];
  for (let seed = 15; drops.length < FILES; seed++) {
    const dir = join(work, `corpus-${seed}`);
    for (const truth of await generateReadingCorpus(dir, { seed })) {
      if (drops.length === FILES) break;
      const ext = truth.file.slice(truth.file.lastIndexOf('.'));
      const n = drops.length;
      drops.push({
        // A name a scanner makes up (the corpus repeats its own names from seed to seed).
        scannerName: `Scan_${seed}_${String(n).padStart(4, '0')}${ext}`,
        // 张伟 is two people: a good name for them carries the ID number, as HR names such files.
        goodName: `${truth.name}_${truth.idNumber ?? ''}_${truth.type}_${truth.year}_${n}${ext}`,
        bytes: readFileSync(join(dir, truth.file)),
      });
    }
  }
  return drops;
}

async function run(dir: string, drops: Drop[], named: 'scanner' | 'good', reading: boolean) {
  const app = await openApp({
    dataDir: join(dir, 'workspace'),
    actor: 'bench',
    inbox: reading ? {} : { reader: undefined },
  });
  const call = async (name: string, input: unknown) => unwrap(await app.invoke(name, input));
  for (const person of CORPUS_ROSTER)
    await call('people.save', { name: person.name, idNumber: person.idNumber, workStartedOn: '2010-07-01' });
  const scanDir = join(dir, 'scans');
  mkdirSync(scanDir, { recursive: true });
  await call('inbox.folders.add', { path: scanDir, stableSeconds: 0 });
  for (const drop of drops)
    writeFileSync(join(scanDir, named === 'scanner' ? drop.scannerName : drop.goodName), drop.bytes);
  const start = performance.now();
  const outcomes = await app.services.inbox.pipeline.runOnce({ maxWaitMs: 20 * 60_000 });
  const ms = performance.now() - start;
  app.close();
  rmSync(dir, { recursive: true, force: true });
  const states = new Map<string, number>();
  for (const o of outcomes.filter((o) => o.parentId === null)) states.set(o.state, (states.get(o.state) ?? 0) + 1);
  return { ms, states };
}

export async function benchInboxReading(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'zhicheng-bench-inbox-reading-'));
  try {
    const drops = await corpusDrops(work);
    console.log(`\n材料收件箱 reading (${drops.length} corpus files: scans, photos, text-layer PDFs)`);
    const ways = [
      ['scanner-named, read', 'scanner', true],
      ['well named, read', 'good', true],
      ['well named, not read (anchor)', 'good', false],
    ] as const;
    const results: Record<string, number> = {};
    for (const [label, named, reading] of ways) {
      const { ms, states } = await run(join(work, label.replace(/\W+/g, '-')), drops, named, reading);
      results[label] = ms;
      console.log(
        `${label.padEnd(34)} ${ms.toFixed(0).padStart(9)} ms   ${((drops.length / ms) * 60_000).toFixed(1)} files/min   ` +
          [...states].map(([state, n]) => `${state} ${n}`).join(', '),
      );
    }
    const anchor = results['well named, not read (anchor)']!;
    console.log(`reading costs ×${(results['scanner-named, read']! / anchor).toFixed(2)} the anchor's time`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
