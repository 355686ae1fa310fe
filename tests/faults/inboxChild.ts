/**
 * The pipeline as its own process, for the kill -9 tests: opens the workspace, runs every watched
 * folder once, and kills itself with SIGKILL the first time the pipeline reaches `killAt` (a
 * state just committed, or a point between a step's work and its commit). Prints the outcomes
 * as JSON when it gets to the end.
 *
 *   node --import tsx tests/faults/inboxChild.ts <dataDir> <killAt|none>
 */
import { join } from 'node:path';
import { createRepos, openDatabase } from '../../db';
import { createInboxRepo } from '../../db/repos/inbox';
import { createInbox } from '../../electron/services/inbox/pipeline';
import { createLibrary } from '../../electron/services/library/library';
import { createPdfEngine } from '../../electron/services/pdf/engine';

const [dataDir, killAt] = process.argv.slice(2);
if (!dataDir || !killAt) throw new Error('usage: crashChild.ts <dataDir> <killAt|none>');

const database = await openDatabase({ file: join(dataDir, 'zhicheng.sqlite'), backupDir: join(dataDir, 'backups') });
const repos = createRepos(database.db, 'crash-test');
const engine = createPdfEngine({ maxJobs: 1 });
// The pipeline alone (not the watcher, cover sheets or fonts): each kill costs a process start.
const inbox = createInbox({
  repos,
  inboxRepo: createInboxRepo(database.db),
  library: createLibrary(join(dataDir, 'library'), repos),
  engine,
  workDir: join(dataDir, 'inbox-work'),
  recheckMs: 10,
  retry: { delaysMs: [20], jitter: 0 },
  probe: (point) => {
    if (point === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
const files = await inbox.runOnce({ maxWaitMs: 5000 });
process.stdout.write(`${JSON.stringify(files)}\n`);
await engine.close();
database.close();
