import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import { getConfig, type Config } from '../../src/config.js';
import { startMail, type MailService } from '../../src/mail/index.js';
import { CapturedMail } from '../../src/mail/captured-mail.model.js';
import { clearMailbox, getMailAttachment, listCapturedMails, readMailParts } from '../../src/mail/mailbox.service.js';
import { useTestDatabase } from '../helpers/db.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';

useTestDatabase(import.meta.url);

function configWith(smtpUrl: string | undefined): Config {
  const config = getConfig();
  return { ...config, mail: { ...config.mail, smtpUrl } };
}

const invitationIcs = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Convene//Test//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:symposium-2019@convene.test',
  'DTSTAMP:20190301T000000Z',
  'DTSTART:20190315T013000Z',
  'DTEND:20190315T080000Z',
  'SUMMARY:2019年度金融工作座谈会',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

function parseCalendar(content: Buffer) {
  const calendar = new ICAL.Component(ICAL.parse(content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent');
  return { method: calendar.getFirstPropertyValue('method'), summary: event?.getFirstPropertyValue('summary') };
}

describe('embedded mail catcher', () => {
  let mail: MailService;

  before(async () => {
    mail = await startMail(configWith(undefined));
  });
  after(() => mail.stop());

  test('when SMTP_URL is unset, then mail runs its own healthy catcher on a loopback port', async () => {
    assert.equal(mail.mode, 'embedded');
    assert.ok(mail.embeddedPort && mail.embeddedPort > 0);
    assert.equal(await mail.healthy(), true);
  });

  test('when an invitation with HTML, text and a calendar request is sent, then it is stored and parses back', async () => {
    const subject = '邀请：2019年度金融工作座谈会';
    const { messageId } = await mail.send({
      to: '张行长 <zhang@bank.test>',
      cc: 'office@bank.test',
      subject,
      text: '请点击链接回复。',
      html: '<p>请点击<a href="http://127.0.0.1:3999/rsvp/abc">链接</a>回复。</p>',
      icalEvent: { method: 'REQUEST', content: invitationIcs },
    });

    const stored = await CapturedMail.findOne({ messageId });
    assert.ok(stored, 'the message is in captured_mails');
    assert.equal(stored.subject, subject);
    assert.deepEqual(stored.envelope?.to, ['zhang@bank.test', 'office@bank.test']);
    assert.match(stored.from, /convene@test\.local|convene@localhost/, 'from defaults to config.mail.from');
    assert.match(stored.to, /zhang@bank\.test/);

    const reparsed = await simpleParser(stored.raw);
    assert.equal(reparsed.subject, subject);
    const calendarPart = reparsed.attachments.find((part) => part.contentType === 'text/calendar');
    assert.ok(calendarPart, 'the raw message carries a text/calendar part');
    assert.deepEqual(parseCalendar(calendarPart.content), { method: 'REQUEST', summary: '2019年度金融工作座谈会' });

    const parts = await readMailParts(stored);
    assert.match(parts.html ?? '', /rsvp\/abc/);
    assert.equal(parts.text?.trim(), '请点击链接回复。');
    const index = parts.attachments.findIndex((part) => part.contentType === 'text/calendar; method=REQUEST');
    assert.ok(index >= 0, 'the calendar alternative is kept as an attachment');
    const invite = await getMailAttachment(stored, index);
    assert.equal(invite.filename, 'invite.ics');
    assert.deepEqual(parseCalendar(invite.content), { method: 'REQUEST', summary: '2019年度金融工作座谈会' });
    assert.equal(stored.attachmentCount, parts.attachments.length);
  });

  test('when a message is too big to keep its parts beside the raw copy, then the parts are re-read from the raw copy', async () => {
    const pdf = Buffer.alloc(7 * 1024 * 1024, 7);
    const { messageId } = await mail.send({ to: 'big@bank.test', subject: 'Agenda pack', text: 'attached', attachments: [{ filename: 'agenda.pdf', content: pdf }] });
    const stored = await CapturedMail.findOne({ messageId });
    assert.ok(stored);
    assert.equal(stored.partsStored, false);
    assert.equal(stored.attachmentCount, 1);
    const attachment = await getMailAttachment(stored, 0);
    assert.equal(attachment.filename, 'agenda.pdf');
    assert.ok(attachment.content.equals(pdf));
  });

  test('when the mailbox is searched, then only messages whose subject or recipient matches are listed, newest first', async () => {
    await clearMailbox('test');
    await mail.send({ to: 'li@bank.test', subject: 'Forum reminder' });
    await mail.send({ to: 'wang@insurer.test', subject: '年会 回执确认' });
    await mail.send({ to: 'zhao@insurer.test', subject: 'Minutes (draft)' });

    assert.deepEqual((await listCapturedMails({})).mails.map((m) => m.subject), ['Minutes (draft)', '年会 回执确认', 'Forum reminder']);
    assert.deepEqual((await listCapturedMails({ q: '年会' })).mails.map((m) => m.to), ['wang@insurer.test']);
    assert.deepEqual((await listCapturedMails({ q: 'INSURER' })).mails.map((m) => m.subject), ['Minutes (draft)', '年会 回执确认']);
    assert.deepEqual((await listCapturedMails({ q: '(draft' })).mails.map((m) => m.subject), ['Minutes (draft)']);
    assert.equal((await listCapturedMails({ q: '.*' })).total, 0, 'the search text is literal, not a pattern');
  });

  test('when there are more than 50 messages, then the list pages them 50 at a time', async () => {
    await clearMailbox('test');
    const base = Date.UTC(2019, 2, 1);
    await CapturedMail.insertMany(
      Array.from({ length: 51 }, (_, i) => ({ subject: `m${i}`, size: 1, raw: Buffer.from('x'), receivedAt: new Date(base + i * 1000) })),
    );
    const first = await listCapturedMails({ page: 1 });
    const second = await listCapturedMails({ page: 2 });
    assert.equal(first.mails.length, 50);
    assert.equal(first.mails[0]?.subject, 'm50');
    assert.deepEqual(second.mails.map((m) => m.subject), ['m0']);
    assert.equal(first.pageCount, 2);
    assert.equal((await listCapturedMails({ page: 9 })).page, 2, 'a page past the end shows the last page');
  });

  test('when the mailbox is cleared, then it is empty', async () => {
    await mail.send({ to: 'x@bank.test', subject: 'to be cleared' });
    assert.ok((await clearMailbox('test')) >= 1);
    assert.equal(await CapturedMail.countDocuments(), 0);
  });
});

describe('mail through SMTP_URL', () => {
  test('when SMTP_URL is set, then mail goes through a pooled transport to that server', async () => {
    const sink = await startSmtpSink();
    const mail = await startMail(configWith(sink.url));
    try {
      assert.equal(mail.mode, 'smtp');
      assert.equal(mail.embeddedPort, undefined);
      assert.equal(mail.transport.transporter.name, 'SMTP (pool)');
      assert.equal(await mail.healthy(), true);
      await mail.send({ to: 'zhou@bank.test', subject: '会议通知', text: '您好' });
      const [received] = await sink.waitFor(1);
      assert.equal(received?.subject, '会议通知');
      assert.deepEqual(sink.envelopes[0]?.to, ['zhou@bank.test']);
    } finally {
      await mail.stop();
      await sink.stop();
    }
  });

  test('when the SMTP server cannot be reached, then health is reported down', async () => {
    const sink = await startSmtpSink();
    await sink.stop();
    const mail = await startMail(configWith(sink.url));
    try {
      assert.equal(await mail.healthy(), false);
    } finally {
      await mail.stop();
    }
  });

  test('when the server refuses or drops a transaction, then sending fails and nothing is recorded', async () => {
    const draws = [0, 0.9, 0];
    const sink = await startSmtpSink({ dropRate: 0.5, rejectRate: 0.5, rejectCode: 550, random: () => draws.shift() ?? 1 });
    const mail = await startMail(configWith(sink.url));
    try {
      await assert.rejects(mail.send({ to: 'a@bank.test', subject: 'dropped', text: '.' }));
      await assert.rejects(mail.send({ to: 'a@bank.test', subject: 'refused', text: '.' }), { responseCode: 550 });
      await assert.rejects(mail.send({ to: 'a@bank.test', subject: 'dropped again', text: '.' }));
      await mail.send({ to: 'a@bank.test', subject: 'accepted', text: '.' });
      assert.deepEqual(sink.messages.map((m) => m.subject), ['accepted']);
      assert.deepEqual(sink.faults, { rejected: 1, dropped: 2 });
    } finally {
      await mail.stop();
      await sink.stop();
    }
  });
});
