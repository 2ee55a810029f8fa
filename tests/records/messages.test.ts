import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { registerAllMessages } from '../../src/messages.js';
import { listMessageKeys, type Locale } from '../../src/web/i18n.js';

registerAllMessages();

/** What invited institutions read: the follow-up email, the public news page, the RSVP links and errors of their downloads. */
const PUBLIC_VIEWS = ['emails/followup.ejs', 'views/news-public.ejs'].map((name) => new URL(`../../src/records/${name}`, import.meta.url));
const DYNAMIC = ['open', 'accepted', 'in_progress', 'answered', 'declined'].map((s) => `records.followup.status.${s}`).concat(
  ['records.followup.email.subject', 'records.rsvp.minutesLink', 'records.rsvp.minutesPdfLink', 'records.rsvp.minutesNote'],
  ['records.export.notPublished', 'records.export.noSuchVersion', 'records.export.pdfUnavailable'],
);

function keysIn(file: URL): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/t\('([a-zA-Z0-9_.]+)'/g)].map((m) => m[1]!);
}

describe('languages of what institutions see', () => {
  for (const locale of ['zh', 'en', 'ko', 'ja'] as Locale[]) {
    test(`every message of the follow-up, the news page and the invitee's downloads exists in ${locale}`, () => {
      const known = new Set(listMessageKeys(locale));
      const keys = [...new Set([...PUBLIC_VIEWS.flatMap(keysIn), ...DYNAMIC])].filter((key) => key.startsWith('records.'));
      assert.ok(keys.length > 20);
      assert.deepEqual(keys.filter((key) => !known.has(key)), []);
    });
  }
});
