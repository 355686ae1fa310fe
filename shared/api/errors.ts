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
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what}不存在或已被删除`);
