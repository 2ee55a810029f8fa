import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { simpleParser } from 'mailparser';
import { Event } from '../../src/events/event.model.js';
import { processInbox, storeInbound } from '../../src/inbound/index.js';
import { InboundMessage } from '../../src/inbound/inbound-message.model.js';
import { AuditEntry } from '../../src/invitations/audit-entry.model.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { OutboxBody, OutboxMessage } from '../../src/mail/outbox.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { parseIcs } from '../helpers/ics.js';
import { anonymousCsrf, answerForm, storedInvitation } from '../invitations/fixtures.js';
import { createTestApp, type TestApp } from '../helpers/web.js';
import { calendarReply, invitedAndSent, makeWallClockEvent, type CalendarClient } from './inbound-fixtures.js';

useTestDatabase(import.meta.url);

const WORKER = 'test-worker';

/** Store a message as a channel would and handle everything waiting; returns its inbox entry. */
async function receive(raw: Buffer) {
  const { id } = await storeInbound(raw, 'smtp');
  await processInbox(WORKER, 60_000);
  return (await InboundMessage.findById(id).lean())!;
}

describe('calendar replies (iTIP REPLY) from Outlook, Gmail and Apple Calendar', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await createTestApp();
  });
  after(() => testApp.stop());

  const clients: { client: CalendarClient; partstat: string; status: string; comment: string }[] = [
    { client: 'outlook', partstat: 'ACCEPTED', status: 'accepted', comment: 'Our president will attend.' },
    { client: 'gmail', partstat: 'DECLINED', status: 'declined', comment: '' },
    { client: 'apple', partstat: 'TENTATIVE', status: 'tentative', comment: '' },
  ];
  for (const { client, partstat, status, comment } of clients) {
    test(`when the head answers ${partstat} in ${client}, then the invitation shows ${status} from a calendar reply, with the note, in the audit trail and the confirmation`, async () => {
      const event = await makeWallClockEvent();
      const sent = await invitedAndSent(String(event._id));
      const entry = await receive(calendarReply(client, { uid: sent.uid, attendee: sent.email, partstat, comment }));
      assert.deepEqual([entry.status, entry.kind, entry.outcome], ['processed', 'calendar-reply', 'inbound.outcome.answered']);
      assert.equal(String(entry.invitationId), sent.invitationId);
      const invitation = await storedInvitation(sent.invitationId);
      assert.equal(invitation.status, status);
      assert.equal(invitation.comment, comment);
      assert.deepEqual({ kind: invitation.respondedBy?.kind, name: invitation.respondedBy?.name }, { kind: 'calendar', name: sent.email });
      assert.equal(invitation.delegates.length, status === 'declined' ? 0 : 1, 'an acceptance with nobody named counts the head');
      const audit = await AuditEntry.find({ invitationId: sent.invitationId, action: 'rsvp.calendarReply' }).lean();
      assert.equal(audit.length, 1);
      assert.equal(audit[0]!.actor?.kind, 'mail');
      const confirmation = await OutboxMessage.findOne({ invitationId: sent.invitationId, kind: 'rsvp-confirmation' }).lean();
      assert.ok(confirmation, 'confirmed as an answer from the link is');
      const body = (await OutboxBody.findById(confirmation._id).lean())!;
      if (status === 'declined') {
        assert.equal(body.calendar?.content ?? undefined, undefined, 'a decline is confirmed without a meeting request');
      } else {
        const { events } = parseIcs(body.calendar!.content!);
        assert.equal(events[0]!.attendees[0]!.getParameter('partstat'), partstat);
      }
    });
  }

  test('when the same reply is handled twice, then it is applied once: one audit entry, one confirmation', async () => {
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const raw = calendarReply('outlook', { uid: sent.uid, attendee: sent.email, partstat: 'ACCEPTED' });
    await receive(raw);
    const again = await storeInbound(raw, 'imap');
    assert.equal(again.duplicate, true);
    await processInbox(WORKER, 60_000);
    assert.equal(await AuditEntry.countDocuments({ invitationId: sent.invitationId, action: 'rsvp.calendarReply' }), 1);
    assert.equal(await OutboxMessage.countDocuments({ invitationId: sent.invitationId, kind: 'rsvp-confirmation' }), 1);
  });

  test('when delegates were named on the page, then a calendar acceptance or decline keeps them', async () => {
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const { csrf, cookie } = await anonymousCsrf(testApp.app, sent.token);
    const supertest = (await import('supertest')).default;
    const res = await supertest(testApp.app).post(`/rsvp/${sent.token}`).set('Cookie', cookie).type('form')
      .send(answerForm(csrf, { status: 'accepted', delegates: [{ name: '刘副行长', title: '副行长', substitute: true }, { name: '陈经理' }] }));
    assert.equal(res.status, 303);
    const codes = (await storedInvitation(sent.invitationId)).delegates.map((d) => d.checkInCode);
    await receive(calendarReply('gmail', { uid: sent.uid, attendee: sent.email, partstat: 'TENTATIVE', stamp: new Date(Date.now() + 1000) }));
    const invitation = await storedInvitation(sent.invitationId);
    assert.equal(invitation.status, 'tentative');
    assert.deepEqual(invitation.delegates.map((d) => d.checkInCode), codes);
  });

  test('when a REPLY is older than the answer from the link (DTSTAMP) or than the last reply (SEQUENCE), then it does not overwrite it', async () => {
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    await Invitation.updateOne({ _id: sent.invitationId }, { $set: { status: 'accepted', respondedAt: new Date(), respondedBy: { kind: 'token', name: 'abcd' } } });
    const older = await receive(calendarReply('outlook', { uid: sent.uid, attendee: sent.email, partstat: 'DECLINED', stamp: new Date(Date.now() - 3600_000) }));
    assert.equal(older.outcome, 'inbound.outcome.stale');
    assert.equal((await storedInvitation(sent.invitationId)).status, 'accepted');
    await receive(calendarReply('outlook', { uid: sent.uid, attendee: sent.email, partstat: 'TENTATIVE', sequence: 2, stamp: new Date(Date.now() + 1000) }));
    assert.equal((await storedInvitation(sent.invitationId)).status, 'tentative');
    const lowerSequence = await receive(calendarReply('apple', { uid: sent.uid, attendee: sent.email, partstat: 'DECLINED', sequence: 1, stamp: new Date(Date.now() + 5000) }));
    assert.equal(lowerSequence.outcome, 'inbound.outcome.stale');
    assert.equal((await storedInvitation(sent.invitationId)).status, 'tentative');
  });

  test('when a stranger sends a REPLY for a real UID and a real attendee, then nothing changes and it is quarantined', async () => {
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const entry = await receive(calendarReply('outlook', { uid: sent.uid, attendee: sent.email, from: 'mallory@evil.test', partstat: 'DECLINED' }));
    assert.deepEqual([entry.status, entry.reason], ['quarantined', 'inbound.reason.senderMismatch']);
    const invitation = await storedInvitation(sent.invitationId);
    assert.equal(invitation.status, 'pending');
    assert.equal(await AuditEntry.countDocuments({ invitationId: sent.invitationId, action: 'rsvp.calendarReply' }), 0);
  });

  test('when the ATTENDEE is not a recipient of the invitation, then nothing changes and it is quarantined', async () => {
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const entry = await receive(calendarReply('gmail', { uid: sent.uid, attendee: 'someone.else@bank.test', partstat: 'ACCEPTED' }));
    assert.deepEqual([entry.status, entry.reason], ['quarantined', 'inbound.reason.unknownAttendee']);
    assert.equal((await storedInvitation(sent.invitationId)).status, 'pending');
  });

  test('when a REPLY names an unknown UID or a cancelled event, then it is quarantined', async () => {
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const unknown = await receive(calendarReply('apple', { uid: 'nobody-knows@convene', attendee: sent.email, partstat: 'ACCEPTED' }));
    assert.deepEqual([unknown.status, unknown.reason], ['quarantined', 'inbound.reason.unknownUid']);
    await Event.updateOne({ _id: event._id }, { $set: { status: 'cancelled' } });
    const cancelled = await receive(calendarReply('apple', { uid: sent.uid, attendee: sent.email, partstat: 'ACCEPTED' }));
    assert.deepEqual([cancelled.status, cancelled.reason], ['quarantined', 'inbound.reason.cancelled']);
    assert.equal((await storedInvitation(sent.invitationId)).status, 'pending');
  });

  test('when a calendar proposes a new time (COUNTER), then the organiser sees it on the invitation and the answer is unchanged', async () => {
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const raw = calendarReply('outlook', { uid: sent.uid, attendee: sent.email, partstat: 'TENTATIVE', comment: 'Could we start at 14:00?' });
    const counter = Buffer.from(raw.toString('utf8').replace('method=REPLY', 'method=COUNTER'));
    const parsed = await simpleParser(raw);
    // The fixture's calendar is base64: rewrite METHOD inside it as well.
    const ics = parsed.attachments[0]!.content.toString('utf8').replace('METHOD:REPLY', 'METHOD:COUNTER');
    const rebuilt = Buffer.from(counter.toString('utf8').replace(parsed.attachments[0]!.content.toString('base64').replace(/.{76}/g, '$&\r\n').trim(), Buffer.from(ics).toString('base64').replace(/.{76}/g, '$&\r\n').trim()));
    const entry = await receive(rebuilt);
    assert.deepEqual([entry.status, entry.kind], ['processed', 'counter']);
    const invitation = await storedInvitation(sent.invitationId);
    assert.equal(invitation.status, 'pending');
    assert.equal(invitation.notes.length, 1);
    assert.equal(invitation.notes[0]!.kind, 'counter');
    assert.match(invitation.notes[0]!.text, /14:00/);
  });
});
