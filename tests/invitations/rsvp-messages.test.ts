import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { registerAllMessages } from '../../src/messages.js';
import { listMessageKeys, type Locale } from '../../src/web/i18n.js';

const VIEWS = ['rsvp', 'rsvp-form', 'rsvp-summary', 'delegate-rows'].map((name) => new URL(`../../src/invitations/views/${name}.ejs`, import.meta.url));
// Keys the RSVP page builds at run time, and error messages its form can show.
const DYNAMIC = ['pending', 'accepted', 'tentative', 'declined'].map((s) => `rsvp.status.${s}`).concat(
  ['accepted', 'tentative', 'declined'].map((s) => `rsvp.answer.${s}`),
  ['rsvp.closed', 'rsvp.cancelled', 'rsvp.statusRequired', 'rsvp.delegateRequired', 'rsvp.tooManyDelegates', 'rsvp.delegateNameRequired', 'invitations.tooLong', 'invitations.tooManyRows'],
);

describe('languages of the RSVP page', () => {
  registerAllMessages();

  test('when an institution reads the RSVP page in Korean or Japanese, then every string of it is translated', () => {
    const literal = VIEWS.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\('([\w.]+\w)'(?! \+)/g)].map((m) => m[1]!));
    assert.ok(literal.length > 30, 'the views were read');
    const keys = [...new Set([...literal, ...DYNAMIC])];
    for (const locale of ['ko', 'ja'] as Locale[]) {
      const known = new Set(listMessageKeys(locale));
      assert.deepEqual(keys.filter((key) => !known.has(key)), [], `missing in ${locale}`);
    }
  });
});
