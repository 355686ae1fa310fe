/**
 * A journal is data from a workspace that may have been imported from elsewhere: the paths in it
 * are only ever acted on inside the watched folder they belong to.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPdfEngine, type PdfEngine } from '../../../electron/services/pdf/engine';
import { tempDir } from '../../support/workspace';
import { inboxWorld, type InboxWorld } from './support';

let engine: PdfEngine;
let world: InboxWorld | null = null;
beforeAll(() => {
  engine = createPdfEngine({ maxJobs: 1 });
});
afterAll(() => engine.close());
afterEach(() => {
  world?.cleanup();
  world = null;
});

function victim(): string {
  const path = join(tempDir('zhicheng-victim-'), 'secret.txt');
  writeFileSync(path, '机密');
  return path;
}

describe('a planted journal row', () => {
  it('never deletes a file outside the watched folder when its purge time comes', async () => {
    world = await inboxWorld(engine);
    const target = victim();
    const folderId = world.inbox.repo.folders()[0]!.id;
    world.ws.app.database.sqlite
      .prepare(
        `INSERT INTO inbox_files (folder_id, job_id, rel_path, source_name, size, mtime_ms, same_since, state,
           release_target, released_at, purge_at) VALUES (?, 'planted', 'x.pdf', 'x.pdf', 1, 0, 0, 'released', ?, 1, 1)`,
      )
      .run(folderId, target);
    await world.inbox.pipeline.scanAll();
    expect(existsSync(target)).toBe(true);
    const row = world.inbox.repo.byPath(folderId, 'x.pdf')[0]!;
    expect(row.purged).toBe(true);
    expect(world.inbox.repo.events(row.id).map((e) => e.detail)).toContain('待删除的文件不在监视文件夹内，未删除');
  });

  it('never moves a file from outside the watched folder when it is released', async () => {
    world = await inboxWorld(engine);
    const claimed = victim();
    const folderId = world.inbox.repo.folders()[0]!.id;
    world.ws.app.database.sqlite
      .prepare(
        `INSERT INTO inbox_files (folder_id, job_id, rel_path, source_name, size, mtime_ms, same_since, state,
           claimed_path) VALUES (?, 'planted', 'y.pdf', 'y.pdf', 1, 0, 0, 'filed', ?)`,
      )
      .run(folderId, claimed);
    await world.inbox.pipeline.processReady();
    expect(existsSync(claimed)).toBe(true);
    const row = world.inbox.repo.byPath(folderId, 'y.pdf')[0]!;
    expect(row.state).toBe('quarantined');
    expect(row.lastError).toBe('记录中的源文件位置不在监视文件夹内，未移动它');
  });
});
