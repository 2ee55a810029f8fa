/** Raised for bad arguments: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}
