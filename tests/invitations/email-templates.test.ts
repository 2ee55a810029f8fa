import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { getEvent } from '../../src/events/index.js';
import { composeEmail, EMAIL_KINDS, type StencilCache } from '../../src/invitations/compose.service.js';
import { registerAllMessages } from '../../src/messages.js';
import { listMessageKeys, type Locale } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { assertWellFormedIcs, parseIcs } from '../helpers/ics.js';
import { inviteInstitution, makeEvent, storedInvitation } from './fixtures.js';

useTestDatabase(import.meta.url);
registerAllMessages();

const EMAILS = new URL('../../src/invitations/emails/', import.meta.url);

describe('the email templates', () => {
  test('when an invitee reads any email in Korean or Japanese, then every string of it is translated', () => {
    const files = readdirSync(EMAILS).filter((name) => name.endsWith('.ejs'));
    const literal = files.flatMap((name) => [...readFileSync(new URL(name, EMAILS), 'utf8').matchAll(/\bt\('([\w.]+\w)'(?! \+)/g)].map((m) => m[1]!));
    assert.ok(literal.length > 30, 'the templates were read');
    const keys = [...new Set([...literal, ...['pending', 'accepted', 'tentative', 'declined'].map((s) => `rsvp.status.${s}`)])];
    const subjects = EMAIL_KINDS.map((kind) => `invitations.email.${{ 'rsvp-confirmation': 'confirmation', 'day-before': 'dayBefore' }[kind as string] ?? kind}.subject`);
    for (const locale of ['ko', 'ja'] as Locale[]) {
      const known = new Set(listMessageKeys(locale));
      assert.deepEqual([...keys, ...subjects, 'invitations.email.testSubject'].filter((key) => !known.has(key)), [], `missing in ${locale}`);
    }
  });

  test('when a batch renders once per language and fills in each invitee, then every message is what rendering it alone gives (but for where text lines wrap)', async () => {
    const event = await makeEvent({ descriptionZh: '交流<金融>服务 & "实体经济"' });
    const { invitationId } = await inviteInstitution(String(event._id), { preferredLocale: 'ko' });
    const invitation = await storedInvitation(invitationId);
    const stencils: StencilCache = new Map();
    for (const kind of ['invitation', 'reminder', 'update', 'cancellation'] as const) {
      const input = { kind, event: await getEvent(String(event._id)), invitation, inviteeName: '<테스트 & "은행">', rsvpUrl: 'http://127.0.0.1:3999/rsvp/a?b=1&c=2', changes: [{ label: 'rsvp.where', before: 'A <1>', after: 'B & 2' }] };
      const alone = await composeEmail(input);
      await composeEmail({ ...input, inviteeName: 'someone else', rsvpUrl: 'http://other' }, stencils);
      const filled = await composeEmail(input, stencils);
      assert.equal(filled.subject, alone.subject, kind);
      assert.equal(filled.html, alone.html, kind);
      const words = (text: string) => text.replace(/\s+/g, ' ');
      assert.equal(words(filled.text), words(alone.text), kind);
    }
    assert.equal(stencils.size, 4, 'one rendering per kind and language');
  });

  test('addresses copied on an invitation are optional attendees of its meeting request, with the invitation\'s answer', async () => {
    const event = await makeEvent();
    const { invitationId } = await inviteInstitution(String(event._id));
    const invitation = { ...(await storedInvitation(invitationId)), cc: ['Secretary@Bank.example', 'office@bank.example'], status: 'accepted' as const };
    const mail = await composeEmail({ kind: 'reminder', event: await getEvent(String(event._id)), invitation, inviteeName: '银行', rsvpUrl: 'http://127.0.0.1/rsvp/x' });
    assertWellFormedIcs(mail.calendar!.content);
    const attendees = parseIcs(mail.calendar!.content).events[0]!.attendees;
    assert.deepEqual(
      attendees.map((a) => [String(a.getFirstValue()).toLowerCase(), a.getParameter('role'), a.getParameter('partstat'), a.getParameter('rsvp')]),
      [
        [`mailto:${invitation.recipient!.email.toLowerCase()}`, 'REQ-PARTICIPANT', 'ACCEPTED', 'FALSE'],
        ['mailto:secretary@bank.example', 'OPT-PARTICIPANT', 'ACCEPTED', 'FALSE'],
        ['mailto:office@bank.example', 'OPT-PARTICIPANT', 'ACCEPTED', 'FALSE'],
      ],
    );
  });

  test('someone who declined gets no meeting request: the confirmation of a decline is plain mail, a cancellation still cancels', async () => {
    const event = await makeEvent();
    const { invitationId } = await inviteInstitution(String(event._id));
    const invitation = { ...(await storedInvitation(invitationId)), status: 'declined' as const };
    const input = { event: await getEvent(String(event._id)), invitation, inviteeName: '银行', rsvpUrl: 'http://127.0.0.1/rsvp/x' };
    for (const kind of ['rsvp-confirmation', 'update', 'reminder'] as const) assert.equal((await composeEmail({ ...input, kind })).calendar, undefined, kind);
    assert.equal((await composeEmail({ ...input, kind: 'cancellation' })).calendar?.method, 'CANCEL');
    const pending = { ...input, invitation: { ...invitation, status: 'pending' as const } };
    assert.equal((await composeEmail({ ...pending, kind: 'reminder' })).calendar?.method, 'REQUEST');
  });
});
