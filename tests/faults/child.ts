/**
 * The app as its own process, for the fault tests: opens a workspace the way every host does
 * (openApp), does one piece of work through the API and prints its answer as one JSON line.
 *
 *   node --import tsx tests/faults/child.ts <work> <dataDir> '<json args>'
 *
 * Faults come from outside (a kill, a file-size limit, a read-only folder, another process), or
 * from `args.killAfter`: {table, rows} SIGKILLs the process as the n-th row goes into the table,
 * inside the write's transaction (a temp trigger calls a function: SQLite's own hook, no mocks);
 * {kitFiles} SIGKILLs it once that many files have been copied into kits (mid-kit).
 */
import { readFileSync } from 'node:fs';
import fsPromises from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';
import { openApp, type App } from '../../electron/services/compose';
import { openFailure } from '../../electron/services/library/diskErrors';

type Args = {
  file?: string;
  batchId?: number;
  holdMs?: number;
  killAfter?: { table: string; rows: number } | { kitFiles: number };
};

const [work, dataDir, json] = process.argv.slice(2);
const args = JSON.parse(json ?? '{}') as Args;
const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

function killAfterRows(app: App, table: string, rows: number): void {
  let seen = 0;
  app.database.sqlite.function('fault_row', () => {
    if (++seen === rows) process.kill(process.pid, 'SIGKILL');
    return 0;
  });
  app.database.sqlite.exec(
    `CREATE TEMP TRIGGER fault_kill AFTER INSERT ON main.${table} BEGIN SELECT fault_row(); END`,
  );
}

/**
 * Kills the process once `files` files have been copied into kits: inside a kit, between its
 * copies. fs/promises is wrapped in this process only, and the wrapper calls the real copy.
 */
function killInsideKit(files: number): void {
  const copy = fsPromises.copyFile;
  let copied = 0;
  fsPromises.copyFile = async (...args: Parameters<typeof copy>) => {
    await copy(...args);
    if (++copied === files) process.kill(process.pid, 'SIGKILL');
  };
  syncBuiltinESMExports();
}

let app: App;
try {
  app = await openApp({ dataDir: dataDir!, actor: 'fault-test' });
} catch (error) {
  // What a host shows when the workspace cannot be opened (see electron/main/index.ts).
  print({ ok: false, opened: false, message: (openFailure(error, dataDir!) ?? (error as Error)).message });
  process.exit(3);
}

if (args.killAfter && 'table' in args.killAfter) killAfterRows(app, args.killAfter.table, args.killAfter.rows);

const answer = await (async () => {
  switch (work) {
    case 'open': {
      print({ ok: true, opened: true });
      await new Promise((done) => setTimeout(done, args.holdMs ?? 0));
      // What the app tells the user at start-up about work a kill cut short.
      const told = await app.invoke('jobs.interrupted', {});
      return { ok: true, interrupted: told.ok ? (told.value as Array<{ label: string }>).map((j) => j.label) : told };
    }
    case 'roster':
      return app.invoke('roster.import', {
        fileName: basename(args.file!),
        base64: readFileSync(args.file!).toString('base64'),
      });
    case 'letters':
      return app.invoke('letters.generate', {
        template: 'consent',
        batchId: args.batchId!,
        date: '2026-11-23',
        merged: false,
      });
    case 'document':
      return app.invoke('documents.add', {
        employeeId: 1,
        materialType: '其他材料',
        files: [{ fileName: basename(args.file!), base64: readFileSync(args.file!).toString('base64') }],
      });
    case 'kits':
      if (args.killAfter && 'kitFiles' in args.killAfter) killInsideKit(args.killAfter.kitFiles);
      return app.invoke('kits.export', { batchId: args.batchId!, zip: true });
    default:
      throw new Error(`unknown work ${work}`);
  }
})();
print(answer);
app.close();
// A watcher or a worker would keep the process alive: the answer is out, so end here.
process.exit(0);
