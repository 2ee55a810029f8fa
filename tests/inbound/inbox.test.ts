import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import { claimOnce } from '../../src/db/index.js';
import { getConfig } from '../../src/config.js';
import { processInbox, startInbound, storeInbound, type Inbound } from '../../src/inbound/index.js';
import { InboundMessage } from '../../src/inbound/inbound-message.model.js';
import { AuditEntry } from '../../src/invitations/audit-entry.model.js';
import { CapturedMail } from '../../src/mail/captured-mail.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, type TestApp } from '../helpers/web.js';
import { storedInvitation } from '../invitations/fixtures.js';
import { calendarReply, invitedAndSent, makeWallClockEvent } from './inbound-fixtures.js';

useTestDatabase(import.meta.url);

const relayTo = (port: number) => nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });

async function until<T>(read: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = await read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('never happened');
}

describe('the inbox: one pipeline for every channel', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await createTestApp();
  });
  after(() => testApp.stop());

  describe('relay mode (INBOUND_SMTP_PORT)', () => {
    let inbound: Inbound;
    before(async () => {
      const config = getConfig();
      inbound = await startInbound({ ...config, inbound: { ...config.inbound, smtpPort: 0, smtpHost: '127.0.0.1' } }, { pollMs: 60_000 });
    });
    after(() => inbound.stop());

    test('when a relay forwards a calendar reply, then 250 comes only once it is stored, and the answer is applied', async () => {
      const event = await makeWallClockEvent();
      const sent = await invitedAndSent(String(event._id));
      const raw = calendarReply('outlook', { uid: sent.uid, attendee: sent.email, partstat: 'ACCEPTED' });
      const info = await relayTo(inbound.smtp!.port).sendMail({ envelope: { from: sent.email, to: ['convene@test.local'] }, raw });
      assert.match(info.response, /^250/);
      const stored = await InboundMessage.find({ channel: 'smtp', envelopeFrom: sent.email }).lean();
      assert.equal(stored.length, 1, 'stored before the relay heard 250');
      await inbound.worker.drain();
      assert.equal((await storedInvitation(sent.invitationId)).status, 'accepted');
    });

    test('when a message is over the size limit, then the relay gets 552 and nothing is stored', async () => {
      const big = Buffer.concat([Buffer.from('From: a@b.test\r\nTo: convene@test.local\r\nSubject: big\r\n\r\n'), Buffer.alloc(11 * 1024 * 1024, 'a')]);
      await assert.rejects(relayTo(inbound.smtp!.port).sendMail({ envelope: { from: 'a@b.test', to: ['convene@test.local'] }, raw: big }), (error: { responseCode?: number }) => error.responseCode === 552);
    });
  });

  test('when a message is stored over the size limit or its calendar part cannot be read, then it is quarantined, never a crash', async () => {
    const big = await storeInbound(Buffer.concat([Buffer.from('Message-ID: <big@x.test>\r\n\r\n'), Buffer.alloc(10 * 1024 * 1024 + 1, 'a')]), 'imap');
    const broken = await storeInbound(Buffer.from('From: a@b.test\r\nMessage-ID: <broken@x.test>\r\nContent-Type: text/calendar; method=REPLY\r\n\r\nthis is not a calendar\r\n'), 'imap');
    await processInbox('test-worker', 60_000);
    const [tooLarge, unreadable] = await Promise.all([InboundMessage.findById(big.id).lean(), InboundMessage.findById(broken.id).lean()]);
    assert.deepEqual([tooLarge!.status, tooLarge!.reason, tooLarge!.raw], ['quarantined', 'inbound.reason.tooLarge', undefined]);
    assert.deepEqual([unreadable!.status, unreadable!.reason], ['quarantined', 'inbound.reason.unparsable']);
  });

  test('when two workers handle the same inbox at once, then each reply is applied exactly once', async () => {
    const event = await makeWallClockEvent();
    const invited = await Promise.all(Array.from({ length: 12 }, () => invitedAndSent(String(event._id))));
    for (const sent of invited) await storeInbound(calendarReply('gmail', { uid: sent.uid, attendee: sent.email, partstat: 'ACCEPTED' }), 'imap');
    const [a, b] = await Promise.all([processInbox('worker-a', 60_000), processInbox('worker-b', 60_000)]);
    assert.equal(a + b, invited.length);
    for (const sent of invited) {
      assert.equal(await AuditEntry.countDocuments({ invitationId: sent.invitationId, action: 'rsvp.calendarReply' }), 1);
      assert.equal((await storedInvitation(sent.invitationId)).status, 'accepted');
    }
  });

  test('when the process that claimed a message died before handling it, then another takes it over once the claim is stale', async () => {
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const { id } = await storeInbound(calendarReply('apple', { uid: sent.uid, attendee: sent.email, partstat: 'DECLINED' }), 'imap');
    assert.ok(await claimOnce(`inbound:${id}`, 'dead-worker'));
    assert.equal(await processInbox('live-worker', 60_000), 0, 'a fresh claim is respected');
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(await processInbox('live-worker', 10), 1);
    assert.equal((await storedInvitation(sent.invitationId)).status, 'declined');
  });

  describe('the embedded default (neither IMAP_URL nor INBOUND_SMTP_PORT)', () => {
    let inbound: Inbound;
    before(async () => {
      inbound = await startInbound(getConfig(), { pollMs: 60_000 });
    });
    after(() => inbound.stop());

    test('when mail reaches the catcher for the reply address, then it is in the inbox as well as in /mailbox, and other mail is not', async () => {
      assert.deepEqual(inbound.channels, ['embedded']);
      const event = await makeWallClockEvent();
      const sent = await invitedAndSent(String(event._id));
      const raw = calendarReply('apple', { uid: sent.uid, attendee: sent.email, partstat: 'TENTATIVE' });
      await testApp.mail.transport.sendMail({ envelope: { from: sent.email, to: ['Convene@Test.Local'] }, raw });
      await testApp.mail.transport.sendMail({ envelope: { from: 'convene@test.local', to: [sent.email] }, raw: Buffer.from(`From: convene@test.local\r\nTo: ${sent.email}\r\nMessage-ID: <outgoing-${sent.invitationId}@test.local>\r\nSubject: x\r\n\r\nhello\r\n`) });
      const stored = await until(() => InboundMessage.findOne({ channel: 'embedded', envelopeFrom: sent.email }).lean());
      assert.ok(stored);
      assert.equal(await InboundMessage.countDocuments({ messageId: `<outgoing-${sent.invitationId}@test.local>` }), 0);
      assert.ok(await CapturedMail.findOne({ 'envelope.from': sent.email }).lean(), 'kept in /mailbox too');
      await until(async () => (await storedInvitation(sent.invitationId)).status === 'tentative');
    });
  });
});
