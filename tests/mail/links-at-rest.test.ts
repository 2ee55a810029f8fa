import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import supertest from 'supertest';
import { getEvent } from '../../src/events/index.js';
import { sendInvitations } from '../../src/invitations/index.js';
import { MAILBOX_RETENTION_DAYS, sweepCapturedMail } from '../../src/mail/index.js';
import { CapturedMail } from '../../src/mail/captured-mail.model.js';
import { OutboxBody, OutboxMessage } from '../../src/mail/outbox.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, type TestApp } from '../helpers/web.js';
import { inviteInstitution, makeEvent, organiser } from '../invitations/fixtures.js';
import { readCalendar, rsvpPathIn, startMailbox, type Mailbox } from '../invitations/mail-fixtures.js';

useTestDatabase(import.meta.url);

/** Everything stored in these collections, as one string: what someone reading the database would see. */
async function everythingIn(...models: { find(): { lean(): Promise<unknown[]> } }[]): Promise<string> {
  const all = await Promise.all(models.map((model) => model.find().lean()));
  return JSON.stringify(all);
}

describe('RSVP links at rest in the outbox', () => {
  let t: TestApp;
  let mailbox: Mailbox;
  before(async () => {
    t = await createTestApp();
    mailbox = await startMailbox();
  });
  after(async () => {
    await mailbox.stop();
    await t.stop();
  });

  test('when an invitation has been sent, then the email carried the live link, and nothing stored in the outbox holds it any more', async () => {
    const event = await makeEvent();
    const eventId = String(event._id);
    const { token } = await inviteInstitution(eventId);
    const batch = await sendInvitations(await getEvent(eventId), undefined, organiser);
    const [mail] = await mailbox.delivered(batch.batchId);
    assert.equal(rsvpPathIn(mail!), `/rsvp/${token}`, 'the email itself carries the live link');
    assert.ok(readCalendar(mail!), 'and its calendar request');
    await supertest(t.app).get(`/rsvp/${token}`).expect(200);
    const message = await OutboxMessage.findOne({ batchId: batch.batchId }).lean();
    // The sink has the message a moment before the worker records it as sent and redacts it.
    let body = await OutboxBody.findById(message!._id).lean();
    for (let i = 0; i < 100 && !body?.redactedAt; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      body = await OutboxBody.findById(message!._id).lean();
    }
    assert.ok(body?.redactedAt, 'the body is marked redacted');
    assert.match(body!.text, /\/rsvp\/\[link-removed-after-sending\]/, 'the text says where the link was');
    const stored = await everythingIn(OutboxBody, OutboxMessage);
    assert.ok(!stored.includes(token), 'the token is in no outbox document');
  });
});

describe('the embedded catcher\'s mailbox', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  test(`when caught mail is older than ${MAILBOX_RETENTION_DAYS} days, then the sweep deletes it and keeps newer mail`, async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: t.mail.embeddedPort, secure: false, ignoreTLS: true });
    for (const subject of ['old invitation', 'new invitation']) {
      await transport.sendMail({ from: 'convene@test.local', to: 'head@bank.test', subject, text: 'http://127.0.0.1:3999/rsvp/x' });
    }
    transport.close();
    const now = new Date('2026-06-30T00:00:00Z');
    await CapturedMail.updateOne({ subject: 'old invitation' }, { $set: { receivedAt: new Date(now.getTime() - (MAILBOX_RETENTION_DAYS + 1) * 86_400_000) } });
    await CapturedMail.updateOne({ subject: 'new invitation' }, { $set: { receivedAt: new Date(now.getTime() - 86_400_000) } });
    assert.equal(await sweepCapturedMail(now), 1);
    assert.deepEqual((await CapturedMail.find().lean()).map((m) => m.subject), ['new invitation']);
  });
});
