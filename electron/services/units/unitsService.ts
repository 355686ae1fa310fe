/** The legal entities the HR department serves; the first is the default. */
import { AppError, notFound } from '../../../shared/api/errors';
import type { Unit } from '../../../shared/domain/schemas';
import type { Repos, UnitFields } from '../../../db';

export function createUnitsService(repos: Repos) {
  return {
    list: () => repos.units.list(),

    /** Creates, or updates the unit with `id`; a credit code belongs to one unit only. */
    save(input: UnitFields & { id?: number }): Unit {
      const { id, ...fields } = input;
      const holder = repos.units.byCreditCode(fields.creditCode);
      if (holder && holder.id !== id) {
        throw new AppError('CONFLICT', `统一社会信用代码已属于「${holder.name}」`);
      }
      return repos.transaction(() => {
        const unit = id === undefined ? repos.units.insert(fields) : repos.units.update(id, fields);
        if (!unit) throw notFound('该单位');
        repos.audit.record({
          action: id === undefined ? '新增单位' : '修改单位',
          entity: 'units',
          entityId: unit.id,
          detail: unit.name,
        });
        return unit;
      });
    },

    setDefault(id: number): void {
      if (!repos.units.get(id)) throw notFound('该单位');
      repos.units.setDefault(id);
    },

    delete(id: number): void {
      const unit = repos.units.get(id);
      if (!unit) throw notFound('该单位');
      const people = repos.units.peopleCount(id);
      if (people > 0) throw new AppError('REFUSED', `「${unit.name}」下还有${people}人，请先把他们调到其他单位`);
      if (unit.isDefault && repos.units.list().length > 1) {
        throw new AppError('REFUSED', '这是默认单位，请先把另一个单位设为默认');
      }
      repos.transaction(() => {
        repos.units.delete(id);
        repos.audit.record({ action: '删除单位', entity: 'units', entityId: id, detail: unit.name });
      });
    },
  };
}
export type UnitsService = ReturnType<typeof createUnitsService>;
