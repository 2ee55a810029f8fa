import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { z } from 'zod';
import { toFieldErrors } from '../../src/web/validate.js';

// What a person reads for a refused field is always a message key the app translates, never zod's English.
describe('field errors', () => {
  const schema = z.object({
    name: z.string(),
    count: z.number().int().optional(),
    email: z.string().pipe(z.email('validation.email')),
    nested: z.object({ inner: z.string() }),
  });

  test('a schema\'s own keys are kept; zod\'s default sentences become validation.required or validation.invalid', () => {
    const result = schema.safeParse({ count: 'many', email: 'not-an-address', nested: {} });
    assert.equal(result.success, false);
    assert.deepEqual(toFieldErrors(result.error!), {
      name: 'validation.required',
      count: 'validation.invalid',
      email: 'validation.email',
      'nested.inner': 'validation.required',
    });
  });

  test('no message contains a space: every one is a key', () => {
    const result = z.object({ a: z.string().nonoptional(), b: z.enum(['x', 'y']), c: z.array(z.string()).min(2) }).safeParse({ b: 'z', c: [] });
    for (const message of Object.values(toFieldErrors(result.error!))) assert.doesNotMatch(message, /\s/, message);
  });
});
