/**
 * Errors that cross the API. Electron keeps only `message` of a thrown error, so the code
 * travels in the envelope; the message is what the user reads, in Chinese.
 */
export const ERROR_CODES = [
  'UNKNOWN_ROUTE',
  'BAD_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'REFUSED',
  'CANCELLED',
  /** A status the declaration's checklist or record contradicts, asked without an override. */
  'CHECKLIST_INCOMPLETE',
  /** A letter certifying eligibility for someone the rules show as blocked. */
  'NOT_ELIGIBLE',
  /** The workspace is open in another process (the app) and this one would write. */
  'IN_USE',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes that mean "refused for a reason the caller can fix" (the CLI's exit 2), not a fault. */
export const REFUSAL_CODES: readonly string[] = [
  'BAD_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'REFUSED',
  'CHECKLIST_INCOMPLETE',
  'NOT_ELIGIBLE',
  'IN_USE',
];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What a caller needs to act on the refusal (e.g. the items missing), carried in the envelope. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已被删除`);
