import type { FieldErrors } from '../web/errors.js';

/** Field errors keyed like the form's inputs: zod's `contacts.0.email` becomes `contacts[0][email]`. */
export function toFormFieldErrors(errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([key, message]) => {
      const [head, ...rest] = key.split('.');
      return [head + rest.map((part) => `[${part}]`).join(''), message];
    }),
  );
}
