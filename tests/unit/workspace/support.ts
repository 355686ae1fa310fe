/** A workspace with people, a batch and real PDF documents in its library, and ways to compare two. */
import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePeople } from '../../support/people';
import { smallPdf } from '../../support/documents';
import type { TestWorkspace } from '../../support/workspace';

export async function seed(ws: TestWorkspace, people = 3, prefix = '') {
  const saved = [];
  for (const person of generatePeople(people, 7 + (prefix.codePointAt(0) ?? 0))) {
    const detail = (await ws.call('people.save', { name: `${prefix}${person.name}`, idNumber: person.idNumber }))
      .person;
    saved.push(detail);
    for (const [i, type] of ['学历证书', '年度考核'].entries()) {
      ws.app.services.library.store(await smallPdf(`${prefix}${person.idNumber}-${i}`), {
        employeeId: detail.id,
        materialType: type,
        fileName: `${type}.pdf`,
        mime: 'application/pdf',
        source: '导入',
      });
    }
  }
  await ws.call('batches.save', { name: `${prefix}2025年职称评审`, type: '评审' });
  return saved;
}

/** Every user table's rows, in key order: equal dumps mean equal database contents. */
export function dump(sqlite: Database.Database): Record<string, unknown[]> {
  // FTS5's shadow tables (document_text_data, …) are dumped through their virtual table.
  const tables = sqlite
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_stat%' AND name NOT LIKE 'document\\_text\\_%' ESCAPE '\\' ORDER BY name",
    )
    .all() as Array<{ name: string }>;
  return Object.fromEntries(
    tables.map(({ name }) => [name, sqlite.prepare(`SELECT rowid AS _rowid, * FROM "${name}" ORDER BY rowid`).all()]),
  );
}

/** Each document's bytes as the library holds them, by document id. */
export function documentBytes(sqlite: Database.Database, libraryDir: string): Map<number, Buffer> {
  const rows = sqlite.prepare('SELECT id, stored_path AS p FROM documents ORDER BY id').all() as Array<{
    id: number;
    p: string;
  }>;
  return new Map(rows.map((r) => [r.id, readFileSync(join(libraryDir, r.p))]));
}
