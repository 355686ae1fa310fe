/**
 * Moved here from tests/unit/inbox/crash.test.ts (the fault suite owns kill -9 tests).
 *
 * kill -9 at every state and between every step's work and its commit: the pipeline runs in a
 * child process that SIGKILLs itself there; the next process resumes. Checked after every kill:
 * the source is never gone before its document is committed, no document or journal row is
 * doubled; at the end each file is filed exactly once with its original verified by sha256.
 */
import { existsSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256Of } from '../../electron/services/library/library';
import { smallPdf } from '../support/documents';
import { makeIdNumber } from '../support/people';
import { openTestWorkspace, tempDir } from '../support/workspace';
import { scanPageJpeg } from '../unit/inbox/support';
import { inspectWorkspace, runInboxChild } from './support';

/** Every point, in the order the first file reaches them. */
const KILL_POINTS = [
  'state:detected',
  'state:stable',
  'claim:renamed',
  'state:claimed',
  'secure:written',
  'state:secured',
  'state:validated',
  'state:read',
  'state:matched',
  'state:converted',
  'state:compressed',
  'file:stored',
  'state:filed',
  'release:moved',
  'state:released',
];

interface Chain {
  dataDir: string;
  scanDir: string;
  sources: Map<string, string>;
}

// One file at a time: a kill while the other file is in the engine would count against it (two such
// kills quarantine it, as they should for a file that brings the process down).
const child = (chain: Chain, killAt: string) => runInboxChild(chain.dataDir, killAt, undefined, { concurrency: 1 });

/** Where a source's bytes are now, outside the library. */
function whereIs(scanDir: string, sha: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (sha256Of(readFileSync(path)) === sha) found.push(path.slice(scanDir.length + 1));
    }
  };
  walk(scanDir);
  return found;
}

function invariants({ dataDir, scanDir, sources }: Chain, label: string) {
  const db = new Database(join(dataDir, 'zhicheng.sqlite'), { readonly: true });
  try {
    const docs = db.prepare('SELECT * FROM documents').all() as Array<{
      id: number;
      sha256: string;
      status: string;
      original_id: number | null;
      employee_id: number | null;
      material_type: string;
    }>;
    const files = db.prepare('SELECT * FROM inbox_files').all() as Array<{
      id: number;
      rel_path: string;
      state: string;
    }>;
    // One journal row per dropped file, never two.
    expect(files.length, label).toBeLessThanOrEqual(sources.size);
    expect(new Set(files.map((f) => f.rel_path)).size, label).toBe(files.length);
    // At most one filed document per file, and one original.
    const active = docs.filter((d) => d.status === 'active');
    expect(new Set(active.map((d) => `${d.employee_id}|${d.material_type}`)).size, label).toBe(active.length);
    expect(docs.filter((d) => d.status === 'superseded').length, label).toBeLessThanOrEqual(sources.size);
    for (const [name, sha] of sources) {
      const places = whereIs(scanDir, sha);
      // Never lost, never copied twice into the scan folder: exactly one place.
      expect(places, `${label}: ${name}`).toHaveLength(1);
      // Released only after its document was committed.
      if (places[0]!.startsWith('已处理')) {
        const original = docs.find((d) => d.sha256 === sha && d.status === 'superseded');
        expect(original, `${label}: ${name} released before its original row`).toBeDefined();
        expect(
          active.some((d) => d.original_id === original!.id),
          `${label}: ${name} released before filing`,
        ).toBe(true);
      }
    }
  } finally {
    db.close();
  }
}

const chains: Chain[] = [];

async function newChain(): Promise<Chain> {
  const ws = await openTestWorkspace();
  const scanDir = tempDir('zhicheng-crash-scan-');
  const { person } = await ws.call('people.save', {
    name: '陈静怡',
    idNumber: makeIdNumber('320102', '1990-05-06', 7),
    workStartedOn: '2012-07-01',
    category: '企业',
  });
  ws.app.database.sqlite
    .prepare('INSERT INTO watched_folders (path, stable_seconds, after_filing) VALUES (?, 0, ?)')
    .run(scanDir, 'move');
  ws.app.close();
  const photo = await sharp(await scanPageJpeg(9, 60, 90))
    .jpeg({ quality: 90 })
    .toBuffer();
  const pdf = await smallPdf('pledge');
  const sources = new Map<string, string>();
  for (const [name, bytes] of [
    [`${person.idNumber}_学位证书.jpg`, photo],
    ['陈静怡_诚信承诺书.pdf', pdf],
  ] as const) {
    writeFileSync(join(scanDir, name), bytes);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(join(scanDir, name), old, old);
    sources.set(name, sha256Of(bytes));
  }
  const chain = { dataDir: ws.dir, scanDir, sources };
  chains.push(chain);
  return chain;
}

/** Kills at each of `points` in turn (each run resumes the last), then runs to the end. */
async function crashChain(points: readonly string[]): Promise<{ chain: Chain; killedAt: string[]; final: string }> {
  const chain = await newChain();
  const killedAt: string[] = [];
  for (const point of points) {
    const result = await child(chain, point);
    if (result.killed) killedAt.push(point);
    invariants(chain, `after kill at ${point}`);
  }
  const final = await child(chain, 'none');
  expect(final.killed).toBe(false);
  return { chain, killedAt, final: final.stdout };
}

afterAll(() => {
  for (const chain of chains) {
    rmSync(chain.dataDir, { recursive: true, force: true });
    rmSync(chain.scanDir, { recursive: true, force: true });
  }
});

function expectFiledExactlyOnce(chain: Chain, stdout: string) {
  const { dataDir, scanDir, sources } = chain;
  const outcomes = JSON.parse(stdout) as Array<{ path: string; state: string; documentId: number }>;
  expect(outcomes.every((o) => o.state === 'released')).toBe(true);
  invariants(chain, 'at the end');
  const db = new Database(join(dataDir, 'zhicheng.sqlite'), { readonly: true });
  try {
    const docs = db.prepare('SELECT * FROM documents ORDER BY id').all() as Array<{
      id: number;
      sha256: string;
      status: string;
      original_id: number | null;
      stored_path: string;
    }>;
    const active = docs.filter((d) => d.status === 'active');
    expect(active).toHaveLength(2);
    expect(docs).toHaveLength(4);
    for (const [, sha] of sources) {
      const original = docs.find((d) => d.sha256 === sha && d.status === 'superseded')!;
      // The original in the library is the source, byte for byte.
      expect(sha256Of(readFileSync(join(dataDir, 'library', original.stored_path)))).toBe(sha);
      expect(active.filter((d) => d.original_id === original.id)).toHaveLength(1);
    }
    const files = db.prepare('SELECT state, count(*) AS n FROM inbox_files GROUP BY state').all();
    expect(files).toEqual([{ state: 'released', n: 2 }]);
    // Each file reached 'filed' once in the log, however many processes it took.
    const filed = db
      .prepare("SELECT file_id, count(*) AS n FROM inbox_events WHERE state = 'filed' GROUP BY file_id")
      .all() as Array<{ n: number }>;
    expect(filed.map((f) => f.n)).toEqual([1, 1]);
  } finally {
    db.close();
  }
  expect(readdirSync(join(scanDir, '.zhicheng', 'claimed'))).toEqual([]);
  expect(readdirSync(join(scanDir, '已处理')).sort()).toEqual([...sources.keys()].sort());
  expect(readdirSync(join(dataDir, 'inbox-work'))).toEqual([]);
  // The fault suite's common check: database intact, every file whole, no temp file left.
  const state = inspectWorkspace(dataDir);
  expect(state.integrity).toBe('ok');
  expect(state.documents.filter((d) => !d.fileOk)).toEqual([]);
  expect(state.temps).toEqual([]);
}

describe('kill -9 at each state', () => {
  it('resumes after every kill and files each file exactly once, with nothing lost', async () => {
    // Two workspaces side by side (two cores): the first half of the points in one, the second in the other.
    const half = Math.ceil(KILL_POINTS.length / 2);
    const results = await Promise.all([crashChain(KILL_POINTS.slice(0, half)), crashChain(KILL_POINTS.slice(half))]);
    // Every point was reached (and killed) once: the first file went through all of them.
    expect(results.flatMap((r) => r.killedAt)).toEqual(KILL_POINTS);
    for (const { chain, final } of results) expectFiledExactlyOnce(chain, final);
  }, 120_000);
});

describe('a file that brings the process down in the engine', () => {
  it('is quarantined with the reason at the next start after the second time; the other file is filed', async () => {
    const chain = await newChain();
    // Each run counts its engine runs in the journal before starting them: both kills hit the PDF's.
    for (const run of [1, 2]) {
      const result = await child(chain, 'engine:started');
      expect(result.killed, `run ${run}`).toBe(true);
      invariants(chain, `after engine kill ${run}`);
    }
    const final = await child(chain, 'none');
    const outcomes = JSON.parse(final.stdout) as Array<{ path: string; state: string; message: string | null }>;
    const crashed = outcomes.filter((o) => o.state === 'quarantined');
    expect(crashed).toHaveLength(1);
    expect(crashed[0]!.path).toContain('陈静怡_诚信承诺书.pdf');
    expect(crashed[0]!.message).toContain('PDF 引擎已 2 次异常退出');
    expect(outcomes.filter((o) => o.state === 'released')).toHaveLength(1);
    invariants(chain, 'at the end');
  });
});
