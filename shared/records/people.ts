/**
 * Whose row is it: 身份证号 first, else 工号, else a 姓名 exactly one person has. A shared name
 * or a person not in the roster is an error that names the candidates.
 */
import { parseIdNumber } from '../validation/idNumber';

export interface KnownPerson {
  id: number;
  name: string;
  idNumber: string;
  employeeNo: string | null;
}

export interface PeopleIndex {
  byIdNumber: ReadonlyMap<string, KnownPerson>;
  byEmployeeNo: ReadonlyMap<string, KnownPerson[]>;
  byName: ReadonlyMap<string, KnownPerson[]>;
}

function group(people: readonly KnownPerson[], key: (p: KnownPerson) => string | null): Map<string, KnownPerson[]> {
  const map = new Map<string, KnownPerson[]>();
  for (const person of people) {
    const k = key(person);
    if (k === null || k === '') continue;
    const list = map.get(k);
    if (list) list.push(person);
    else map.set(k, [person]);
  }
  return map;
}

export function indexPeople(people: readonly KnownPerson[]): PeopleIndex {
  return {
    byIdNumber: new Map(people.map((p) => [p.idNumber, p])),
    byEmployeeNo: group(people, (p) => p.employeeNo),
    byName: group(people, (p) => p.name),
  };
}

export type Resolved = { ok: true; person: KnownPerson } | { ok: false; column: string; message: string };

const tail = (idNumber: string) => idNumber.slice(-4);
const describe = (p: KnownPerson) =>
  [p.employeeNo ? `工号 ${p.employeeNo}` : null, `身份证号尾号 ${tail(p.idNumber)}`].filter(Boolean).join('，');

export function resolvePerson(
  index: PeopleIndex,
  keys: { name: string; idNumber: string; employeeNo: string },
): Resolved {
  if (keys.idNumber) {
    const id = parseIdNumber(keys.idNumber);
    if (!id.ok) return { ok: false, column: '身份证号', message: id.message };
    const person = index.byIdNumber.get(id.value.idNumber);
    if (!person) {
      return {
        ok: false,
        column: '身份证号',
        message: `人员名单中没有身份证号为 ${id.value.idNumber} 的人${keys.name ? `（${keys.name}）` : ''}，请先在「人员」中导入或添加此人`,
      };
    }
    if (keys.name && keys.name !== person.name) {
      return {
        ok: false,
        column: '姓名',
        message: `姓名「${keys.name}」与该身份证号在名单中的姓名「${person.name}」不一致`,
      };
    }
    return { ok: true, person };
  }
  if (keys.employeeNo) {
    const found = index.byEmployeeNo.get(keys.employeeNo) ?? [];
    if (found.length === 1) {
      const person = found[0]!;
      if (keys.name && keys.name !== person.name) {
        return {
          ok: false,
          column: '姓名',
          message: `姓名「${keys.name}」与工号 ${keys.employeeNo} 在名单中的姓名「${person.name}」不一致`,
        };
      }
      return { ok: true, person };
    }
    if (found.length > 1) {
      return {
        ok: false,
        column: '工号',
        message: `工号 ${keys.employeeNo} 在名单中有${found.length}人，请填写身份证号`,
      };
    }
    if (!keys.name) return { ok: false, column: '工号', message: `人员名单中没有工号为 ${keys.employeeNo} 的人` };
  }
  const found = index.byName.get(keys.name) ?? [];
  if (found.length === 1) return { ok: true, person: found[0]! };
  if (found.length === 0) {
    return {
      ok: false,
      column: '姓名',
      message: `人员名单中没有「${keys.name}」，请先在「人员」中导入或添加此人，或填写身份证号`,
    };
  }
  return {
    ok: false,
    column: '姓名',
    message: `名单中有${found.length}人叫「${keys.name}」（${found.map(describe).join('；')}），请在这一行填写身份证号或工号`,
  };
}
