import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import supertest from 'supertest';
import { listAgendaItems, publishAgenda, saveAgendaItems, sendAgendaUpdate, type AgendaItemInput } from '../../src/agenda/index.js';
import { claimOnce } from '../../src/db/index.js';
import { getEvent, updateEvent } from '../../src/events/index.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { translate, type Locale } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { makeEvent } from '../invitations/fixtures.js';
import { addressesOf, inviteWithAnswers, readCalendar, rsvpPathIn, startMailbox, type Mailbox } from '../invitations/mail-fixtures.js';
import { item, organiser, symposiumItems } from './fixtures.js';

useTestDatabase(import.meta.url);

const TITLE = { zh: '2019年度金融工作座谈会', en: '2019 Annual Symposium on Financial Work' };
const HTML_LANG: Record<Locale, string> = { zh: 'zh-Hans', en: 'en', ko: 'ko', ja: 'ja' };
const textCalendars = (mail: ParsedMail) => mail.attachments.filter((a) => a.contentType.toLowerCase() === 'text/calendar');

/** Publish version 1, then version 2 with the closing item renamed and one item added. */
async function publishTwoVersions(eventId: string) {
  await saveAgendaItems(eventId, symposiumItems());
  await publishAgenda(eventId, organiser);
  const inputs: AgendaItemInput[] = (await listAgendaItems(eventId)).map((i) => ({
    id: i.id, type: i.type, titleZh: i.title.zh, titleEn: i.title.en, durationMinutes: i.durationMinutes, startsAtOverride: null, speakers: i.speakers, description: i.description,
  }));
  inputs[3] = { ...inputs[3]!, titleZh: '会议总结讲话', titleEn: 'Closing remarks' };
  await saveAgendaItems(eventId, [...inputs, item('合影留念', { titleEn: 'Group photo', durationMinutes: 10 })]);
  await publishAgenda(eventId, organiser);
}

describe('the agenda update email', () => {
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

  test('when the organiser sends version 2, then every invitee who has not declined gets it in their language, listing the changes, with no calendar part', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const locales: Locale[] = ['en', 'ko', 'ja', 'zh', 'zh'];
    const invited = await inviteWithAnswers(id, (['accepted', 'pending', 'tentative', 'pending', 'declined'] as const).map((status, i) => ({ status, locale: locales[i] })));
    await publishTwoVersions(id);
    const outcome = await sendAgendaUpdate(id, organiser);
    assert.deepEqual({ version: outcome.version, queued: outcome.queued, calendar: outcome.calendar }, { version: 2, queued: 4, calendar: false });
    const mails = await mailbox.delivered(outcome.batchId);
    assert.deepEqual(mails.map((m) => addressesOf(m.to)[0]).sort(), invited.slice(0, 4).map((i) => i.email).sort(), 'not to the one who declined');
    const expected: Record<Locale, { changed: string; added: string }> = {
      en: { changed: 'Retitled: Closing → Closing remarks', added: 'Added: Group photo' },
      zh: { changed: '标题修改：会议总结 → 会议总结讲话', added: '新增：合影留念' },
      ko: { changed: '제목 변경: Closing → Closing remarks', added: '추가: Group photo' },
      ja: { changed: '題目の変更：Closing → Closing remarks', added: '追加：Group photo' },
    };
    for (const [index, { email }] of invited.slice(0, 4).entries()) {
      const locale = locales[index]!;
      const mail = mails.find((m) => addressesOf(m.to)[0] === email)!;
      const title = locale === 'zh' ? TITLE.zh : TITLE.en;
      assert.equal(mail.subject, translate(locale, 'agenda.email.subject', { title }), locale);
      assert.ok(mail.html && mail.html.includes(`<html lang="${HTML_LANG[locale]}">`), locale);
      assert.ok((mail.text ?? '').includes(expected[locale].changed), `${locale}: ${mail.text}`);
      assert.ok((mail.text ?? '').includes(expected[locale].added), `${locale}: ${mail.text}`);
      assert.equal(textCalendars(mail).length, 0, `${locale}: no calendar part when the time did not change`);
      assert.equal((await supertest(t.app).get(rsvpPathIn(mail))).status, 200, 'the link opens the RSVP page');
    }
    const stored = await OutboxMessage.find({ batchId: outcome.batchId }).lean();
    assert.ok(stored.every((m) => m.kind === 'agenda-update' && String(m.eventId) === id));
    await assert.rejects(sendAgendaUpdate(id, organiser), { status: 409, message: 'agenda.alreadyNotified' }, 'once per version');
  });

  test('when another process has already claimed this version’s update, then a second send queues nothing (the claim is a unique insert, not a conditional update)', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    await inviteWithAnswers(id, [{ status: 'accepted', locale: 'en' }]);
    await publishTwoVersions(id);
    assert.equal(await claimOnce(`agenda-notify:${id}:2:0`, 'cli@test.local'), true);
    await assert.rejects(sendAgendaUpdate(id, organiser), { status: 409, message: 'agenda.alreadyNotified' });
    assert.equal(await OutboxMessage.countDocuments({ eventId: id, kind: 'agenda-update' }), 0);
  });

  test('when the event’s time changed since the version before, then the update carries a calendar REQUEST with the higher SEQUENCE', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const [invited] = await inviteWithAnswers(id, [{ status: 'accepted', locale: 'en' }]);
    await saveAgendaItems(id, symposiumItems());
    await publishAgenda(id, organiser);
    const later = (d: Date) => new Date(d.getTime() + 3600_000);
    await updateEvent(id, { startsAt: later(event.startsAt), endsAt: later(event.endsAt) }, organiser);
    const moved = await getEvent(id);
    assert.ok((moved.calendar?.sequence ?? 0) > (event.calendar?.sequence ?? 0));
    const outcome = await publishAgenda(id, organiser);
    assert.equal(outcome.version, 2);
    assert.ok(outcome.changes.every((c) => c.kind === 'retimed'));
    const sent = await sendAgendaUpdate(id, organiser);
    assert.equal(sent.calendar, true);
    const [mail] = await mailbox.delivered(sent.batchId);
    const calendar = readCalendar(mail!);
    assert.equal(calendar.method, 'REQUEST');
    assert.equal(calendar.uid, moved.calendar!.uid);
    assert.equal(calendar.sequence, moved.calendar!.sequence);
    assert.equal(calendar.start.getTime(), moved.startsAt.getTime());
    assert.equal(calendar.attendees[0]?.address, `mailto:${invited!.email}`);
  });

  test('when the organiser presses “send” on the agenda page, then the update is queued and the page says so; a draft event sends nothing', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    await inviteWithAnswers(id, [{ status: 'pending' }]);
    await publishTwoVersions(id);
    const staff = await signIn(t.app, 'organiser');
    const res = await staff.agent.post(`/events/${id}/agenda/notify`).type('form').send({ _csrf: staff.csrf });
    assert.equal(res.status, 303);
    const page = await staff.agent.get(`/events/${id}/agenda?lang=en`);
    assert.match(page.text, /Version 2 is being sent to 1 invitees/);
    assert.match(page.text, /data-testid="agenda-notified">Version 2 was sent to 1 invitees/);
    const draft = await makeEvent({ status: 'draft' });
    await saveAgendaItems(String(draft._id), symposiumItems());
    await publishAgenda(String(draft._id), organiser);
    await assert.rejects(sendAgendaUpdate(String(draft._id), organiser), { status: 409 });
  });
});
