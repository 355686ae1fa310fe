/** People and their records: the person page's reads and writes. */
import { AppError, notFound } from '../../../shared/api/errors';
import { RECORD_LABELS, type RecordKind } from '../../../shared/domain/enums';
import type { PersonDetail, PersonFields } from '../../../shared/domain/schemas';
import { parseIdNumber } from '../../../shared/validation/idNumber';
import type { Repos } from '../../../db';
import type { EmitEvent } from '../events';

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

export function createPeopleService(repos: Repos, emit: EmitEvent) {
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

    delete(id: number): void {
      const person = repos.people.get(id);
      if (!person) throw notFound('该人员');
      repos.transaction(() => {
        repos.people.delete(id);
        repos.audit.record({ action: '删除人员', entity: 'employees', entityId: id, detail: person.name });
      });
      emit('people.changed', {});
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
