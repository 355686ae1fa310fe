/**
 * Roster import and export. An import is all-or-nothing by default: a file with any error
 * changes nothing and lists every error; with `validOnly` the valid rows go in. Either way
 * the writes happen in one transaction, so a crash leaves the database as it was; a cancel
 * is honoured up to the moment that transaction starts.
 */
import { AppError } from '../../../shared/api/errors';
import { parseIdNumber } from '../../../shared/validation/idNumber';
import { describeChanges, planImport, type ImportPlan } from '../../../shared/roster/diff';
import { MAX_CHANGES_LISTED, type ImportReport } from '../../../shared/roster/report';
import { validateRoster } from '../../../shared/roster/validateRoster';
import type { PeopleFilter, PersonRecord, Repos } from '../../../db';
import type { EmitEvent } from '../events';
import type { Job } from '../jobs/jobs';
import { readSheet } from './readSheet';
import { rosterExport, rosterTemplate } from './rosterWorkbook';
import { diskFailure } from '../library/diskErrors';

export interface RosterFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  validOnly?: boolean;
  /** Compute the report without writing anything. */
  dryRun?: boolean;
  job?: Job;
}

const PROGRESS_EVERY = 500;

export function createRosterService(repos: Repos, emit: EmitEvent) {
  function write(plan: ImportPlan, job: Job | undefined): void {
    const total = plan.created.length + plan.updated.length;
    let done = 0;
    repos.transaction(() => {
      for (const entry of plan.created) {
        const id = parseIdNumber(entry.row.fields.idNumber);
        if (!id.ok) throw new Error('validated ID number failed to parse');
        repos.people.insert({ ...entry.row.fields, gender: id.value.gender, birthDate: id.value.birthDate });
        if (++done % PROGRESS_EVERY === 0) job?.progress('写入', done, total);
      }
      for (const entry of plan.updated) {
        repos.people.update(entry.existing!.id, entry.changed as Partial<PersonRecord>);
        if (++done % PROGRESS_EVERY === 0) job?.progress('写入', done, total);
      }
      repos.audit.record({
        action: '导入人员名单',
        entity: 'employees',
        detail: `新增${plan.created.length}人，更新${plan.updated.length}人，未变${plan.unchanged}人`,
      });
    });
    job?.progress('写入', total, total);
  }

  return {
    async import(file: RosterFile, options: ImportOptions = {}): Promise<ImportReport> {
      const { job } = options;
      job?.progress('读取文件', 0, 1);
      const sheet = await readSheet(file.bytes, file.fileName);
      await job?.checkpoint();
      job?.progress('校验', 0, 1);
      const units = repos.units.list();
      const validation = validateRoster(sheet, units, repos.units.defaultId());
      const plan = planImport(validation.valid, repos.people.allByIdNumber());
      job?.progress('校验', 1, 1);

      const unitNames = new Map(units.map((u) => [u.id, u.name]));
      const base = {
        totalRows: validation.totalRows,
        errors: validation.errors,
        changes: describeChanges(plan, (id) => (id === null ? null : (unitNames.get(id) ?? null)), MAX_CHANGES_LISTED),
        changesTruncated: plan.created.length + plan.updated.length > MAX_CHANGES_LISTED,
      };
      const hasErrors = validation.errors.length > 0;
      const refused = (hasErrors && !options.validOnly) || validation.valid.length === 0;
      if (refused) {
        return { ...base, ok: false, refused: true, dryRun: !!options.dryRun, created: 0, updated: 0, unchanged: 0 };
      }
      const counts = { created: plan.created.length, updated: plan.updated.length, unchanged: plan.unchanged };
      if (options.dryRun) return { ...base, ...counts, ok: !hasErrors, refused: false, dryRun: true };

      // The last moment to cancel: the write is one synchronous transaction.
      await job?.checkpoint();
      try {
        write(plan, job);
      } catch (error) {
        throw diskFailure(error, '导入名单', '名单中的人员一个也没有写入，已有数据不变') ?? error;
      }
      if (counts.created + counts.updated > 0) emit('people.changed', {});
      return { ...base, ...counts, ok: true, refused: false, dryRun: false };
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
