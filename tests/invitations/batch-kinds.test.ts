import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { registerAllMessages } from '../../src/messages.js';
import { listMessageKeys } from '../../src/web/i18n.js';

registerAllMessages();

// Every kind of mail the app puts in the outbox, as its senders name it: the outbox page and the batch page
// show each by its label, so a kind without one would show its message key to the organiser.
const MAIL_KINDS = [
  'invitation', 'test-copy', 'reminder', 'day-before', 'update', 'cancellation', 'rsvp-confirmation', // invitations
  'agenda-update', // agenda
  'followup', // records
  'minutes-review', // minutes
  'suggestion-answered', // suggestions
];

describe('mail kinds', () => {
  for (const locale of ['zh', 'en'] as const) {
    test(`every kind of mail has a label in ${locale}`, () => {
      const known = new Set(listMessageKeys(locale));
      assert.deepEqual(MAIL_KINDS.filter((kind) => !known.has(`invitations.batch.kind.${kind}`)), []);
    });
  }

  test('the list above names every kind the sources put in the outbox', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const path = await import('node:path');
    const root = path.join(import.meta.dirname, '..', '..', 'src');
    const files = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((name) => (statSync(path.join(dir, name)).isDirectory() ? walk(path.join(dir, name)) : name.endsWith('.ts') ? [path.join(dir, name)] : []));
    })(root);
    // A message for the outbox names its kind and then its template.
    const found = new Set(files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/kind: '([a-z-]+)',\s*template:/g)].map((m) => m[1]!)));
    assert.ok(found.size >= 4, `found ${[...found].join(', ')}`);
    assert.deepEqual([...found].filter((kind) => !MAIL_KINDS.includes(kind)), []);
  });
});
