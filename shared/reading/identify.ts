/**
 * Whose document it is, from what it says, against the roster. A wrong person is far worse than
 * a trip to 待确认, so anything short of certain is a reason to ask, in words HR can act on.
 */
import type { DocumentReading, ReadingPerson } from './types';

export interface RosterEntry {
  personId: number;
  idNumber: string;
  name: string;
  employeeNo?: string | null;
}

/**
 * Who, or why not. `against` marks a reason that speaks against any other evidence (an ID of
 * nobody on the roster, a name and an ID of two people); otherwise the pages just do not tell.
 */
export type Identification =
  | { person: NonNullable<ReadingPerson>; reason?: undefined; against?: undefined }
  | { person: null; reason: string; against: boolean };

const ask = (reason: string, against = false): Identification => ({ person: null, reason, against });
const by = (entry: RosterEntry, how: NonNullable<ReadingPerson>['by']): Identification => ({
  person: { personId: entry.personId, idNumber: entry.idNumber, name: entry.name, by: how },
});

/** Roster people whose name is one the document names (a name read with trailing text still counts). */
function namedPeople(names: string[], roster: RosterEntry[]): RosterEntry[] {
  return roster.filter((entry) => names.some((name) => name === entry.name || name.startsWith(entry.name)));
}

export function identify(
  reading: Pick<DocumentReading, 'idNumbers' | 'names' | 'employeeNos'>,
  roster: RosterEntry[],
): Identification {
  const byId = new Map(roster.map((entry) => [entry.idNumber, entry]));
  const named = namedPeople(reading.names, roster);
  if (reading.idNumbers.length > 0) {
    const known = reading.idNumbers.map((id) => byId.get(id));
    if (known.some((entry) => !entry)) return ask('材料中的身份证号不属于花名册中的任何人', true);
    const people = new Set(known.map((entry) => entry!.personId));
    if (people.size > 1) return ask('材料中有多人的身份证号', true);
    const owner = known[0]!;
    const others = named.filter((entry) => entry.name !== owner.name);
    if (others.length > 0 && !named.some((entry) => entry.personId === owner.personId)) {
      return ask(`身份证号属于${owner.name}，但材料上的姓名是${others[0]!.name}`, true);
    }
    return by(owner, 'idNumber');
  }
  const names = new Set(named.map((entry) => entry.name));
  if (names.size > 1) return ask(`材料中出现多个花名册中的姓名：${[...names].join('、')}`, true);
  if (named.length > 1) return ask(`花名册中有 ${named.length} 人同名「${named[0]!.name}」，材料上没有身份证号可区分`);
  const numbered = roster.filter((entry) => entry.employeeNo && reading.employeeNos.includes(entry.employeeNo));
  if (named.length === 1) {
    if (numbered.length > 0 && numbered.some((entry) => entry.personId !== named[0]!.personId)) {
      return ask(`姓名是${named[0]!.name}，但工号属于${numbered[0]!.name}`, true);
    }
    return by(named[0]!, 'name');
  }
  if (numbered.length === 1) return by(numbered[0]!, 'employeeNo');
  if (numbered.length > 1) return ask('材料中的工号对应多人');
  if (reading.names.length > 0) return ask(`材料上的姓名「${reading.names[0]}」不在花名册中`);
  return ask('材料中没有读到姓名或身份证号');
}
