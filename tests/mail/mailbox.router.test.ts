import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import ICAL from 'ical.js';
import { simpleParser } from 'mailparser';
import supertest from 'supertest';
import { CapturedMail } from '../../src/mail/captured-mail.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, csrfFrom, signIn, type Agent, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

const HTML_CSP = "sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none'; img-src data: cid:; style-src 'unsafe-inline'";

const ics = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Convene//Test//EN',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:forum-2019@convene.test',
  'DTSTAMP:20190301T000000Z',
  'DTSTART:20190320T013000Z',
  'DTEND:20190320T080000Z',
  'SUMMARY:金融论坛',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

/** Buffer a binary response body (supertest only buffers text types by default). */
function binary(res: unknown, done: (err: Error | null, body: Buffer) => void): void {
  const stream = res as IncomingMessage;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

describe('mailbox pages', () => {
  let testApp: TestApp;
  let organiser: Agent;
  let mailId: string;

  before(async () => {
    testApp = await createTestApp();
    organiser = (await signIn(testApp.app, 'organiser')).agent;
    const { messageId } = await testApp.mail.send({
      to: 'chen@bank.test',
      subject: '<script>alert(1)</script> 邀请',
      text: 'Reply: http://127.0.0.1:3999/rsvp/secret',
      html: '<html><head><title>x</title></head><body><a href="http://127.0.0.1:3999/rsvp/secret">回复</a><script>alert(2)</script></body></html>',
      icalEvent: { method: 'REQUEST', content: ics },
    });
    const stored = await CapturedMail.findOne({ messageId });
    assert.ok(stored);
    mailId = stored.id as string;
  });
  after(() => testApp.stop());

  test('when an organiser opens the mailbox, then the message is listed with its subject escaped', async () => {
    const res = await organiser.get('/mailbox').expect(200);
    assert.match(res.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt; 邀请/);
    assert.doesNotMatch(res.text, /<script>alert\(1\)/);
    assert.match(res.text, new RegExp(`href="/mailbox/${mailId}"`));
    assert.match(res.text, /chen@bank\.test/);
    assert.match(res.headers['cache-control'] ?? '', /no-store/);
  });

  test('when an organiser searches, then only matching messages are listed', async () => {
    assert.match((await organiser.get('/mailbox?q=CHEN@').expect(200)).text, new RegExp(mailId));
    assert.doesNotMatch((await organiser.get('/mailbox?q=nobody').expect(200)).text, new RegExp(mailId));
  });

  test('when an organiser opens a message, then headers, a sandboxed HTML frame, the text and the attachments are shown', async () => {
    const res = await organiser.get(`/mailbox/${mailId}`).expect(200);
    assert.match(res.text, /<h1>&lt;script&gt;alert\(1\)&lt;\/script&gt; 邀请<\/h1>/);
    assert.doesNotMatch(res.text, /<script>alert/);
    assert.match(res.text, new RegExp(`<iframe[^>]*sandbox="allow-popups allow-popups-to-escape-sandbox"[^>]*src="/mailbox/${mailId}/html"`));
    assert.match(res.text, /<pre class="mail-text">Reply: http:\/\/127\.0\.0\.1:3999\/rsvp\/secret/);
    assert.match(res.text, new RegExp(`href="/mailbox/${mailId}/attachments/0">invite\\.ics<`));
  });

  test('when the HTML part is requested, then it is served under a sandbox CSP with links opening a new tab', async () => {
    const res = await organiser.get(`/mailbox/${mailId}/html`).expect(200);
    assert.equal(res.headers['content-security-policy'], HTML_CSP);
    assert.match(res.headers['content-type'] ?? '', /^text\/html; charset=utf-8/);
    assert.match(res.text, /<head><base target="_blank"><title>/);
  });

  test('when the calendar part is downloaded, then it is an invite.ics calendar request', async () => {
    const res = await organiser.get(`/mailbox/${mailId}/attachments/0`).buffer(true).parse(binary).expect(200);
    assert.match(res.headers['content-type'] ?? '', /^text\/calendar; method=REQUEST/);
    assert.match(res.headers['content-disposition'] ?? '', /^attachment; filename="?invite\.ics"?$/);
    const calendar = new ICAL.Component(ICAL.parse((res.body as Buffer).toString('utf8')));
    assert.equal(calendar.getFirstPropertyValue('method'), 'REQUEST');
    assert.equal(calendar.getFirstSubcomponent('vevent')?.getFirstPropertyValue('summary'), '金融论坛');
  });

  test('when the original is downloaded, then it is the .eml that parses back to the same message', async () => {
    const res = await organiser.get(`/mailbox/${mailId}/raw`).buffer(true).parse(binary).expect(200);
    assert.match(res.headers['content-type'] ?? '', /^message\/rfc822/);
    assert.match(res.headers['content-disposition'] ?? '', new RegExp(`^attachment; filename="?mail-${mailId}\\.eml"?$`));
    assert.equal((await simpleParser(res.body as Buffer)).subject, '<script>alert(1)</script> 邀请');
  });

  test('when an attachment has a hostile name and type, then it downloads under a safe name and cannot run', async () => {
    const { messageId } = await testApp.mail.send({
      to: 'chen@bank.test',
      subject: 'hostile attachment',
      attachments: [{ filename: '../../etc/"x".html', contentType: 'text/html', content: '<script>alert(3)</script>' }],
    });
    const stored = await CapturedMail.findOne({ messageId });
    const res = await organiser.get(`/mailbox/${stored?.id as string}/attachments/0`).expect(200);
    assert.match(res.headers['content-disposition'] ?? '', /^attachment; filename="?[^"/\\]+\.html"?$/);
    assert.equal(res.headers['content-security-policy'], "sandbox; default-src 'none'");
  });

  test('when a message or attachment does not exist, then the answer is 404', async () => {
    await organiser.get('/mailbox/0123456789abcdef01234567').expect(404);
    await organiser.get('/mailbox/not-an-id').expect(404);
    await organiser.get('/mailbox/0123456789abcdef01234567/html').expect(404);
    await organiser.get(`/mailbox/${mailId}/attachments/99`).expect(404);
    await organiser.get(`/mailbox/${mailId}/attachments/x`).expect(404);
  });

  test('when a viewer asks for the mailbox or a message, then the answer is 403 and nothing is revealed', async () => {
    const viewer = (await signIn(testApp.app, 'viewer')).agent;
    await viewer.get('/mailbox').expect(403);
    await viewer.get(`/mailbox/${mailId}`).expect(403);
    await viewer.get('/mailbox/0123456789abcdef01234567').expect(403);
    await viewer.get(`/mailbox/${mailId}/html`).expect(403);
    await viewer.get(`/mailbox/${mailId}/raw`).expect(403);
  });

  test('when nobody is signed in, then the mailbox sends them to sign in', async () => {
    const res = await supertest(testApp.app).get(`/mailbox/${mailId}/attachments/0`).expect(303);
    assert.match(res.headers.location ?? '', /^\/login\?next=/);
  });

  test('when an admin empties the mailbox, then it redirects with a confirmation and the list is empty', async () => {
    const admin = await signIn(testApp.app, 'admin');
    const csrf = await csrfFrom(admin.agent, '/mailbox');
    const res = await admin.agent.post('/mailbox/clear').type('form').send({ _csrf: csrf }).expect(303);
    assert.equal(res.headers.location, '/mailbox');
    const page = await admin.agent.get('/mailbox?lang=zh').expect(200);
    assert.match(page.text, /邮件箱已清空。/);
    assert.match(page.text, /目前还没有收到邮件。/);
    assert.equal(await CapturedMail.countDocuments(), 0);
  });
});
