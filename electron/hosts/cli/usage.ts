/** A command used wrongly (a missing file name, an unknown option value): exit 2 with the help. */
export class UsageError extends Error {}
