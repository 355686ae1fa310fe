/** A person as the form edits it: every text as a string, so inputs never see null. */
import type { RouteInput } from '../../../../shared/api/contract';
import type { PersonCategory } from '../../../../shared/domain/enums';
import type { Person, PersonInput } from '../../../../shared/domain/schemas';

type TextField =
  | 'name'
  | 'idNumber'
  | 'employeeNo'
  | 'department'
  | 'position'
  | 'phone'
  | 'hiredOn'
  | 'workStartedOn'
  | 'specialty'
  | 'email'
  | 'notes';

export type PersonDraft = Record<TextField, string> & {
  unitId: number | null;
  category: PersonCategory | null;
  politicalStatus: Person['politicalStatus'];
};

export function blankDraft(unitId: number | null): PersonDraft {
  return {
    name: '',
    idNumber: '',
    employeeNo: '',
    department: '',
    position: '',
    phone: '',
    hiredOn: '',
    workStartedOn: '',
    specialty: '',
    email: '',
    notes: '',
    unitId,
    category: null,
    politicalStatus: null,
  };
}

export function draftOf(person: Person): PersonDraft {
  const text = (value: string | null) => value ?? '';
  return {
    name: person.name,
    idNumber: person.idNumber,
    employeeNo: text(person.employeeNo),
    department: text(person.department),
    position: text(person.position),
    phone: text(person.phone),
    hiredOn: text(person.hiredOn),
    workStartedOn: text(person.workStartedOn),
    specialty: text(person.specialty),
    email: text(person.email),
    notes: text(person.notes),
    unitId: person.unitId,
    category: person.category,
    politicalStatus: person.politicalStatus,
  };
}

/** Blank strings go as they are: the server turns them into "not given". */
export function inputOf(draft: PersonDraft, id: number | undefined): RouteInput<'people.save'> {
  const input: PersonInput = { ...draft, id };
  return input;
}

export const sameDraft = (a: PersonDraft, b: PersonDraft) => JSON.stringify(a) === JSON.stringify(b);
