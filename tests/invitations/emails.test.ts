import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import supertest from 'supertest';
import { getConfig } from '../../src/config.js';
import { getEvent } from '../../src/events/index.js';
import { issueRsvpToken, remindAttending, remindPending, sendInvitations } from '../../src/invitations/index.js';
import { createInvitations } from '../../src/invitations/invitations.service.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { translate, type Locale } from '../../src/web/i18n.js';
import { readQrPng } from '../helpers/qr.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, type TestApp } from '../helpers/web.js';
import { anonymousCsrf, answerForm, inviteInstitution, makeEvent, makeInstitution, organiser, storedInvitation } from './fixtures.js';
import { addressesOf, inviteWithAnswers, readCalendar, rsvpPathIn, startMailbox, type Mailbox } from './mail-fixtures.js';

useTestDatabase(import.meta.url);

const HTML_LANG: Record<Locale, string> = { zh: 'zh-Hans', en: 'en', ko: 'ko', ja: 'ja' };
const TITLE = { zh: '2019年度金融工作座谈会', en: '2019 Annual Symposium on Financial Work' };

/** Both parts, in the message's language, and the subject as the catalogue words it. */
function assertLanguage(mail: ParsedMail, locale: Locale, subjectKey: string, title = locale === 'zh' ? TITLE.zh : TITLE.en) {
  assert.equal(mail.subject, translate(locale, subjectKey, { title }));
  assert.ok(mail.html && mail.html.includes(`<html lang="${HTML_LANG[locale]}">`), `an HTML part in ${locale}`);
  assert.ok((mail.text ?? '').length > 80, 'a text part');
}

describe('the messages invitees receive, over real SMTP', () => {
  let testApp: TestApp;
  let mailbox: Mailbox;
  before(async () => {
    testApp = await createTestApp();
    mailbox = await startMailbox();
  });
  after(async () => {
    await mailbox.stop();
    await testApp.stop();
  });
  const from = () => new URL(`mailto:${/<([^>]+)>/.exec(getConfig().mail.from)![1]}`).href;

  test('when an invitation is sent, then it comes in Chinese with both parts, the cc, a working RSVP link and a REQUEST to the addressee', async () => {
    const event = await makeEvent();
    const institution = await makeInstitution();
    const created = await createInvitations(String(event._id), { institutionIds: [String(institution._id)], departmentIds: [], guests: [], ccAllContacts: true }, organiser, 'zh');
    const { id, url } = created.created[0]!;
    const batch = await sendInvitations(await getEvent(String(event._id)), [id], organiser);
    const [mail] = await mailbox.delivered(batch.batchId);
    assertLanguage(mail!, 'zh', 'invitations.email.invitation.subject');
    assert.deepEqual(addressesOf(mail!.to), [institution.contacts[0]!.email]);
    assert.deepEqual(addressesOf(mail!.cc), [institution.contacts[1]!.email]);
    const cal = readCalendar(mail!);
    assert.equal(cal.method, 'REQUEST');
    assert.equal(cal.uid, event.calendar!.uid);
    assert.equal(cal.sequence, event.calendar!.sequence);
    assert.equal(cal.organizer.address, from());
    assert.ok(cal.stampIsUtc, 'DTSTAMP in UTC');
    assert.deepEqual(cal.attendees, [
      { address: `mailto:${institution.contacts[0]!.email}`, cn: '张行长', role: 'REQ-PARTICIPANT', partstat: 'NEEDS-ACTION', rsvp: 'TRUE' },
      // The copied contact is an optional attendee, so a reply from them is meaningful (docs/invitations.md).
      { address: `mailto:${institution.contacts[1]!.email}`, cn: institution.contacts[1]!.email, role: 'OPT-PARTICIPANT', partstat: 'NEEDS-ACTION', rsvp: 'TRUE' },
    ]);
    const path = rsvpPathIn(mail!);
    assert.equal(path, new URL(url).pathname, 'the emailed link is the one shown when the invitation was made');
    assert.equal((await supertest(testApp.app).get(path)).status, 200);
    assert.ok((await storedInvitation(id)).sentAt, 'sentAt is recorded');
  });

  test('when invitations go to institutions reading English, Korean and Japanese, then each comes in its language', async () => {
    const event = await makeEvent();
    const invited = await inviteWithAnswers(String(event._id), [{ status: 'pending', locale: 'en' }, { status: 'pending', locale: 'ko' }, { status: 'pending', locale: 'ja' }]);
    const batch = await sendInvitations(await getEvent(String(event._id)), invited.map((i) => i.invitationId), organiser);
    const mails = await mailbox.delivered(batch.batchId);
    const byTo = new Map(mails.map((m) => [addressesOf(m.to)[0], m]));
    for (const [index, locale] of (['en', 'ko', 'ja'] as const).entries()) {
      const mail = byTo.get(invited[index]!.institution.contacts[0]!.email)!;
      assertLanguage(mail, locale, 'invitations.email.invitation.subject');
      assert.ok(mail.text!.includes(translate(locale, 'invitations.email.replyButton')));
      assert.equal(readCalendar(mail).summary, TITLE.en);
    }
  });

  test('when the title and venue hold , ; \\ a newline and Chinese, and the event is in New York, then the calendar keeps them and the start instant', async () => {
    const original = process.env.TZ;
    const tricky = '金融座谈会, 第一场; 路径 C:\\会议\n第二行';
    const startsAt = new Date('2030-04-12T13:30:00.000Z');
    const event = await makeEvent({
      titleZh: tricky, timezone: 'America/New_York', startsAt, endsAt: new Date('2030-04-12T15:30:00.000Z'), rsvpDeadline: new Date('2030-04-01T00:00:00Z'),
      venue: { name: tricky, room: '', address: '', mapUrl: '' },
    });
    const { invitationId } = await inviteInstitution(String(event._id));
    process.env.TZ = 'Asia/Tokyo';
    let batchId: string | null;
    try {
      batchId = (await sendInvitations(await getEvent(String(event._id)), [invitationId], organiser)).batchId;
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
    const [mail] = await mailbox.delivered(batchId);
    assert.equal(mail!.subject, translate('zh', 'invitations.email.invitation.subject', { title: '金融座谈会, 第一场; 路径 C:\\会议 第二行' }), 'the subject stays on one line');
    const cal = readCalendar(mail!);
    assert.equal(cal.summary, tricky);
    assert.equal(cal.location, tricky);
    assert.equal(cal.startZone, 'America/New_York');
    assert.equal(cal.start.getTime(), startsAt.getTime());
    assert.equal(cal.event.startDate.hour, 9, '09:30 wall-clock time in New York (EDT)');
  });

  test('when an answer is saved through the link, then a confirmation shows it, with each delegate’s QR code inline and the calendar PARTSTAT', async () => {
    const event = await makeEvent();
    const zh = await inviteInstitution(String(event._id));
    const ko = await inviteInstitution(String(event._id), { preferredLocale: 'ko' });
    const ja = await inviteInstitution(String(event._id), { preferredLocale: 'ja' });
    const post = async (token: string, form: Parameters<typeof answerForm>[1]) => {
      const { csrf, cookie } = await anonymousCsrf(testApp.app, token);
      const res = await supertest(testApp.app).post(`/rsvp/${token}`).set('Cookie', cookie).type('form').send(answerForm(csrf, form));
      assert.equal(res.status, 303);
    };
    const confirmation = async (invitationId: string, nth: number) => {
      const messages = await OutboxMessage.find({ invitationId, kind: 'rsvp-confirmation' }).sort({ _id: 1 }).lean();
      return (await mailbox.delivered(messages[nth]!.batchId!))[0]!;
    };
    await post(zh.token, { status: 'accepted', delegates: [{ name: '李四', title: '副行长', substitute: true }, { name: '王五' }] });
    const accepted = await confirmation(zh.invitationId, 0);
    assertLanguage(accepted, 'zh', 'invitations.email.confirmation.subject');
    const codes = (await storedInvitation(zh.invitationId)).delegates.map((d) => d.checkInCode);
    const images = accepted.attachments.filter((a) => a.contentType === 'image/png');
    assert.deepEqual(images.map((a) => a.cid).sort(), codes.map((code) => `checkin-${code}@convene`).sort());
    for (const image of images) assert.equal(`checkin-${readQrPng(image.content)}@convene`, image.cid, 'each image scans as its own code');
    for (const code of codes) assert.ok(accepted.text!.includes(code), 'each code as text too');
    assert.equal(readCalendar(accepted).attendees[0]!.partstat, 'ACCEPTED');

    await post(zh.token, { status: 'declined' });
    const declined = await confirmation(zh.invitationId, 1);
    assert.equal(declined.attachments.filter((a) => a.contentType.startsWith('text/calendar')).length, 0, 'a decline is confirmed without a meeting request');
    assert.doesNotMatch(declined.text ?? '', /BEGIN:VCALENDAR/);
    assert.equal(declined.attachments.filter((a) => a.contentType === 'image/png').length, 0);

    await post(ko.token, { status: 'tentative', delegates: [{ name: '김민수' }] });
    const tentative = await confirmation(ko.invitationId, 0);
    assertLanguage(tentative, 'ko', 'invitations.email.confirmation.subject');
    assert.equal(readCalendar(tentative).attendees[0]!.partstat, 'TENTATIVE');

    await post(ja.token, { status: 'accepted', delegates: [{ name: '山田太郎' }] });
    assertLanguage(await confirmation(ja.invitationId, 0), 'ja', 'invitations.email.confirmation.subject');
  });

  test('when reminders go out, then only invitations without an answer get one, asking for a reply', async () => {
    const event = await makeEvent();
    const invited = await inviteWithAnswers(String(event._id), [{ status: 'pending', locale: 'en' }, { status: 'accepted' }, { status: 'declined' }, { status: 'tentative' }]);
    const batch = await remindPending(await getEvent(String(event._id)), undefined, organiser);
    assert.equal(batch.queued, 1);
    const [mail] = await mailbox.delivered(batch.batchId);
    assert.deepEqual(addressesOf(mail!.to), [invited[0]!.institution.contacts[0]!.email]);
    assertLanguage(mail!, 'en', 'invitations.email.reminder.subject');
    assert.equal(readCalendar(mail!).attendees[0]!.partstat, 'NEEDS-ACTION');
    assert.equal((await supertest(testApp.app).get(rsvpPathIn(mail!))).status, 200);
    assert.ok((await storedInvitation(invited[0]!.invitationId)).lastRemindedAt);
    assert.equal((await storedInvitation(invited[1]!.invitationId)).lastRemindedAt, undefined);
  });

  test('when the day-before reminder goes out, then only those attending or tentative get it, their calendar showing their answer', async () => {
    const event = await makeEvent();
    const invited = await inviteWithAnswers(String(event._id), [{ status: 'pending' }, { status: 'accepted' }, { status: 'tentative', locale: 'en' }, { status: 'declined' }]);
    const batch = await remindAttending(await getEvent(String(event._id)));
    const mails = await mailbox.delivered(batch.batchId);
    const to = (i: number) => invited[i]!.institution.contacts[0]!.email;
    assert.deepEqual(mails.map((m) => addressesOf(m.to)[0]).sort(), [to(1), to(2)].sort());
    const partstats = new Map(mails.map((m) => [addressesOf(m.to)[0], readCalendar(m).attendees[0]!.partstat]));
    assert.equal(partstats.get(to(1)), 'ACCEPTED');
    assert.equal(partstats.get(to(2)), 'TENTATIVE');
    assertLanguage(mails.find((m) => addressesOf(m.to)[0] === to(2))!, 'en', 'invitations.email.dayBefore.subject');
  });

  test('when an organiser moves the event with notify, then everyone but those who declined gets an update with the same UID and a higher SEQUENCE', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const invited = await inviteWithAnswers(id, [{ status: 'pending' }, { status: 'accepted' }, { status: 'tentative' }, { status: 'declined' }]);
    await mailbox.delivered((await sendInvitations(await getEvent(id), undefined, organiser)).batchId);
    const token = await apiTokenFor('organiser');
    const startsAt = new Date(event.startsAt.getTime() + 2 * 3600_000);
    const res = await supertest(testApp.app).patch(`/api/v1/events/${id}`).auth(token, { type: 'bearer' })
      .send({ startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 3 * 3600_000).toISOString(), notify: true });
    assert.equal(res.status, 200);
    const stored = await getEvent(id);
    assert.ok(stored.calendar!.sequence > event.calendar!.sequence);
    const updates = await OutboxMessage.find({ eventId: id, kind: 'update' }).lean();
    const mails = await mailbox.delivered(updates[0]!.batchId!);
    const to = (i: number) => invited[i]!.institution.contacts[0]!.email;
    assert.deepEqual(mails.map((m) => addressesOf(m.to)[0]).sort(), [to(0), to(1), to(2)].sort());
    for (const mail of mails) {
      assertLanguage(mail, 'zh', 'invitations.email.update.subject');
      const cal = readCalendar(mail);
      assert.equal(cal.method, 'REQUEST');
      assert.equal(cal.uid, event.calendar!.uid);
      assert.equal(cal.sequence, stored.calendar!.sequence);
      assert.equal(cal.start.getTime(), startsAt.getTime());
      assert.match(mail.text!, /→/, 'the change is listed, old → new');
    }
  });

  test('when an organiser cancels with notify, then every invitee gets METHOD:CANCEL with STATUS:CANCELLED and no alarm', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const invited = await inviteWithAnswers(id, [{ status: 'pending' }, { status: 'accepted', locale: 'ja' }, { status: 'declined' }]);
    const token = await apiTokenFor('organiser');
    const res = await supertest(testApp.app).post(`/api/v1/events/${id}/cancel`).auth(token, { type: 'bearer' }).send({ notify: true });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'cancelled');
    const stored = await getEvent(id);
    const cancellations = await OutboxMessage.find({ eventId: id, kind: 'cancellation' }).lean();
    const mails = await mailbox.delivered(cancellations[0]!.batchId!);
    assert.deepEqual(mails.map((m) => addressesOf(m.to)[0]).sort(), invited.map((i) => i.institution.contacts[0]!.email).sort());
    for (const mail of mails) {
      const cal = readCalendar(mail);
      assert.equal(cal.method, 'CANCEL');
      assert.equal(cal.status, 'CANCELLED');
      assert.equal(cal.alarms, 0);
      assert.equal(cal.uid, event.calendar!.uid);
      assert.equal(cal.sequence, stored.calendar!.sequence);
      assert.equal(cal.attendees.length, 1);
    }
    assertLanguage(mails.find((m) => addressesOf(m.to)[0] === invited[1]!.institution.contacts[0]!.email)!, 'ja', 'invitations.email.cancellation.subject');
  });

  test('when a link is reissued, then the link in the earlier email answers 404 and the next email carries the new, working one', async () => {
    const event = await makeEvent();
    const { invitationId } = await inviteInstitution(String(event._id));
    const first = (await mailbox.delivered((await sendInvitations(await getEvent(String(event._id)), [invitationId], organiser)).batchId))[0]!;
    const oldPath = rsvpPathIn(first);
    assert.equal((await supertest(testApp.app).get(oldPath)).status, 200);
    await issueRsvpToken(invitationId);
    assert.equal((await supertest(testApp.app).get(oldPath)).status, 404);
    const again = (await mailbox.delivered((await sendInvitations(await getEvent(String(event._id)), [invitationId], organiser)).batchId))[0]!;
    const newPath = rsvpPathIn(again);
    assert.notEqual(newPath, oldPath);
    assert.equal((await supertest(testApp.app).get(newPath)).status, 200);
  });
});
