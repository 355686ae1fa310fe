/** People and their records: the person page's reads and writes. */
import { AppError, notFound } from '../../../shared/api/errors';
import { RECORD_LABELS, type RecordKind } from '../../../shared/domain/enums';
import type { PersonDetail, PersonFields } from '../../../shared/domain/schemas';
import { parseIdNumber } from '../../../shared/validation/idNumber';
import type { Db, Repos } from '../../../db';
import { createInboxRepo } from '../../../db/repos/inbox';
import type { EmitEvent } from '../events';
import type { Library } from '../library/library';
import { removePersonFiles, unsharedFiles } from './personFiles';

/** The one unique rule among records: one assessment per person and year. */
function saveUnique<T>(save: () => T, kind: RecordKind): T {
  try {
    return save();
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' && kind === 'assessment') {
      throw new AppError('CONFLICT', '该年度已有考核记录，请修改原记录');
    }
    throw error;
  }
}

/** With `files`, deleting a person also removes their files from the document library. */
export function createPeopleService(
  repos: Repos,
  emit: EmitEvent,
  files?: { library: Library; db: Db; heldDir: string },
) {
  const inbox = files && createInboxRepo(files.db);

  function detail(id: number): PersonDetail {
    const found = repos.people.detail(id);
    if (!found) throw notFound('该人员');
    return found;
  }

  function checkUnit(unitId: number | null): void {
    if (unitId !== null && !repos.units.get(unitId)) throw notFound('所选单位');
  }

  return {
    detail,

    /** One 单位 or 部门 for many people; a blank 部门 clears it. Returns how many changed. */
    bulkUpdate(ids: readonly number[], change: { unitId?: number | null; department?: string | null }): number {
      if (change.unitId !== undefined) checkUnit(change.unitId);
      const fields = {
        ...(change.unitId !== undefined ? { unitId: change.unitId } : {}),
        ...(change.department !== undefined ? { department: change.department || null } : {}),
      };
      const changed = repos.transaction(() => {
        let count = 0;
        for (const id of new Set(ids)) {
          const person = repos.people.get(id);
          if (!person) throw notFound('所选人员中有人');
          const differs = Object.entries(fields).some(([k, v]) => person[k as keyof typeof person] !== v);
          if (!differs) continue;
          repos.people.update(id, fields);
          count++;
        }
        const what = [
          change.unitId !== undefined ? '单位' : null,
          change.department !== undefined ? '部门' : null,
        ].filter(Boolean);
        repos.audit.record({ action: `批量设置${what.join('和')}`, entity: 'employees', detail: `${count}人` });
        return count;
      });
      if (changed > 0) emit('people.changed', {});
      return changed;
    },

    save(input: PersonFields & { id?: number }): PersonDetail {
      const { id, ...fields } = input;
      const parsed = parseIdNumber(fields.idNumber);
      if (!parsed.ok) throw new AppError('BAD_INPUT', parsed.message);
      checkUnit(fields.unitId);
      const holder = repos.people.idOf(fields.idNumber);
      if (holder !== null && holder !== id) {
        const other = repos.people.get(holder)!;
        throw new AppError('CONFLICT', `身份证号已登记在「${other.name}」名下，不能重复`);
      }
      const record = { ...fields, gender: parsed.value.gender, birthDate: parsed.value.birthDate };
      const savedId = repos.transaction(() => {
        if (id === undefined) {
          const newId = repos.people.insert(record);
          repos.audit.record({ action: '新增人员', entity: 'employees', entityId: newId, detail: fields.name });
          return newId;
        }
        if (!repos.people.get(id)) throw notFound('该人员');
        repos.people.update(id, record);
        repos.audit.record({ action: '修改人员', entity: 'employees', entityId: id, detail: fields.name });
        return id;
      });
      emit('people.changed', {});
      return detail(savedId);
    },

    /**
     * Deletes the person with their records and documents, and then the library files no one
     * else uses. The rows go first, in one transaction with the audit entry: a crash before the
     * files are gone leaves orphan files (which the integrity check lists), never rows without files.
     */
    delete(id: number): { documents: number; files: number } {
      const person = repos.people.get(id);
      if (!person) throw notFound('该人员');
      const { documents, files: removable } = repos.transaction(() => {
        const own = inbox?.documentsOf(id, ['active', 'superseded', 'trashed']) ?? repos.documents.forPerson(id);
        repos.people.delete(id);
        const unshared = inbox ? unsharedFiles(repos, inbox, own) : [];
        repos.audit.record({
          action: '删除人员',
          entity: 'employees',
          entityId: id,
          detail: `${person.name}（材料${own.length}份${files ? `，删除文件${unshared.length}个` : ''}）`,
        });
        return { documents: own.length, files: unshared };
      });
      if (files) removePersonFiles(files.library, files.heldDir, removable);
      emit('people.changed', {});
      return { documents, files: removable.length };
    },

    saveRecord(kind: RecordKind, input: { id?: number; employeeId: number } & Record<string, unknown>): PersonDetail {
      const { id, employeeId, ...fields } = input;
      if (!repos.people.get(employeeId)) throw notFound('该人员');
      repos.transaction(() => {
        const savedId = saveUnique(() => repos.records.save(kind, employeeId, id, fields), kind);
        if (savedId === null) throw notFound(`该${RECORD_LABELS[kind]}记录`);
        repos.audit.record({
          action: `${id === undefined ? '新增' : '修改'}${RECORD_LABELS[kind]}`,
          entity: kind,
          entityId: savedId,
        });
      });
      emit('people.changed', {});
      return detail(employeeId);
    },

    deleteRecord(kind: RecordKind, id: number): PersonDetail {
      const employeeId = repos.transaction(() => {
        const owner = repos.records.delete(kind, id);
        if (owner === null) throw notFound(`该${RECORD_LABELS[kind]}记录`);
        repos.audit.record({ action: `删除${RECORD_LABELS[kind]}`, entity: kind, entityId: id });
        return owner;
      });
      emit('people.changed', {});
      return detail(employeeId);
    },
  };
}
export type PeopleService = ReturnType<typeof createPeopleService>;
