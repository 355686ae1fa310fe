/** Evaluating many people from the CLI's JSON: every person checked first, errors naming the person and the field. */
import { z } from 'zod';
import { isRealDate } from '../validation/dates';
import { evaluate, type EligibilityResult } from './engine';
import { RulePack } from './pack';
import { EligibilityPerson } from './person';

export interface InputError {
  person: string | null;
  field: string;
  message: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: InputError };

const fieldPath = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`)).join('');

export function parsePeople(json: unknown): Parsed<EligibilityPerson[]> {
  const list = (json as { people?: unknown })?.people;
  if (!Array.isArray(list)) {
    return { ok: false, error: { person: null, field: 'people', message: '输入应为 {"people": [...]}' } };
  }
  const people: EligibilityPerson[] = [];
  for (const [index, raw] of list.entries()) {
    const parsed = EligibilityPerson.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const name = (raw as { name?: unknown })?.name;
      const who = `第${index + 1}个人${typeof name === 'string' ? `（${name}）` : ''}`;
      const field = fieldPath(issue.path);
      return { ok: false, error: { person: who, field, message: `${who}的 ${field}：${issue.message}` } };
    }
    people.push(parsed.data);
  }
  return { ok: true, value: people };
}

export function parsePack(json: unknown): Parsed<RulePack> {
  const parsed = RulePack.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = fieldPath(issue.path);
  return { ok: false, error: { person: null, field, message: `规则包的 ${field}：${issue.message}` } };
}

export const AsOf = z.string().refine(isRealDate, '日期应为 YYYY-MM-DD 格式的真实日期');

export function evaluateAll(
  people: readonly EligibilityPerson[],
  pack: RulePack,
  asOf: string,
): { asOf: string; results: EligibilityResult[] } {
  return { asOf, results: people.map((person) => evaluate(person, pack, asOf)) };
}
