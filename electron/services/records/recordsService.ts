/** Records in bulk: the import of every sheet kind, and each kind's template and export. */
import type { RecordImportKind } from '../../../shared/records/columns';
import type { PeopleFilter, Repos } from '../../../db';
import type { ImportService } from './importService';
import { recordsExport, recordsTemplate } from './recordsWorkbook';

/** The order a person's records are listed in: by year, or by date. */
const ORDER_BY: Record<RecordImportKind, string> = {
  education: 'graduatedOn',
  title: 'obtainedOn',
  assessment: 'year',
  ce: 'year',
  work: 'startOn',
};

export function createRecordsService(repos: Repos, imports: ImportService) {
  return {
    import: imports.import,
    template: recordsTemplate,

    /** The records of a kind for the people a filter of the people list shows, in its order. */
    export(kind: RecordImportKind, filter: PeopleFilter): Promise<Uint8Array> {
      const order = new Map(repos.people.list(filter).map((row, i) => [row.id, i]));
      const key = ORDER_BY[kind];
      const records = repos.records
        .all(kind)
        .filter((r) => order.has(r.employeeId))
        .sort(
          (a, b) =>
            order.get(a.employeeId)! - order.get(b.employeeId)! ||
            String(a.fields[key] ?? '').localeCompare(String(b.fields[key] ?? '')) ||
            a.id - b.id,
        );
      return recordsExport(kind, records);
    },
  };
}
export type RecordsService = ReturnType<typeof createRecordsService>;
