/**
 * The name against the content: what a file's name (and folders) say of whose and what it is,
 * weighed against what its pages say. Where both speak they must agree; a disagreement, or a
 * page that names someone the roster does not hold, goes to 待确认 with both shown. A wrong
 * person is far worse than a question, so the content never overrules the name silently.
 */
import { materialType as findType } from '../../../shared/domain/materials';
import type { Aspect, Candidate, MatchOutcome } from './matcher';

export interface ContentEvidence {
  person: { employeeId: number; name: string; by: 'idNumber' | 'name' | 'employeeNo' } | null;
  /** Why the pages' person is not to be trusted (an ID of nobody in the roster, a name and an ID of two people). */
  personProblem: string | null;
  /** Why the pages name nobody for sure, when they do not speak against the name (a shared name, no name read). */
  personNote?: string | null;
  /** A material type of the catalogue, from what the document says it is. */
  type: string | null;
  year: number | null;
}

export function weigh(name: MatchOutcome, content: ContentEvidence | null, people: Map<number, string>): MatchOutcome {
  if (!content) return name;
  const problems: Record<Aspect, string[]> = { person: [], type: [], year: [] };
  const candidates: Candidate[] = [...name.candidates];
  const fromContent = new Set<Aspect>();
  const sure = (aspect: Aspect) => name.problems[aspect].length === 0;

  // Whose.
  const namePerson = sure('person') ? name.employeeId : null;
  let employeeId: number | null = null;
  if (content.person)
    candidates.push({ employeeId: content.person.employeeId, name: content.person.name, by: 'content' });
  if (content.personProblem) {
    problems.person.push(...name.problems.person, `文件内容：${content.personProblem}`);
  } else if (content.person && namePerson !== null && content.person.employeeId !== namePerson) {
    problems.person.push(
      `文件名指向「${people.get(namePerson) ?? namePerson}」，文件内容指向「${content.person.name}」`,
    );
  } else if (content.person && namePerson === null) {
    employeeId = content.person.employeeId;
    fromContent.add('person');
  } else if (namePerson !== null) {
    employeeId = namePerson;
  } else if (content.personNote && name.candidates.length === 0) {
    // The name says nothing (a scanner's): what the pages could not settle is the reason to give.
    problems.person.push(`文件内容：${content.personNote}`);
  } else {
    problems.person.push(...name.problems.person);
  }

  // What.
  const nameType = sure('type') ? name.materialType : null;
  let materialType: string | null = null;
  if (content.type && nameType && content.type !== nameType) {
    problems.type.push(`文件名是「${nameType}」，文件内容是「${content.type}」`);
  } else if (content.type) {
    materialType = content.type;
    fromContent.add('type');
  } else if (nameType) {
    materialType = nameType;
  } else {
    problems.type.push(...name.problems.type);
  }

  // Which year: the document's own, never the day a scanner put in the name.
  const perYear = materialType ? (findType(materialType)?.perYear ?? false) : false;
  const nameYear = sure('year') ? name.year : null;
  let year: number | null = null;
  if (content.year !== null && nameYear !== null && content.year !== nameYear) {
    if (perYear) problems.year.push(`文件名中的年份是 ${nameYear}，文件内容是 ${content.year}`);
  } else if (content.year !== null) {
    year = content.year;
    fromContent.add('year');
  } else {
    year = nameYear;
  }
  if (perYear && year === null && problems.year.length === 0)
    problems.year.push(
      ...(name.problems.year.length ? name.problems.year : [`「${materialType}」按年度归档，未能识别年度`]),
    );

  const all = [...problems.person, ...problems.type, ...problems.year];
  // How it was known: the name's way, the content's, or both when they agree.
  const agreed = content.person !== null && content.person.employeeId === employeeId && !fromContent.has('person');
  const by = [
    ...(employeeId !== null && !fromContent.has('person')
      ? [name.candidates.find((c) => c.employeeId === employeeId)?.by ?? 'name']
      : []),
    ...(fromContent.size > 0 || agreed ? ['content'] : []),
  ];
  return {
    employeeId: all.length && problems.person.length ? (namePerson ?? content.person?.employeeId ?? null) : employeeId,
    materialType: materialType ?? nameType ?? content.type,
    year,
    matchedBy: all.length === 0 ? by.join('+') || null : null,
    problem: all.length ? all.join('；') : null,
    problems,
    candidates,
  };
}
