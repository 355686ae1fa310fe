/** The data layer: open a workspace database and get its repositories. */
import type { Db } from './open';
import { createAuditRepo } from './repos/audit';
import { createBatchesRepo } from './repos/batches';
import { createDocumentsRepo } from './repos/documents';
import { createDocumentTextRepo } from './repos/documentText';
import { createEligibilityRepo } from './repos/eligibility';
import { createPeopleRepo } from './repos/people';
import { createRecordsRepo } from './repos/records';
import { createSettingsRepo } from './repos/settings';
import { createSuggestionsRepo } from './repos/suggestions';
import { createUnitsRepo } from './repos/units';

export {
  openDatabase,
  DatabaseCorruptError,
  DEFAULT_MIGRATIONS,
  NEWER_SCHEMA,
  type Db,
  type OpenedDatabase,
} from './open';
export * from './backupFile';
export { restoreInto } from './restoreInto';
/** The raw connection, for the few services that work on the database file as a whole. */
export type SqliteConnection = import('./open').OpenedDatabase['sqlite'];
export type { PeopleFilter, PersonRecord } from './repos/people';
export type { UnitFields } from './repos/units';
export type { EligibilitySubject } from './repos/eligibility';
export type { DocumentRow, NewDocument } from './repos/documents';
export type { TextHit, TextSearch } from './repos/documentText';
export type { SuggestionRow, SuggestionFilter, SuggestionStatus } from './repos/suggestions';
export type { BatchFields, BatchRow, DeclarationListRow, DeclarationRow } from './repos/batches';

export function createRepos(db: Db, actor: string) {
  return {
    units: createUnitsRepo(db),
    people: createPeopleRepo(db),
    records: createRecordsRepo(db),
    audit: createAuditRepo(db, actor),
    settings: createSettingsRepo(db),
    documents: createDocumentsRepo(db),
    documentText: createDocumentTextRepo(db),
    suggestions: createSuggestionsRepo(db),
    batches: createBatchesRepo(db),
    eligibility: createEligibilityRepo(db),
    /** Runs `work` in one transaction: all of it is written, or none. */
    transaction<T>(work: () => T): T {
      return db.$client.transaction(work)();
    },
  };
}
export type Repos = ReturnType<typeof createRepos>;
