/**
 * Who a scanned file belongs to and what it is, from its name and its folders' names, with a
 * fixed precedence: 身份证号, then 工号, then 姓名, then the folder's own person. Anything not
 * certain goes to review with the candidates and the reason; a name two people share is never
 * given to the first of them. The material type comes from keywords, the year from a 4-digit
 * year in the name.
 */
import { MATERIAL_TYPES, materialType as findType } from '../../../shared/domain/materials';
import { parseIdNumber } from '../../../shared/validation/idNumber';
import type { PersonKey } from '../../../db/repos/inbox';

export interface MatchInput {
  /** Path relative to the watched folder, '/'-separated: subfolder names count too. */
  relPath: string;
  folder: { employeeId: number | null; materialType: string | null };
  people: readonly PersonKey[];
  /** For a year range check; defaults to this year. */
  thisYear?: number;
}

export interface Candidate {
  employeeId: number;
  name: string;
  by: 'idNumber' | 'employeeNo' | 'name' | 'folder' | 'content';
}

export interface MatchOutcome {
  employeeId: number | null;
  materialType: string | null;
  year: number | null;
  matchedBy: string | null;
  /** Null when certain; otherwise why a person must look at it. */
  problem: string | null;
  /** The same reasons by what they are about, for weighing the name against the content. */
  problems: Record<Aspect, string[]>;
  candidates: Candidate[];
}

export type Aspect = 'person' | 'type' | 'year';

/** Extra words for the catalogue's types, looked at after the catalogue's own. */
const EXTRA_KEYWORDS: Record<string, readonly string[]> = {
  学历证书: ['学历', '毕业证书'],
  年度考核表: ['年度考核', '考核表'],
  继续教育证书: ['继教', '培训证明'],
  执业资格证书: ['资格证书', '注册证'],
  诚信承诺书: ['诚信'],
  社保缴费证明: ['缴费证明', '参保证明'],
};

const normalise = (text: string) => text.normalize('NFKC').toUpperCase();

/** The text the matcher reads: folder names and the file's name without its extension. */
export function matchText(relPath: string): string {
  const parts = relPath.split('/');
  const last = parts.pop() ?? '';
  const stem = last.replace(/\.[A-Za-z0-9]{1,5}$/, '');
  return normalise([...parts, stem].join('/'));
}

interface Span {
  start: number;
  end: number;
}

function occurrences(text: string, word: string): Span[] {
  const spans: Span[] = [];
  if (!word) return spans;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    spans.push({ start: at, end: at + word.length });
  }
  return spans;
}

const covers = (a: Span, b: Span) => a.start <= b.start && a.end >= b.end && a.end - a.start > b.end - b.start;

export function findIdNumbers(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![0-9])(\d{17}[\dX])(?![0-9X])/g)) {
    const parsed = parseIdNumber(m[1]!);
    if (parsed.ok) found.add(parsed.value.idNumber);
  }
  return [...found];
}

/** 4-digit years (1950…next year) standing alone, not inside a longer number. */
export function findYears(text: string, thisYear = new Date().getFullYear()): number[] {
  const stripped = text.replace(/\d{15,18}X?/g, ' ');
  const years = new Set<number>();
  for (const m of stripped.matchAll(/(?<!\d)(19[5-9]\d|20\d\d)(?!\d)/g)) {
    const year = Number(m[1]);
    if (year <= thisYear + 1) years.add(year);
  }
  return [...years];
}

/** The types whose keywords appear, a longer keyword covering a shorter one it contains. */
export function findTypes(text: string): string[] {
  const hits: Array<{ type: string; span: Span }> = [];
  for (const m of MATERIAL_TYPES) {
    for (const word of [m.type, ...m.keywords, ...(EXTRA_KEYWORDS[m.type] ?? [])]) {
      for (const span of occurrences(text, normalise(word))) hits.push({ type: m.type, span });
    }
  }
  const kept = hits.filter((h) => !hits.some((o) => o.type !== h.type && covers(o.span, h.span)));
  return [...new Set(kept.map((h) => h.type))];
}

function peopleByName(text: string, people: readonly PersonKey[]): PersonKey[] {
  const hits: Array<{ person: PersonKey; span: Span }> = [];
  for (const person of people) {
    const name = normalise(person.name.trim());
    if ([...name].length < 2) continue;
    for (const span of occurrences(text, name)) hits.push({ person, span });
  }
  // 王伟 inside 王伟华 is 王伟华.
  return hits.filter((h) => !hits.some((o) => covers(o.span, h.span))).map((h) => h.person);
}

function peopleByEmployeeNo(text: string, people: readonly PersonKey[]): PersonKey[] {
  const found: PersonKey[] = [];
  for (const person of people) {
    const no = person.employeeNo ? normalise(person.employeeNo.trim()) : '';
    if (no.length < 3) continue;
    const escaped = no.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // A whole token: not part of a longer run of letters or digits.
    if (new RegExp(`(?<![0-9A-Z])${escaped}(?![0-9A-Z])`).test(text)) found.push(person);
  }
  return found;
}

const distinct = (list: readonly PersonKey[]) => [...new Map(list.map((p) => [p.id, p])).values()];

export function matchFile(input: MatchInput): MatchOutcome {
  const text = matchText(input.relPath);
  const byId = new Map(input.people.map((p) => [p.id, p]));
  const candidates: Candidate[] = [];
  const problemsOf: Record<Aspect, string[]> = { person: [], type: [], year: [] };
  const problems = problemsOf.person;
  let person: PersonKey | null = null;
  let matchedBy: Candidate['by'] | null = null;

  const ids = findIdNumbers(text);
  const idPeople = distinct(ids.flatMap((id) => input.people.filter((p) => p.idNumber.toUpperCase() === id)));
  const unknownIds = ids.filter((id) => !input.people.some((p) => p.idNumber.toUpperCase() === id));
  const noPeople = distinct(peopleByEmployeeNo(text, input.people));
  const namePeople = distinct(peopleByName(text, input.people));

  const decide = (list: PersonKey[], by: Candidate['by'], what: string): boolean => {
    if (list.length === 0) return false;
    for (const p of list) candidates.push({ employeeId: p.id, name: p.name, by });
    if (list.length === 1) {
      person = list[0]!;
      matchedBy = by;
    } else {
      const sameName = new Set(list.map((p) => p.name)).size === 1;
      problems.push(
        sameName && by === 'name'
          ? `文件名中的姓名「${list[0]!.name}」有 ${list.length} 人同名，无法确定是哪一位`
          : `文件名中的${what}对应多人（${list.map((p) => p.name).join('、')}）`,
      );
    }
    return true;
  };

  if (!decide(idPeople, 'idNumber', '身份证号') && !decide(noPeople, 'employeeNo', '工号')) {
    decide(namePeople, 'name', '姓名');
  }
  if (unknownIds.length && !person) problems.push('文件名中的身份证号不在人员名单中');

  const folderPerson = input.folder.employeeId !== null ? (byId.get(input.folder.employeeId) ?? null) : null;
  if (folderPerson) {
    candidates.push({ employeeId: folderPerson.id, name: folderPerson.name, by: 'folder' });
    const chosen = person as PersonKey | null;
    if (chosen && chosen.id !== folderPerson.id) {
      problems.push(`文件名指向「${chosen.name}」，但文件在「${folderPerson.name}」的文件夹中`);
      person = null;
    } else if (!chosen && problems.length === 0) {
      person = folderPerson;
      matchedBy = 'folder';
    }
  }
  if (!person && problems.length === 0) problems.push('未能从文件名或文件夹识别人员（身份证号、工号或姓名）');

  // The material and the year.
  const types = findTypes(text);
  let type: string | null = null;
  if (types.length === 1) type = types[0]!;
  else if (types.length > 1) problemsOf.type.push(`文件名同时指向多种材料（${types.join('、')}）`);
  else if (input.folder.materialType && findType(input.folder.materialType)) type = input.folder.materialType;
  else problemsOf.type.push('未能从文件名识别材料类型');

  const years = findYears(text, input.thisYear);
  let year: number | null = years.length === 1 ? years[0]! : null;
  const perYear = type ? (findType(type)?.perYear ?? false) : false;
  if (perYear && years.length === 0) problemsOf.year.push(`「${type}」按年度归档，文件名中没有年份`);
  if (perYear && years.length > 1) problemsOf.year.push(`文件名中有多个年份（${years.join('、')}）`);
  if (!perYear && years.length > 1) year = null;

  const chosen = person as PersonKey | null;
  const all = [...problemsOf.person, ...problemsOf.type, ...problemsOf.year];
  return {
    employeeId: chosen?.id ?? null,
    materialType: type,
    year,
    matchedBy: all.length === 0 ? matchedBy : null,
    problem: all.length ? all.join('；') : null,
    problems: problemsOf,
    candidates,
  };
}
