/** The one shape of every command's `--json` failure: `{ok: false, code, message, …details}`. */
import { REFUSAL_CODES } from '../../../shared/api/errors';

export function failureJson(code: string, message: string, details: Record<string, unknown> = {}) {
  return { ok: false as const, code, message, ...details };
}

/** 2 for a refusal the caller can fix (bad input, not found, in use, …), 1 for anything unexpected. */
export const exitFor = (code: string): 1 | 2 => (REFUSAL_CODES.includes(code) ? 2 : 1);
