import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { listSuggestionSummaries } from '../../src/suggestions/index.js';
import { translate, type Locale } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { addressesOf, startMailbox, type Mailbox } from '../invitations/mail-fixtures.js';
import { sendFollowUp } from '../../src/records/followup.service.js';
import { symposiumDay } from './scenario.js';

useTestDatabase(import.meta.url);

const BATCH_PATH = /^\/events\/[0-9a-f]{24}\/batches\/([0-9a-f-]{36})$/;

describe('the follow-up after the meeting', () => {
  let testApp: TestApp;
  let mailbox: Mailbox;
  let organiser: Awaited<ReturnType<typeof signIn>>;
  before(async () => {
    testApp = await createTestApp();
    mailbox = await startMailbox();
    organiser = await signIn(testApp.app, 'organiser');
  });
  after(async () => {
    await mailbox.stop();
    await testApp.stop();
  });

  const send = (eventId: string, form: Record<string, string> = {}) => organiser.agent.post(`/events/${eventId}/followup?lang=zh`).type('form').send({ ...form, _csrf: organiser.csrf });
  const batchOf = (location: string | undefined) => BATCH_PATH.exec(location ?? '')?.[1] ?? assert.fail(`not a batch page: ${location}`);
  const byAddress = (mails: ParsedMail[], email: string) => mails.find((m) => addressesOf(m.to).includes(email)) ?? assert.fail(`nothing to ${email}`);
  const emailOf = (invited: { institution: { contacts: { email: string }[] } }) => invited.institution.contacts[0]!.email;

  test('when the minutes are not published, then the page says so and sending is refused', async () => {
    const { eventId } = await symposiumDay({ publish: false });
    const page = await organiser.agent.get(`/events/${eventId}/followup?lang=zh`);
    assert.equal(page.status, 200);
    assert.match(page.text, /data-testid="followup-no-minutes"/);
    const res = await send(eventId);
    assert.equal(res.status, 409);
    assert.ok(res.text.includes(translate('zh', 'records.followup.noMinutes')));
    assert.equal(await OutboxMessage.countDocuments({ eventId, kind: 'followup' }), 0);
  });

  test('when only organisers may send, then a secretary gets 403', async () => {
    const { eventId } = await symposiumDay({ publish: false });
    const secretary = await signIn(testApp.app, 'secretary');
    assert.equal((await secretary.agent.get(`/events/${eventId}/followup`)).status, 403);
  });

  test('the page lists who attended and who did not, and previews the message in each language', async () => {
    const { eventId, a, b, c } = await symposiumDay();
    const page = await organiser.agent.get(`/events/${eventId}/followup?lang=zh&preview=ja`);
    assert.equal(page.status, 200);
    const attending = /data-testid="followup-attending">([\s\S]*?)<\/table>/.exec(page.text)?.[1] ?? '';
    const absent = /data-testid="followup-absent">([\s\S]*?)<\/table>/.exec(page.text)?.[1] ?? '';
    assert.ok(attending.includes(a.institution.nameZh) && attending.includes(b.institution.nameZh) && !attending.includes(c.institution.nameZh));
    assert.ok(absent.includes(c.institution.nameZh));
    assert.ok(page.text.includes(translate('ja', 'records.followup.email.docx')), 'the preview is in Japanese');
  });

  test('when sent, then attending institutions only get it, each in its language, with working links to the minutes and the suggestions', async () => {
    const { eventId, a, b, c, department } = await symposiumDay();
    const res = await send(eventId);
    assert.equal(res.status, 303);
    const mails = await mailbox.delivered(batchOf(res.headers.location));
    assert.deepEqual(mails.map((m) => addressesOf(m.to)[0]).sort(), [emailOf(a), emailOf(b)].sort(), 'the absent institution gets nothing');
    const suggestions = await listSuggestionSummaries({ eventIds: [eventId] });
    const assigned = suggestions.find((s) => s.departmentId === String(department._id))!;
    for (const [invited, locale] of [[a, 'zh'], [b, 'en']] as const) {
      const mail = byAddress(mails, emailOf(invited));
      const title = locale === 'zh' ? '2019年度金融工作座谈会' : '2019 Annual Symposium on Financial Work';
      assert.equal(mail.subject, translate(locale, 'records.followup.email.subject', { title }));
      // The text part is wrapped at 78 columns: compare with line breaks as spaces.
      const text = (mail.text ?? '').replace(/\s+/g, ' ');
      assert.ok(text.includes(translate(locale, 'records.followup.email.thanks', { title })));
      assert.ok(text.includes(assigned.text) && text.includes(locale === 'zh' ? department.nameZh : department.nameEn!), 'suggestions with their owner department');
      assert.ok(text.includes(translate(locale, `records.followup.status.${assigned.status}`)), 'and their status');
      const link = new RegExp(`/rsvp/${invited.token}/minutes\\.docx`);
      assert.match(text, link, 'the link is the institution’s own token');
      const docx = await organiser.agent.get(`/rsvp/${invited.token}/minutes.docx`);
      assert.equal(docx.status, 200);
      assert.match(text, new RegExp(`/rsvp/${invited.token}/minutes\\.pdf`));
    }
    assert.ok(c);
  });

  test('when sent a second time, then it is refused until confirmed, and absent institutions are reached when chosen', async () => {
    const { eventId, a, b, c } = await symposiumDay();
    const first = await send(eventId);
    await mailbox.delivered(batchOf(first.headers.location));
    const page = await organiser.agent.get(`/events/${eventId}/followup?lang=zh`);
    assert.match(page.text, /data-testid="followup-previous"/);
    const refused = await send(eventId, { includeAbsent: '1' });
    assert.equal(refused.status, 409);
    assert.ok(refused.text.includes(translate('zh', 'records.followup.alreadySent')));
    assert.match(refused.text, /name="includeAbsent" value="1" checked/, 'the choice is kept');
    assert.equal(await OutboxMessage.countDocuments({ eventId, kind: 'followup' }), 2, 'nothing more was queued');
    const again = await send(eventId, { includeAbsent: '1', confirmRepeat: '1' });
    assert.equal(again.status, 303);
    const mails = await mailbox.delivered(batchOf(again.headers.location));
    assert.deepEqual(mails.map((m) => addressesOf(m.to)[0]).sort(), [emailOf(a), emailOf(b), emailOf(c)].sort());
    const korean = byAddress(mails, emailOf(c));
    const locale: Locale = 'ko';
    assert.equal(korean.subject, translate(locale, 'records.followup.email.subject', { title: '2019 Annual Symposium on Financial Work' }));
    assert.ok((korean.text ?? '').replace(/\s+/g, ' ').includes(translate(locale, 'records.followup.email.thanksAbsent', { title: '2019 Annual Symposium on Financial Work' })));
  });

  test('when two organisers send at the same moment, then only one follow-up goes out', async () => {
    const { eventId } = await symposiumDay();
    const actor = { id: '000000000000000000000001', email: 'organiser@test.local', name: 'Organiser' };
    const outcomes = await Promise.allSettled([0, 1].map(() => sendFollowUp(eventId, { includeAbsent: false, confirmRepeat: true }, actor)));
    assert.deepEqual(outcomes.map((o) => o.status).sort(), ['fulfilled', 'rejected']);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!;
    assert.equal((refused.reason as Error).message, 'records.followup.concurrent');
    assert.equal(await OutboxMessage.countDocuments({ eventId, kind: 'followup' }), 2, 'two institutions, once each');
    const sent = outcomes.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<{ batchId: string }>;
    await mailbox.delivered(sent.value.batchId);
  });
});
