import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import nodemailer from 'nodemailer';
import { buildCalendar } from '../../src/calendar/index.js';
import { getConfig } from '../../src/config.js';
import { startInbound, type Inbound } from '../../src/inbound/index.js';
import { startOutboxWorker, type OutboxWorker } from '../../src/mail/index.js';
import { replyFromCalendarClient } from '../../src/mail/calendar-client.service.js';
import { CapturedMail } from '../../src/mail/captured-mail.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { parseIcs } from '../helpers/ics.js';
import { checkWithIcalendar } from '../helpers/ics-check.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { storedInvitation } from '../invitations/fixtures.js';
import { translate } from '../../src/web/i18n.js';
import { invitedAndSent, makeWallClockEvent } from './inbound-fixtures.js';

useTestDatabase(import.meta.url);

async function until<T>(read: () => Promise<T | null | undefined | false>): Promise<T> {
  for (let i = 0; i < 400; i += 1) {
    const value = await read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('never happened');
}

describe('/mailbox answers as the invitee’s calendar client (the embedded default)', () => {
  let testApp: TestApp;
  let inbound: Inbound;
  let outbox: OutboxWorker;
  before(async () => {
    testApp = await createTestApp();
    inbound = await startInbound(getConfig(), { pollMs: 60_000 });
    outbox = startOutboxWorker({ transport: testApp.mail.transport, from: getConfig().mail.from, pollMs: 50 });
  });
  after(async () => {
    await outbox.stop();
    await inbound.stop();
    await testApp.stop();
  });

  test('when an organiser presses Accept on a caught invitation, then a real iTIP REPLY reaches the reply address and the board shows the acceptance from a calendar reply', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const caught = await until(() => CapturedMail.findOne({ 'envelope.to': sent.email }).lean());
    const page = await agent.get(`/mailbox/${caught._id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /data-testid="calendar-client"/);
    const res = await agent.post(`/mailbox/${caught._id}/calendar-reply`).type('form').send({ _csrf: csrf, answer: 'ACCEPTED' });
    assert.equal(res.status, 303);
    const sentBack = { 'envelope.from': sent.email, 'envelope.to': 'convene@test.local' };
    await until(() => CapturedMail.exists(sentBack));
    const reply = (await CapturedMail.findOne(sentBack))!;
    const calendar = reply.attachments.find((a: { contentType: string }) => a.contentType.startsWith('text/calendar'))!;
    assert.equal(calendar.contentType, 'text/calendar; method=REPLY');
    const { method, events } = parseIcs(calendar.content!.toString('utf8'));
    assert.equal(method, 'REPLY');
    assert.equal(events[0]!.uid, sent.uid);
    assert.equal(events[0]!.attendees[0]!.getParameter('partstat'), 'ACCEPTED');
    await until(async () => (await storedInvitation(sent.invitationId)).status === 'accepted');
    const board = await agent.get(`/events/${event._id}/board`);
    assert.ok(board.text.includes(translate('zh', 'invitations.byCalendar', { name: sent.email })), 'the board names the source');
  });

  test('when the answer is not one a calendar offers, then the form is refused with 422 and nothing is sent', async () => {
    const { agent, csrf } = await signIn(testApp.app, 'organiser');
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const caught = await until(() => CapturedMail.findOne({ 'envelope.to': sent.email }).lean());
    const res = await agent.post(`/mailbox/${caught._id}/calendar-reply`).type('form').send({ _csrf: csrf, answer: 'MAYBE' });
    assert.equal(res.status, 422);
    assert.equal(await CapturedMail.countDocuments({ 'envelope.from': sent.email }), 0);
  });

  test('when the invitee’s name holds quotes, a comma and a caret, then the REPLY names the attendee whole (RFC 6868), for ical.js and Python’s icalendar alike', async () => {
    const sink = await startSmtpSink();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, ignoreTLS: true });
    try {
      const name = '蓝湾银行 "总行", 张^行长';
      const request = buildCalendar({
        method: 'REQUEST',
        from: 'Convene Test <convene@test.local>',
        events: [{ uid: 'quoted-name@convene', sequence: 1, summary: '座谈会', startsAt: new Date('2026-12-21T01:30:00Z'), endsAt: new Date('2026-12-21T03:30:00Z'), timezone: 'Asia/Shanghai', attendees: [{ name, email: 'zhang@bank.example', partstat: 'NEEDS-ACTION' }] }],
      });
      await replyFromCalendarClient({ attachments: [{ filename: 'invite.ics', contentType: 'text/calendar; method=REQUEST', size: request.length, content: Buffer.from(request) }] }, 'TENTATIVE', transport);
      const [reply] = await sink.waitFor(1);
      const text = reply!.attachments.find((a) => a.contentType === 'text/calendar')!.content.toString('utf8');
      const attendee = parseIcs(text).events[0]!.attendees[0]!;
      assert.deepEqual([attendee.getParameter('cn'), attendee.getParameter('partstat')], [name, 'TENTATIVE']);
      const { results } = checkWithIcalendar({ reply: text });
      assert.deepEqual(results.reply!.problems, []);
      assert.equal(results.reply!.calendar!.events[0]!.attendees[0]!.cn, name);
    } finally {
      transport.close();
      await sink.stop();
    }
  });
});
