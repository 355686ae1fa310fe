/**
 * Restoring a backup into the open connection. Every host holds the same App (and the services
 * hold the same drizzle handle) for its whole life, so rather than swap files under them, the
 * backup's rows replace the live rows in one transaction: the connection, its exclusive lock
 * and every reference to it stay valid, and a failure rolls back to exactly what was there.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../shared/api/errors';

const SEQUENCE = 'sqlite_sequence';
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Each table's columns. A virtual (FTS5) table is copied through itself with its rowid, which
 * keys it to its owner; its shadow tables (`<name>_data`, `_idx`, …) are its own business.
 */
function tablesOf(sqlite: Database.Database, schema: string): Map<string, string[]> {
  const rows = sqlite
    .prepare(
      `SELECT name, sql FROM ${schema}.sqlite_master WHERE type = 'table' AND name <> 'sqlite_stat1' ORDER BY name`,
    )
    .all() as Array<{ name: string; sql: string | null }>;
  const virtual = rows.filter((r) => /^CREATE VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name);
  const tables = new Map<string, string[]>();
  for (const { name } of rows) {
    if (virtual.some((v) => name.startsWith(`${v}_`))) continue;
    const columns = sqlite.prepare(`PRAGMA ${schema}.table_info(${quote(name)})`).all() as Array<{ name: string }>;
    tables.set(name, [...(virtual.includes(name) ? ['rowid'] : []), ...columns.map((c) => c.name)]);
  }
  return tables;
}

/** Replaces every row of the live database with the rows of `file` (same schema version). */
export function restoreInto(sqlite: Database.Database, file: string): void {
  sqlite.prepare('ATTACH DATABASE ? AS restored').run(file);
  try {
    const live = tablesOf(sqlite, 'main');
    const source = tablesOf(sqlite, 'restored');
    for (const [name, columns] of live) {
      const theirs = source.get(name);
      if (name !== SEQUENCE && (!theirs || theirs.join() !== columns.join()))
        throw new AppError('REFUSED', `备份的数据表「${name}」与本程序的不一致，无法恢复`);
    }
    // Foreign keys are checked once, on the whole result, instead of cascading row by row.
    sqlite.pragma('foreign_keys = OFF');
    try {
      sqlite.transaction(() => {
        // sqlite_sequence last: inserting into an AUTOINCREMENT table writes its own entry there.
        const order = [...live.keys()].sort((a, b) => Number(a === SEQUENCE) - Number(b === SEQUENCE));
        for (const name of order) sqlite.exec(`DELETE FROM main.${quote(name)}`);
        for (const name of order) {
          if (!source.has(name)) continue;
          if (name === SEQUENCE) sqlite.exec(`DELETE FROM main.${SEQUENCE}`);
          const list = live.get(name)!.map(quote).join(', ');
          sqlite.exec(`INSERT INTO main.${quote(name)} (${list}) SELECT ${list} FROM restored.${quote(name)}`);
        }
        const broken = sqlite.pragma('main.foreign_key_check') as unknown[];
        if (broken.length > 0) throw new AppError('REFUSED', `备份中有 ${broken.length} 处数据引用不完整，未恢复`);
      })();
    } finally {
      sqlite.pragma('foreign_keys = ON');
    }
  } finally {
    sqlite.exec('DETACH DATABASE restored');
  }
}
