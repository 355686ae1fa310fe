/**
 * Backups of a workspace with 10,000 people and 20,000 documents: the online backup (with its
 * verification), beside sqlite3's own `.backup` and a plain copy of the closed file; the
 * integrity check (every file hashed); and a workspace export and import.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { inspectDatabaseFile, writeBackup } from '../db';
import { exportWorkspace, importWorkspace } from '../electron/services/backup/archive';
import { checkIntegrity } from '../electron/services/backup/integrity';
import { sha256Of } from '../electron/services/library/library';
import { openApp } from '../electron/services/compose';
import { generatePeople } from '../tests/support/people';
import { smallPdf } from '../tests/support/documents';
import { report } from './support';

const PEOPLE = 10_000;
const DOCUMENTS = 20_000;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function time<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

export async function benchBackup(): Promise<void> {
  console.log(`\n— backup: ${PEOPLE} people, ${DOCUMENTS} documents —`);
  const dir = mkdtempSync(join(tmpdir(), 'zhicheng-bench-backup-'));
  try {
    const app = await openApp({ dataDir: join(dir, 'ws'), startup: { integrityCheck: false, dailyBackup: false } });
    const { sqlite } = app.database;
    const template = await smallPdf('bench document');
    const insertPerson = sqlite.prepare(
      "INSERT INTO employees (name, id_number, gender, birth_date, phone, department) VALUES (?, ?, '男', '1980-01-01', ?, ?)",
    );
    const insertDocument = sqlite.prepare(
      "INSERT INTO documents (employee_id, material_type, file_name, stored_path, sha256, bytes, mime, source) VALUES (?, ?, ?, ?, ?, ?, 'application/pdf', '导入')",
    );
    sqlite.transaction(() => {
      generatePeople(PEOPLE, 3).forEach((p, i) => {
        insertPerson.run(p.name, p.idNumber, p.phone, p.department);
        for (const [k, type] of ['学历证书', '年度考核'].entries()) {
          // Each document distinct: the template with its own trailing comment is still a valid PDF.
          const bytes = Buffer.concat([Buffer.from(template), Buffer.from(`\n%doc ${i}-${k}\n`)]);
          const sha = sha256Of(bytes);
          const stored = app.services.library.pathFor(sha, '.pdf');
          const file = join(app.paths.libraryDir, stored);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, bytes);
          insertDocument.run(i + 1, type, `${type}.pdf`, stored, sha, bytes.length);
        }
      });
    })();
    sqlite.pragma('wal_checkpoint(TRUNCATE)');

    const [backup, backupMs] = await time(() => writeBackup(sqlite, join(dir, 'backups'), 'manual'));
    const [, verifyMs] = await time(() => inspectDatabaseFile(backup.file));
    const [report1, integrityMs] = await time(() => checkIntegrity({ sqlite, libraryDir: app.paths.libraryDir }));
    const out = join(dir, 'moved.zip');
    const [exported, exportMs] = await time(() =>
      exportWorkspace({
        sqlite,
        libraryDir: app.paths.libraryDir,
        out,
        appVersion: 'bench',
        migrationsFolder: app.database.migrationsFolder,
      }),
    );
    app.close();

    const [, copyMs] = await time(() => copyFileSync(app.paths.dbFile, join(dir, 'plain-copy.sqlite')));
    let sqlite3Ms: number | null = null;
    if (existsSync('/usr/bin/sqlite3')) {
      [, sqlite3Ms] = await time(() =>
        execFileSync('/usr/bin/sqlite3', [app.paths.dbFile, `.backup '${join(dir, 'sqlite3-backup.sqlite')}'`]),
      );
    }
    const [, importMs] = await time(() => importWorkspace(out, join(dir, 'imported'), app.database.migrationsFolder));

    const dbBytes = statSync(app.paths.dbFile).size;
    console.log(
      `database ${mb(dbBytes)}, backup ${mb(backup.bytes)} (verified: ${backup.verified}), library ${DOCUMENTS} files`,
    );
    report('online backup + verify (writeBackup)', backupMs, 'plain copy of the closed file', copyMs);
    if (sqlite3Ms !== null)
      report('online backup + verify (writeBackup)', backupMs, "sqlite3 CLI '.backup'", sqlite3Ms);
    report('integrity_check of the backup alone', verifyMs, 'plain copy of the closed file', copyMs);
    report(`integrity check (${report1.documents} files hashed)`, integrityMs, 'plain copy of the closed file', copyMs);
    console.log(
      `export ${mb(exported.bytes)} in ${exportMs.toFixed(0)} ms; import (all hashes verified) in ${importMs.toFixed(0)} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchBackup();
