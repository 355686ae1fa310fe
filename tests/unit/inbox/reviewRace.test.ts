/**
 * A large multi-page scan assigned in 待确认 while the watcher's own pass runs: the two must not
 * both drive the file. Before, the pass and the assignment each converted and compressed it; one
 * filed it and cleared the work folder, and the other, left at 「已压缩」 with the document already
 * made, went back to 「已转换」 (压缩结果丢失，重新压缩) and recompressed it forever.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createPdfEngine, type PdfEngine } from '../../../electron/services/pdf/engine';
import { inboxWorld, scanPageJpeg, scannedPdf, type InboxWorld } from './support';

let engine: PdfEngine;
let world: InboxWorld | undefined;
beforeAll(() => {
  engine = createPdfEngine({ maxJobs: 2 });
});
afterAll(() => engine.close());
afterEach(() => world?.cleanup());

it('a scan assigned in review is filed once, with no further journal entries, while the watcher runs', async () => {
  let watcherPass: Promise<number[]> | null = null;
  let assigned = -1;
  world = await inboxWorld(engine, {
    // The watcher's pass starts the moment the assigned file has been converted, as a timer would.
    probe: (point, row) => {
      if (point === 'state:converted' && row.id === assigned && !watcherPass)
        watcherPass = world!.inbox.pipeline.processReady();
    },
  });
  const person = await world.addPerson('陈静', 41);
  const pages = await Promise.all([1, 2, 3, 4, 5, 6].map((seed) => scanPageJpeg(seed, 200, 95)));
  world.drop('IMG_20261206_101500.pdf', await scannedPdf(pages));
  const [file] = await world.inbox.pipeline.runOnce();
  expect(file).toMatchObject({ state: 'needs_review' });

  assigned = file!.id;
  const done = await world.inbox.pipeline.assign(file!.id, { employeeId: person.id, materialType: '工作业绩' });
  await watcherPass;
  // Whatever the watcher does next finds nothing left to do.
  await world.inbox.pipeline.processReady();
  await world.inbox.pipeline.processReady();

  const row = world.inbox.pipeline.detail(file!.id);
  expect([done.state, row.state]).toEqual(['released', 'released']);
  const documents = world.ws.app.services.repos.documents.forPerson(person.id);
  expect(documents.map((d) => d.materialType)).toEqual(['工作业绩']);
  const states = row.events.map((e) => e.state);
  expect(states.slice(states.indexOf('filed'))).toEqual(['filed', 'released']);
  expect(row.events.filter((e) => e.state === 'compressed')).toHaveLength(1);
}, 240_000);

it('a file whose work keeps vanishing ends in quarantine with the reason, not in a loop', async () => {
  const { nodeFs } = await import('../../../electron/services/inbox/fsOps');
  // The compressed result can never be read back (a cleaner deletes it, a disk drops it).
  const losingFs = {
    ...nodeFs,
    readFile: async (path: string) => {
      if (path.endsWith('compressed.pdf')) throw Object.assign(new Error('gone'), { code: 'ENOENT' });
      return nodeFs.readFile(path);
    },
  };
  world = await inboxWorld(engine, { fs: losingFs });
  await world.addPerson('黄海涛', 43);
  world.drop('黄海涛_工作业绩.pdf', await scannedPdf([await scanPageJpeg(7, 100, 85)]));
  const [file] = await world.inbox.pipeline.runOnce();
  expect(file).toMatchObject({ state: 'quarantined', message: expect.stringContaining('压缩结果丢失') });
  expect(file!.message).toContain('已停止');
  const events = world.inbox.pipeline.detail(file!.id).events;
  expect(events.filter((e) => e.state === 'compressed')).toHaveLength(3);
  // Nothing more happens to it by itself.
  await world.inbox.pipeline.processReady();
  expect(world.inbox.pipeline.detail(file!.id).events).toHaveLength(events.length);
}, 120_000);
