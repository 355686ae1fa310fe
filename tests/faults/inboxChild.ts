/**
 * The pipeline as its own process, for the kill -9 tests: opens the workspace, runs every watched
 * folder once, and kills itself with SIGKILL the first time the pipeline reaches one of the
 * comma-separated points `killAt` (a state just committed, or a point between a step's work and
 * its commit), writing that point to <dataDir>/killed-at first: files move on two at a time, so
 * which point comes first is not fixed. Prints the outcomes as JSON when it gets to the end.
 *
 * With an action ({"op": "assign" | "discard" | "retry", "name", …}) it first does what the user
 * would in the review queue to the file of that name, if the file still waits for it.
 *
 *   node --import tsx tests/faults/inboxChild.ts <dataDir> <killAt|none> [action]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRepos, openDatabase } from '../../db';
import { createInboxRepo } from '../../db/repos/inbox';
import { createInbox, type AssignInput } from '../../electron/services/inbox/pipeline';
import { createLibrary } from '../../electron/services/library/library';
import { createPdfEngine } from '../../electron/services/pdf/engine';

const [dataDir, killAt, actionJson] = process.argv.slice(2);
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
  concurrency: Number(process.env.INBOX_CONCURRENCY ?? 2),
  retry: { delaysMs: [20], jitter: 0 },
  probe: (point) => {
    if (!killAt.split(',').includes(point)) return;
    writeFileSync(join(dataDir, 'killed-at'), point);
    process.kill(process.pid, 'SIGKILL');
  },
});
if (actionJson) {
  const action = JSON.parse(actionJson) as { op: 'assign' | 'discard' | 'retry'; name: string } & AssignInput;
  const queue = action.op === 'retry' ? 'quarantine' : action.op === 'discard' ? 'duplicate' : 'review';
  const row = inbox.list(queue).find((f) => f.path.endsWith(action.name));
  if (row && action.op === 'assign') await inbox.assign(row.id, action);
  if (row && action.op === 'discard') await inbox.discard(row.id);
  if (row && action.op === 'retry') await inbox.retry(row.id);
}
const files = await inbox.runOnce({ maxWaitMs: 5000 });
process.stdout.write(`${JSON.stringify(files)}\n`);
await engine.close();
database.close();
