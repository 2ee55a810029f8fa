import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { LINK_PDF_LIMIT } from '../../src/records/pdf-limits.js';
import { printedCount, printQueue } from '../../src/records/pdf-printer.js';
import { translate } from '../../src/web/i18n.js';
import { skipWithoutChromium } from '../helpers/browser.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { symposiumDay } from './scenario.js';

useTestDatabase(import.meta.url);

const binary = (res: supertest.Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('the minutes PDF through an RSVP link', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());
  const fetchPdf = (token: string) => supertest(t.app).get(`/rsvp/${token}/minutes.pdf`).buffer(true).parse(binary);

  test('when an institution that declined asks for the PDF, then 403 says in its language that it is for attendees, and no page offers it', async () => {
    const { a, c } = await symposiumDay();
    const res = await supertest(t.app).get(`/rsvp/${c.token}/minutes.pdf`);
    assert.equal(res.status, 403);
    assert.ok(res.text.includes(translate('ko', 'records.export.pdfForAttendees')), 'in Korean, the institution\'s language');
    assert.doesNotMatch((await supertest(t.app).get(`/rsvp/${c.token}/minutes`)).text, /minutes\.pdf/);
    assert.match((await supertest(t.app).get(`/rsvp/${c.token}/minutes`)).text, /minutes\.docx/, 'the Word document stays');
    assert.match((await supertest(t.app).get(`/rsvp/${a.token}/minutes`)).text, /minutes\.pdf/, 'an attending institution is offered it');
  });

  test('when an attending institution asks for the PDF again and again, then it is printed once, and past the limit 429 comes with Retry-After', { skip: skipWithoutChromium }, async () => {
    const { a } = await symposiumDay();
    const before = printedCount();
    const first = await fetchPdf(a.token);
    assert.equal(first.status, 200, String(first.body));
    assert.equal(first.headers['content-type'], 'application/pdf');
    for (let i = 1; i < LINK_PDF_LIMIT.requests; i += 1) {
      const again = await fetchPdf(a.token);
      assert.equal(again.status, 200);
      assert.ok((again.body as Buffer).equals(first.body as Buffer), 'the same bytes: the cached print');
    }
    assert.equal(printedCount() - before, 1, 'one chromium run for one published version');
    const refused = await supertest(t.app).get(`/rsvp/${a.token}/minutes.pdf`);
    assert.equal(refused.status, 429);
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= LINK_PDF_LIMIT.windowMs / 1000, `Retry-After: ${refused.headers['retry-after']}`);
    assert.ok(refused.text.includes(translate('zh', 'records.export.pdfTooOften')));
  });

  test('when the link holders\' print queue is full, then a link gets 503 with Retry-After at once, and a staff export is still printed', { skip: skipWithoutChromium }, async () => {
    const { eventId, b } = await symposiumDay();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { lanes } = printQueue.limits;
    const blockers = Array.from({ length: lanes.link.printing + lanes.link.waiting }, () => printQueue.run('link', () => held));
    try {
      const busy = await supertest(t.app).get(`/rsvp/${b.token}/minutes.pdf`);
      assert.equal(busy.status, 503);
      assert.equal(busy.headers['retry-after'], String(printQueue.limits.retryAfterSeconds));
      assert.ok(busy.text.includes(translate('en', 'records.export.pdfBusy')), 'in English, the institution\'s language');
      const staff = await signIn(t.app, 'viewer');
      const exported = await staff.agent.get(`/events/${eventId}/minutes/export.pdf`).buffer(true).parse(binary);
      assert.equal(exported.status, 200);
      assert.equal(exported.headers['content-type'], 'application/pdf');
    } finally {
      release();
      await Promise.all(blockers);
    }
    assert.equal((await fetchPdf(b.token)).status, 200, 'once the queue drains, the link is served');
  });
});
