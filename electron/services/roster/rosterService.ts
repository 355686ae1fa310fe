/**
 * The roster: its import (a ledger import, see records/importService), its template and its export.
 */
import { AppError } from '../../../shared/api/errors';
import type { ImportReport } from '../../../shared/roster/report';
import type { PeopleFilter, Repos } from '../../../db';
import type { Job } from '../jobs/jobs';
import type { ImportService, SheetFile } from '../records/importService';
import { rosterExport, rosterTemplate } from './rosterWorkbook';

export type RosterFile = SheetFile;

export interface ImportOptions {
  validOnly?: boolean;
  /** Compute the report without writing anything. */
  dryRun?: boolean;
  job?: Job;
}

export function createRosterService(repos: Repos, imports: ImportService) {
  return {
    /** A roster is a ledger: its people, and the education and title columns it may have. */
    import(file: RosterFile, options: ImportOptions = {}): Promise<ImportReport> {
      return imports.import(file, { ...options, kind: 'ledger' });
    },

    template: rosterTemplate,

    async export(filter: PeopleFilter): Promise<Uint8Array> {
      const rows = repos.people.list(filter);
      const all = repos.people.allByIdNumber();
      return rosterExport(
        rows.map((row) => {
          const person = all.get(row.idNumber);
          if (!person) throw new AppError('CONFLICT', '导出时人员名单发生了变化，请重试');
          return {
            name: person.name,
            idNumber: person.idNumber,
            gender: person.gender,
            birthDate: person.birthDate,
            unit: row.unitName,
            employeeNo: person.employeeNo,
            department: person.department,
            position: person.position,
            phone: person.phone,
            hiredOn: person.hiredOn,
            workStartedOn: person.workStartedOn,
            category: person.category,
            specialty: person.specialty,
            politicalStatus: person.politicalStatus,
            email: person.email,
            notes: person.notes,
          };
        }),
      );
    },
  };
}
export type RosterService = ReturnType<typeof createRosterService>;
