import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { processInbox, storeInbound } from '../../src/inbound/index.js';
import { InboundMessage } from '../../src/inbound/inbound-message.model.js';
import { AuditEntry } from '../../src/invitations/audit-entry.model.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { translate } from '../../src/web/i18n.js';
import { apiTokenFor, createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { storedInvitation } from '../invitations/fixtures.js';
import { fixture, invitedAndSent, makeWallClockEvent } from './inbound-fixtures.js';
import supertest from 'supertest';

useTestDatabase(import.meta.url);

async function receive(raw: Buffer) {
  const { id } = await storeInbound(raw, 'imap');
  await processInbox('test-worker', 60_000);
  return (await InboundMessage.findById(id).lean())!;
}

const localId = () => randomBytes(8).toString('hex');

describe('bounces, plain replies and auto-replies', () => {
  let testApp: TestApp;
  let token: string;
  before(async () => {
    testApp = await createTestApp();
    token = await apiTokenFor('organiser');
  });
  after(() => testApp.stop());

  for (const mta of ['postfix', 'exchange'] as const) {
    test(`when ${mta} bounces an invitation (RFC 3464), then the message and the invitation show bounced with the reason and the failing address`, async () => {
      const event = await makeWallClockEvent();
      const sent = await invitedAndSent(String(event._id));
      const entry = await receive(fixture(`${mta}-bounce.eml`, { LOCALID: localId(), RECIPIENT: sent.email, ORIGINAL_MESSAGE_ID: sent.messageId }));
      assert.deepEqual([entry.status, entry.kind, entry.outcome], ['processed', 'bounce', 'inbound.outcome.bounced']);
      const invitation = await storedInvitation(sent.invitationId);
      assert.equal(invitation.delivery?.status, 'bounced');
      assert.equal(invitation.delivery?.address, sent.email);
      assert.match(invitation.delivery?.reason ?? '', mta === 'postfix' ? /550 5\.1\.1/ : /RecipientNotFound/);
      const message = (await OutboxMessage.findOne({ messageId: sent.messageId }).lean())!;
      assert.equal(message.bounce?.address, sent.email);
      assert.equal(await AuditEntry.countDocuments({ invitationId: sent.invitationId, action: 'invitation.bounced' }), 1);
      const api = await supertest(testApp.app).get(`/api/v1/events/${event._id}/invitations`).set('Authorization', `Bearer ${token}`);
      const row = api.body.invitations.find((inv: { id: string }) => inv.id === sent.invitationId);
      assert.deepEqual({ status: row.delivery.status, address: row.delivery.address }, { status: 'bounced', address: sent.email });
    });
  }

  test('when a bounce names no message Convene sent, then it is quarantined and changes nothing', async () => {
    const entry = await receive(fixture('postfix-bounce.eml', { LOCALID: localId(), RECIPIENT: 'x@bank.test', ORIGINAL_MESSAGE_ID: '<not-ours@elsewhere.test>' }));
    assert.deepEqual([entry.status, entry.reason], ['quarantined', 'inbound.reason.unmatched']);
  });

  test('when an institution answers an invitation in plain words, then the text is attached to the invitation as an unread note and nothing is counted', async () => {
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const text = '我行副行长刘明将代替行长出席。';
    const entry = await receive(fixture('plain-reply.eml', { LOCALID: localId(), NAME: '李经理', FROM: 'office@bank.test', ORIGINAL_MESSAGE_ID: sent.messageId, TEXT: text }));
    assert.deepEqual([entry.status, entry.kind], ['processed', 'reply']);
    const invitation = await storedInvitation(sent.invitationId);
    assert.equal(invitation.status, 'pending');
    assert.equal(invitation.notes.length, 1);
    assert.deepEqual({ kind: invitation.notes[0]!.kind, from: invitation.notes[0]!.from, read: invitation.notes[0]!.read }, { kind: 'reply', from: 'office@bank.test', read: false });
    assert.match(invitation.notes[0]!.text, /刘明/);
    const api = await supertest(testApp.app).get(`/api/v1/events/${event._id}/invitations`).set('Authorization', `Bearer ${token}`);
    const row = api.body.invitations.find((inv: { id: string }) => inv.id === sent.invitationId);
    assert.equal(row.notes.length, 1);
    assert.equal(row.notes[0].unread, true);
  });

  test('when an out-of-office auto-reply comes back, then it is recorded for the invitation but neither answered nor counted nor noted', async () => {
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const outboxBefore = await OutboxMessage.countDocuments({ invitationId: sent.invitationId });
    const entry = await receive(fixture('outlook-auto-reply.eml', { LOCALID: localId(), NAME: 'Zhang Wei', FROM: sent.email, ORIGINAL_MESSAGE_ID: sent.messageId }));
    assert.deepEqual([entry.status, entry.kind, String(entry.invitationId)], ['processed', 'auto-reply', sent.invitationId]);
    const invitation = await storedInvitation(sent.invitationId);
    assert.equal(invitation.status, 'pending');
    assert.equal(invitation.notes.length, 0);
    assert.equal(await OutboxMessage.countDocuments({ invitationId: sent.invitationId }), outboxBefore, 'nothing is sent back');
  });

  test('when a message answers nothing Convene sent, then the organiser finds it in quarantine, and the event inbox page and API list what came back', async () => {
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const stray = await receive(fixture('plain-reply.eml', { LOCALID: localId(), NAME: 'Spam', FROM: 'spam@nowhere.test', ORIGINAL_MESSAGE_ID: '<random@nowhere.test>', TEXT: 'Buy now' }));
    assert.deepEqual([stray.status, stray.reason], ['quarantined', 'inbound.reason.unmatched']);
    await receive(fixture('plain-reply.eml', { LOCALID: localId(), NAME: 'Li', FROM: 'office@bank.test', ORIGINAL_MESSAGE_ID: sent.messageId, TEXT: 'Noted, thanks.' }));
    const inbox = await supertest(testApp.app).get(`/api/v1/events/${event._id}/inbox`).set('Authorization', `Bearer ${token}`);
    assert.equal(inbox.status, 200);
    assert.deepEqual(inbox.body.items.map((i: { kind: string; from: string; quarantined: boolean; outcome: string }) => [i.kind, i.from, i.quarantined, i.outcome]), [['reply', 'office@bank.test', false, 'noted']]);
    const { agent } = await signIn(testApp.app, 'organiser');
    const page = await agent.get(`/events/${event._id}/inbox`);
    assert.equal(page.status, 200);
    assert.match(page.text, /data-kind="reply"/);
    const quarantine = await agent.get('/inbox/quarantine');
    assert.equal(quarantine.status, 200);
    assert.ok(quarantine.text.includes(translate('zh', 'inbound.reason.unmatched')), 'the organiser reads why it was set aside');
    const viewer = await apiTokenFor('viewer');
    assert.equal((await supertest(testApp.app).get(`/api/v1/events/${event._id}/inbox`).set('Authorization', `Bearer ${viewer}`)).status, 403);
    assert.equal((await supertest(testApp.app).get('/api/v1/events/000000000000000000000000/inbox').set('Authorization', `Bearer ${token}`)).status, 404);
  });

  test('the organiser reaches what came back from the event\'s pages and reads any message, quarantined or not, as text', async () => {
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const stray = await receive(fixture('plain-reply.eml', { LOCALID: localId(), NAME: 'Stranger', FROM: 'stranger@nowhere.test', ORIGINAL_MESSAGE_ID: '<random@nowhere.test>', TEXT: '您好 <script>alert(1)</script> & goodbye' }));
    const noted = await receive(fixture('plain-reply.eml', { LOCALID: localId(), NAME: 'Li', FROM: 'office@bank.test', ORIGINAL_MESSAGE_ID: sent.messageId, TEXT: '副行长将代为出席。' }));
    const { agent } = await signIn(testApp.app, 'organiser');
    const board = await agent.get(`/events/${event._id}/board`);
    assert.match(board.text, new RegExp(`href="/events/${event._id}/inbox"`), 'the event\'s pages link to what came back');
    const inbox = await agent.get(`/events/${event._id}/inbox?lang=en`);
    assert.match(inbox.text, new RegExp(`href="/events/${event._id}/invitations/${sent.invitationId}">Invitation<`));
    assert.match(inbox.text, new RegExp(`href="/inbox/${encodeURIComponent(noted._id)}"`));
    assert.match(inbox.text, /href="\/inbox\/quarantine"/);
    const quarantine = await agent.get('/inbox/quarantine?lang=en');
    assert.match(quarantine.text, /answer no event or invitation it knows/, 'the quarantine page says what it lists, not "for this event"');
    const read = await agent.get(`/inbox/${encodeURIComponent(stray._id)}?lang=zh`);
    assert.equal(read.status, 200);
    assert.match(read.text, /data-testid="message-text">[^<]*您好 &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; goodbye/);
    assert.match(read.text, new RegExp(translate('zh', 'inbound.reason.unmatched')));
    const mine = await agent.get(`/inbox/${encodeURIComponent(noted._id)}?lang=zh`);
    assert.match(mine.text, /副行长将代为出席。/);
    assert.match(mine.text, new RegExp(`href="/events/${event._id}/invitations/${sent.invitationId}"`));
    assert.equal((await agent.get('/inbox/no-such-message')).status, 404);
    const viewer = await signIn(testApp.app, 'viewer');
    assert.equal((await viewer.agent.get(`/inbox/${encodeURIComponent(stray._id)}`)).status, 403);
  });
});
