import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { processInbox, storeInbound } from '../../src/inbound/index.js';
import { Institution } from '../../src/institutions/institution.model.js';
import { AuditEntry } from '../../src/invitations/audit-entry.model.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { storedInvitation } from '../invitations/fixtures.js';
import { fixture, invitedAndSent, makeWallClockEvent } from './inbound-fixtures.js';

useTestDatabase(import.meta.url);

/** An invitation sent, and a Postfix bounce for it taken in through the inbound pipeline. */
async function bouncedInvitation() {
  const event = await makeWallClockEvent();
  const sent = await invitedAndSent(String(event._id));
  await storeInbound(fixture('postfix-bounce.eml', { LOCALID: randomBytes(8).toString('hex'), RECIPIENT: sent.email, ORIGINAL_MESSAGE_ID: sent.messageId }), 'imap');
  await processInbox('test-worker', 60_000);
  return { eventId: String(event._id), ...sent };
}

describe('a bounced invitation on the board', () => {
  let testApp: TestApp;
  let organiser: Awaited<ReturnType<typeof signIn>>;
  before(async () => {
    testApp = await createTestApp();
    organiser = await signIn(testApp.app, 'organiser');
  });
  after(() => testApp.stop());

  test('the board counts bounced invitations, links the count to a filter that shows only them, and each to its correction', async () => {
    const bounced = await bouncedInvitation();
    const board = await organiser.agent.get(`/events/${bounced.eventId}/board?lang=zh`);
    assert.equal(board.status, 200);
    assert.match(board.text, /data-testid="bounced-count"><a href="\?delivery=bounced" class="badge badge--bad">1<\/a>/);
    assert.match(board.text, new RegExp(`href="/events/${bounced.eventId}/invitations/${bounced.invitationId}#readdress">更正地址`));
    const only = await organiser.agent.get(`/events/${bounced.eventId}/board?delivery=bounced`);
    assert.equal((only.text.match(/<tr data-status=/g) ?? []).length, 1);
    assert.match(only.text, /<option value="bounced" selected>/);
    const odd = await organiser.agent.get(`/events/${bounced.eventId}/board?delivery=%3Cscript%3E`);
    assert.equal(odd.status, 200, 'an unknown filter value shows everything rather than an error');
  });

  test('the organiser corrects the address and the invitation goes to it at once; the directory and the trail follow', async () => {
    const bounced = await bouncedInvitation();
    const page = await organiser.agent.get(`/events/${bounced.eventId}/invitations/${bounced.invitationId}?lang=en`);
    assert.match(page.text, /id="readdress"/);
    assert.match(page.text, new RegExp(`value="${bounced.email}"`), 'the form starts from the address that bounced');
    const url = `/events/${bounced.eventId}/invitations/${bounced.invitationId}/readdress`;

    for (const [email, message] of [['', /This field is required/], ['not-an-address', /email address/i], [bounced.email.toUpperCase(), /the address that bounced/]] as const) {
      const refused = await organiser.agent.post(`${url}?lang=en`).type('form').send({ _csrf: organiser.csrf, email });
      assert.equal(refused.status, 422, email);
      assert.match(refused.text, message);
      assert.doesNotMatch(refused.text, /Some fields need your attention/, 'the answer form below is not blamed');
    }
    assert.equal((await storedInvitation(bounced.invitationId)).recipient!.email, bounced.email, 'nothing changed on a refusal');
    assert.equal((await organiser.agent.post(url).type('form').send({ email: 'right@bank.test' })).status, 403, 'no CSRF token, no change');

    const before = await OutboxMessage.countDocuments({ invitationId: bounced.invitationId });
    const done = await organiser.agent.post(url).type('form').send({ _csrf: organiser.csrf, email: ' Right.Head@Bank.test ' });
    assert.equal(done.status, 303);
    assert.match(done.headers.location!, new RegExp(`/events/${bounced.eventId}/batches/`));
    const invitation = await storedInvitation(bounced.invitationId);
    assert.equal(invitation.recipient!.email, 'right.head@bank.test');
    assert.equal(invitation.delivery?.status, undefined, 'the bounce is forgotten once the address is corrected');
    const resent = await OutboxMessage.find({ invitationId: bounced.invitationId }).sort({ createdAt: 1 }).lean();
    assert.equal(resent.length, before + 1);
    assert.deepEqual(resent.at(-1)!.to.map((a) => a.email), ['right.head@bank.test']);
    const institution = (await Institution.findById(invitation.institutionId).lean())!;
    assert.deepEqual(institution.contacts.map((c) => c.email).includes('right.head@bank.test'), true);
    assert.equal(institution.contacts.some((c) => c.email === bounced.email), false, 'the wrong address is gone from the directory');
    const trail = await AuditEntry.findOne({ invitationId: bounced.invitationId, action: 'invitation.readdressed' }).lean();
    assert.deepEqual([trail?.before, trail?.after], [{ address: bounced.email, delivery: 'bounced' }, { address: 'right.head@bank.test', directory: true }]);
    const board = await organiser.agent.get(`/events/${bounced.eventId}/board`);
    assert.match(board.text, /data-testid="bounced-count">0</);
  });

  test('a viewer sees the bounce but neither the correction form nor the right to post it', async () => {
    const bounced = await bouncedInvitation();
    const viewer = await signIn(testApp.app, 'viewer');
    const page = await viewer.agent.get(`/events/${bounced.eventId}/invitations/${bounced.invitationId}`);
    assert.match(page.text, /data-testid="bounced"/);
    assert.doesNotMatch(page.text, /id="readdress"/);
    const refused = await viewer.agent.post(`/events/${bounced.eventId}/invitations/${bounced.invitationId}/readdress`).type('form').send({ _csrf: viewer.csrf, email: 'x@bank.test' });
    assert.equal(refused.status, 403);
  });
});
