import type { z } from 'zod';
import { ValidationError, type FieldErrors } from './errors.js';

/** Turn zod issues into one message per field (the first issue wins). */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= issue.message;
  }
  return fields;
}

/** The outcome of validating a form: data, or field errors to re-render with. */
export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/** Validate form input without throwing, so the handler can re-render the form with 422. */
export function validateForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success ? { ok: true, data: result.data } : { ok: false, errors: toFieldErrors(result.error) };
}

/** Validate input or throw a ValidationError (422 with per-field messages). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error));
  return result.data;
}
