import type { z } from 'zod';
import { ValidationError, type FieldErrors } from './errors.js';

/** A message key (`validation.required`, `events.tooLong`), as opposed to a sentence zod wrote itself. */
const MESSAGE_KEY = /^[a-z][\w-]*(\.[\w-]+)+$/i;

/**
 * The message key for an issue. Schemas name their own keys; where one does not (zod's defaults read like
 * "Invalid input: expected string, received undefined"), a missing value is `validation.required` and anything
 * else `validation.invalid`, so zod's English never reaches a person, in a page or in the API.
 */
function messageKeyOf(issue: z.core.$ZodIssue): string {
  if (MESSAGE_KEY.test(issue.message)) return issue.message;
  // zod reports the input only when asked to; its default sentence for a missing value ends "received undefined".
  const missing = 'input' in issue ? issue.input === undefined : /received undefined$/.test(issue.message);
  return issue.code === 'invalid_type' && missing ? 'validation.required' : 'validation.invalid';
}

/** Turn zod issues into one message per field (the first issue wins). */
export function toFieldErrors(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    fields[key] ??= messageKeyOf(issue);
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
