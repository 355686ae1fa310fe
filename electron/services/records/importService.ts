/**
 * One import for every sheet HR keeps: a roster or 台账 (people, with their highest education and
 * current title) and the records lists (学历, 职称, 年度考核, 继续教育, 工作经历; long or wide).
 * All-or-nothing by default; every write happens in one transaction, so a crash leaves the
 * database as it was, and a cancel is honoured up to the moment that transaction starts.
 */
import { describeChanges, planImport, type ImportPlan } from '../../../shared/roster/diff';
import { MAX_CHANGES_LISTED, type ImportColumn, type ImportReport, type RowError } from '../../../shared/roster/report';
import { validateRoster, type Sheet } from '../../../shared/roster/validateRoster';
import { parseIdNumber } from '../../../shared/validation/idNumber';
import type { ImportKind, RecordImportKind } from '../../../shared/records/columns';
import {
  headerSignature,
  layoutSheet,
  mappingTargets,
  targetLabel,
  type ColumnMapping,
  type LaidOutColumn,
  type SheetLayout,
} from '../../../shared/records/layout';
import { ledgerRecords } from '../../../shared/records/ledger';
import { createNotices } from '../../../shared/records/notices';
import { indexPeople } from '../../../shared/records/people';
import {
  describeRecordChanges,
  planRecords,
  recordKey,
  type PlannedInput,
  type RecordsPlan,
  type StoredRecord,
} from '../../../shared/records/plan';
import { readRecords } from '../../../shared/records/readRecords';
import type { PersonRecord, Repos } from '../../../db';
import type { EmitEvent } from '../events';
import type { Job } from '../jobs/jobs';
import { diskFailure } from '../library/diskErrors';
import { workspacePack } from '../eligibility/eligibilityService';
import { readSheet } from '../roster/readSheet';

export interface SheetFile {
  fileName: string;
  bytes: Uint8Array;
}

export interface SheetImportOptions {
  /** Told from the headers when not given. */
  kind?: ImportKind;
  /** The user's column mapping; without it, the one remembered for the same headers. */
  mapping?: ColumnMapping;
  validOnly?: boolean;
  /** Compute the report without writing anything. */
  dryRun?: boolean;
  job?: Job;
}

const MAPPINGS_KEY = 'import.columnMappings';
const MAPPINGS_KEPT = 50;
const PROGRESS_EVERY = 500;

type Planned = PlannedInput & { employeeId: number | null };

export function createImportService(repos: Repos, emit: EmitEvent) {
  const remembered = () => (repos.settings.get(MAPPINGS_KEY) as Record<string, ColumnMapping> | undefined) ?? {};

  function layout(sheet: Sheet, options: SheetImportOptions): SheetLayout | { error: string } {
    const first = layoutSheet(sheet, { kind: options.kind, mapping: options.mapping });
    if (options.mapping || 'error' in first) return first;
    const mapping = remembered()[headerSignature(first.columns)];
    return mapping ? layoutSheet(sheet, { kind: options.kind, mapping }) : first;
  }

  function remember(columns: readonly LaidOutColumn[], mapping: ColumnMapping): void {
    const all = { ...remembered(), [headerSignature(columns)]: mapping };
    const kept = Object.entries(all).slice(-MAPPINGS_KEPT);
    repos.settings.set(MAPPINGS_KEY, Object.fromEntries(kept));
  }

  function storedRecords(kind: RecordImportKind): Map<string, StoredRecord> {
    return new Map(repos.records.all(kind).map((r) => [recordKey(kind, r.idNumber, r.fields), r]));
  }

  function writeRecords(plan: RecordsPlan<Planned>, employeeIdOf: (idNumber: string) => number, tick: () => void) {
    for (const entry of plan.created) {
      repos.records.insert(
        entry.input.kind,
        entry.input.employeeId ?? employeeIdOf(entry.input.idNumber),
        entry.input.fields,
      );
      tick();
    }
    for (const entry of plan.updated) {
      repos.records.update(entry.input.kind, entry.existing!.id, entry.changed);
      tick();
    }
  }

  function writePeople(plan: ImportPlan, tick: () => void): Map<string, number> {
    const ids = new Map<string, number>();
    for (const entry of plan.created) {
      const id = parseIdNumber(entry.row.fields.idNumber);
      if (!id.ok) throw new Error('validated ID number failed to parse');
      const newId = repos.people.insert({
        ...entry.row.fields,
        gender: id.value.gender,
        birthDate: id.value.birthDate,
      });
      ids.set(entry.row.fields.idNumber, newId);
      tick();
    }
    for (const entry of plan.updated) {
      repos.people.update(entry.existing!.id, entry.changed as Partial<PersonRecord>);
      tick();
    }
    return ids;
  }

  return {
    async import(file: SheetFile, options: SheetImportOptions = {}): Promise<ImportReport> {
      const { job } = options;
      job?.progress('读取文件', 0, 1);
      const sheet = await readSheet(file.bytes, file.fileName);
      await job?.checkpoint();
      job?.progress('校验', 0, 1);

      const laid = layout(sheet, options);
      const notices = createNotices(workspacePack(repos).series);
      const empty = {
        ok: false,
        refused: true,
        dryRun: !!options.dryRun,
        totalRows: 0,
        created: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        notices: [],
        changes: [],
        changesTruncated: false,
      };
      if ('error' in laid) {
        const kind = options.kind ?? 'ledger';
        return {
          ...empty,
          kind,
          shape: kind === 'ledger' ? 'ledger' : 'long',
          columns: [],
          mappingTargets: mappingTargets(kind),
          errors: [{ row: 0, column: '表头', message: laid.error }],
        };
      }
      const common = {
        kind: laid.kind,
        shape: laid.shape,
        columns: laid.columns.map((column) => describeColumn(column, laid.kind)),
        mappingTargets: mappingTargets(laid.kind),
      };

      let errors: RowError[];
      let totalRows: number;
      let skipped: number;
      let people: ImportPlan | null = null;
      let records: RecordsPlan<Planned>;
      if (laid.kind === 'ledger') {
        const units = repos.units.list();
        const validation = validateRoster(sheet, units, repos.units.defaultId(), laid);
        const qualifications = ledgerRecords(validation.valid, notices.context);
        const valid = validation.valid.filter((row) => !qualifications.badRows.has(row.row));
        const existingIds = repos.people.allByIdNumber();
        people = planImport(valid, existingIds);
        const stored = new Map([...storedRecords('education'), ...storedRecords('title')]);
        records = planRecords(
          qualifications.inputs
            .filter((input) => !qualifications.badRows.has(input.row))
            .map((input) => ({ ...input, employeeId: existingIds.get(input.idNumber)?.id ?? null })),
          stored,
        );
        errors = [...validation.errors, ...qualifications.errors, ...records.duplicates].sort((a, b) => a.row - b.row);
        totalRows = validation.totalRows;
        skipped = validation.skipped;
      } else {
        const kind = laid.kind;
        const index = indexPeople(
          [...repos.people.allByIdNumber().values()].map((p) => ({
            id: p.id,
            name: p.name,
            idNumber: p.idNumber,
            employeeNo: p.employeeNo,
          })),
        );
        const read = readRecords(sheet, { ...laid, kind }, index, notices.context);
        const inputs: Planned[] = read.candidates.map((c) => ({
          kind: c.kind,
          row: c.row,
          name: c.person.name,
          idNumber: c.person.idNumber,
          employeeId: c.person.id,
          fields: c.record.fields,
          present: c.record.present,
        }));
        const badRows = new Set(read.errors.map((e) => e.row));
        records = planRecords(
          inputs.filter((input) => !badRows.has(input.row)),
          storedRecords(kind),
        );
        errors = [...read.errors, ...records.duplicates].sort((a, b) => a.row - b.row);
        totalRows = read.totalRows;
        skipped = read.skipped;
        if (totalRows === 0) errors.push({ row: 0, column: '表头', message: '表格中没有记录（表头下面是空的）' });
      }
      job?.progress('校验', 1, 1);

      // A row with any error is left out whole, so its other records are not written either.
      const badRows = new Set(errors.map((e) => e.row));
      if (badRows.size > 0) {
        const keep = <T extends { input: { row: number } }>(list: T[]) => list.filter((e) => !badRows.has(e.input.row));
        records = { ...records, created: keep(records.created), updated: keep(records.updated) };
        if (people) {
          const keepRows = <T extends { row: { row: number } }>(list: T[]) =>
            list.filter((e) => !badRows.has(e.row.row));
          people = { ...people, created: keepRows(people.created), updated: keepRows(people.updated) };
        }
      }

      const unitNames = repos.people.unitNames();
      const changes = [
        ...(people
          ? describeChanges(people, (id) => (id === null ? null : (unitNames.get(id) ?? null)), MAX_CHANGES_LISTED)
          : []),
        ...describeRecordChanges(records, MAX_CHANGES_LISTED),
      ].sort((a, b) => a.row - b.row);
      const counts = people
        ? { created: people.created.length, updated: people.updated.length, unchanged: people.unchanged }
        : { created: records.created.length, updated: records.updated.length, unchanged: records.unchanged };
      const ledgerCounts = people
        ? {
            records: countByKind(records.created),
            recordsUpdated: countByKind(records.updated),
          }
        : {};
      const hasErrors = errors.length > 0;
      // People (a ledger's) and records: for a records sheet `counts` are the records themselves.
      const writable = (people ? counts.created + counts.updated : 0) + records.created.length + records.updated.length;
      const base = {
        ...common,
        totalRows,
        skipped,
        errors,
        notices: notices.list(laid.columns),
        changes: changes.slice(0, MAX_CHANGES_LISTED),
        // Each list above is already cut at the cap, so the cut is told from the plans' own sizes.
        changesTruncated: writable > MAX_CHANGES_LISTED,
        ...ledgerCounts,
      };
      const valid = counts.created + counts.updated + counts.unchanged;
      if ((hasErrors && !options.validOnly) || valid === 0) {
        return { ...base, ok: false, refused: true, dryRun: !!options.dryRun, created: 0, updated: 0, unchanged: 0 };
      }
      if (options.dryRun) return { ...base, ...counts, ok: !hasErrors, refused: false, dryRun: true };

      // The last moment to cancel: the write is one synchronous transaction.
      await job?.checkpoint();
      const total = writable;
      let done = 0;
      const tick = () => {
        if (++done % PROGRESS_EVERY === 0) job?.progress('写入', done, total);
      };
      try {
        repos.transaction(() => {
          const newIds = people ? writePeople(people, tick) : new Map<string, number>();
          writeRecords(records, (idNumber) => newIds.get(idNumber) ?? repos.people.idOf(idNumber)!, tick);
          if (options.mapping) remember(laid.columns, options.mapping);
          repos.audit.record({
            action: laid.kind === 'ledger' ? '导入人员名单' : '导入记录',
            entity: laid.kind === 'ledger' ? 'employees' : laid.kind,
            detail: people
              ? `新增${counts.created}人，更新${counts.updated}人，未变${counts.unchanged}人；学历、职称记录新增${records.created.length}条，更新${records.updated.length}条`
              : `新增${counts.created}条，更新${counts.updated}条，未变${counts.unchanged}条`,
          });
        });
      } catch (error) {
        const nothing = people ? '名单中的人员一个也没有写入' : '文件中的记录一条也没有写入';
        throw diskFailure(error, '导入', `${nothing}，已有数据不变`) ?? error;
      }
      job?.progress('写入', total, total);
      if (writable > 0) emit('people.changed', {});
      return { ...base, ...counts, ok: true, refused: false, dryRun: false };
    },
  };
}
export type ImportService = ReturnType<typeof createImportService>;

function countByKind(list: ReadonlyArray<{ input: { kind: RecordImportKind } }>) {
  return {
    education: list.filter((e) => e.input.kind === 'education').length,
    title: list.filter((e) => e.input.kind === 'title').length,
  };
}

function describeColumn(column: LaidOutColumn, kind: ImportKind): ImportColumn {
  const m = column.meaning;
  const target =
    m?.type === 'field'
      ? m.field
      : m?.type === 'person'
        ? `roster.${m.key}`
        : m?.type === 'roster'
          ? `roster.${m.field}`
          : null;
  const status: ImportColumn['status'] = column.ignored
    ? 'ignored'
    : m === null
      ? 'unknown'
      : m.type === 'unused' || (m.type === 'roster' && kind !== 'ledger')
        ? 'unused'
        : column.mapped
          ? 'mapped'
          : 'known';
  return {
    label: column.label,
    target,
    targetLabel:
      m?.type === 'wide'
        ? `${m.year}年${m.kind === 'ce' ? `${m.category ?? ''}学时` : '考核结果'}`
        : target
          ? targetLabel(target as Parameters<typeof targetLabel>[0])
          : null,
    status,
  };
}
