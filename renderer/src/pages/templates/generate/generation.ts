/** What the generation panel passes around: who gets letters, and each person's outcome. */
import type { RouteOutput } from '../../../../../shared/api/contract';

export interface Scope {
  batchId?: number;
  people?: number[];
  /** e.g. 批次「…」 or 筛选出的人员 */
  label: string;
  count: number;
}

export type GenerateResult = RouteOutput<'letters.generate'>;
type Letter = GenerateResult['letters'][number];
type Problem = GenerateResult['problems'][number];

/** One row per person: the letter made, or every reason none was. */
export interface Outcome {
  key: string;
  name: string;
  idNumber: string;
  letter: Letter | null;
  problems: Problem[];
}

export function outcomes(result: GenerateResult): Outcome[] {
  const rows: Outcome[] = result.letters.map((letter) => ({
    key: `${letter.employeeId}-${letter.declarationId ?? 0}`,
    name: letter.name,
    idNumber: letter.idNumber,
    letter,
    problems: [],
  }));
  const refused = new Map<number, Outcome>();
  for (const problem of result.problems) {
    let row = refused.get(problem.employeeId);
    if (!row) {
      row = {
        key: `p-${problem.employeeId}`,
        name: problem.name,
        idNumber: problem.idNumber,
        letter: null,
        problems: [],
      };
      refused.set(problem.employeeId, row);
    }
    row.problems.push(problem);
  }
  // The refused first: they are what needs doing.
  return [...refused.values(), ...rows];
}

export const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)} KB`;
