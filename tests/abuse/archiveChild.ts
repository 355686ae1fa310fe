/**
 * A workspace export or import as its own process, SIGKILLed at its n-th write, for
 * killedArchive.test.ts:
 *
 *   node --import tsx tests/abuse/archiveChild.ts export <dataDir> <folder> <n>
 *   node --import tsx tests/abuse/archiveChild.ts import <archive> <target> <n>
 *
 * fs.writeSync is wrapped in this process only; the wrapper calls the real one.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { DEFAULT_MIGRATIONS } from '../../db';
import { importWorkspace } from '../../electron/services/backup/archive';
import { openApp } from '../../electron/services/compose';

const [work, from, to, n] = process.argv.slice(2);
const realWrite = fs.writeSync;
let writes = 0;
fs.writeSync = ((...args: Parameters<typeof realWrite>) => {
  const written = realWrite(...args);
  if (++writes === Number(n)) process.kill(process.pid, 'SIGKILL');
  return written;
}) as typeof realWrite;
syncBuiltinESMExports();

if (work === 'export') {
  const app = await openApp({ dataDir: from!, actor: 'test', startup: { dailyBackup: false, integrityCheck: false } });
  const answer = await app.invoke('workspace.export', { folder: to });
  process.stdout.write(`${JSON.stringify(answer)}\n`);
  app.close();
} else {
  process.stdout.write(`${JSON.stringify(await importWorkspace(from!, to!, DEFAULT_MIGRATIONS))}\n`);
}
