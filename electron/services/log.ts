/**
 * The main side's error log: stderr, with personal data masked. `redact` (shared) masks ID numbers
 * and bare mobile numbers; the log adds the spellings people type into rosters and file names:
 * +86/0086 prefixes, mobiles split by spaces or dashes, and landlines with an area code.
 */
import { redact } from '../../shared/validation/redact';

const PREFIXED_MOBILE = /(?<![\d+])(?:\+|00)?86[\s-]?(1[3-9]\d)[\s-]?\d{4}[\s-]?(\d{4})(?!\d)/g;
const SPLIT_MOBILE = /(?<!\d)(1[3-9]\d)[\s-]\d{4}[\s-](\d{4})(?!\d)/g;
const LANDLINE = /(?<!\d)(0[12]\d|0[3-9]\d{2})[\s-]?\d{3,4}[\s-]?(\d{4})(?:-\d{1,6})?(?!\d)/g;

export function redactForLog(text: string): string {
  // Prefixed and split spellings first: the bare-number rule would otherwise mask only the tail.
  return redact(
    text.replace(PREFIXED_MOBILE, '$1****$2').replace(SPLIT_MOBILE, '$1****$2').replace(LANDLINE, '$1-****$2'),
  );
}

export function logInternalError(route: string, error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`[${new Date().toISOString()}] ${route} 内部错误：${redactForLog(text)}\n`);
}
