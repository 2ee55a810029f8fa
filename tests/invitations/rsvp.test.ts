import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import supertest from 'supertest';
import ICAL from 'ical.js';
import { Event } from '../../src/events/event.model.js';
import { AuditEntry } from '../../src/invitations/audit-entry.model.js';
import { RsvpToken } from '../../src/invitations/rsvp-token.model.js';
import { issueRsvpToken } from '../../src/invitations/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { translate } from '../../src/web/i18n.js';
import { assertWellFormedIcs } from '../helpers/ics.js';
import { readQrPng } from '../helpers/qr.js';
import { createTestApp, signIn, visitorCsrf, type TestApp } from '../helpers/web.js';
import { anonymousCsrf, answerForm, inviteInstitution, makeEvent, storedInvitation } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('the RSVP page', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await createTestApp();
  });
  after(() => testApp.stop());

  async function post(token: string, answer: Parameters<typeof answerForm>[1], query = '') {
    const { csrf, cookie } = await anonymousCsrf(testApp.app, token);
    return supertest(testApp.app).post(`/rsvp/${token}${query}`).set('Cookie', cookie).type('form').send(answerForm(csrf, answer));
  }

  test('when an institution opens its link, then it sees the event, its own name and the form in its language', async () => {
    const event = await makeEvent();
    const { token, institution } = await inviteInstitution(String(event._id));
    const res = await supertest(testApp.app).get(`/rsvp/${token}`);
    assert.equal(res.status, 200);
    assert.match(res.text, /<html lang="zh-Hans">/);
    assert.ok(res.text.includes('2019年度金融工作座谈会'));
    assert.ok(res.text.includes(institution.nameZh));
    assert.ok(res.text.includes('高新区管委会'));
    assert.ok(res.text.includes('https://map.example/hq'));
    assert.match(res.text, /name="_csrf"/);
    assert.equal((res.text.match(/name="delegates\[\d\]\[name\]"/g) ?? []).length, 2, 'one row per allowed delegate');
    assert.ok(res.text.includes('代替张行长出席'), 'a delegate can stand in for the head');
    assert.equal(res.headers['cache-control'], 'private, no-store');
  });

  test('when the visitor switches to Korean or Japanese, then the page is in that language', async () => {
    const event = await makeEvent();
    const { token } = await inviteInstitution(String(event._id), { preferredLocale: 'en' });
    const en = await supertest(testApp.app).get(`/rsvp/${token}`);
    assert.match(en.text, /<html lang="en">/);
    assert.ok(en.text.includes('2019 Annual Symposium on Financial Work'));
    const ko = await supertest(testApp.app).get(`/rsvp/${token}?lang=ko`);
    assert.match(ko.text, /<html lang="ko">/);
    assert.ok(ko.text.includes('참석 여부'));
    const ja = await supertest(testApp.app).get(`/rsvp/${token}?lang=ja`);
    assert.ok(ja.text.includes('ご出欠'));
  });

  test('when an institution accepts, then the answer is stored, confirmed on screen and each delegate gets a QR check-in code', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    const res = await post(token, { status: 'accepted', delegates: [{ name: '李四', title: '副行长', substitute: true }], dietary: '清真' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/rsvp/${token}?saved=1`);
    const stored = await storedInvitation(invitationId);
    assert.equal(stored.status, 'accepted');
    assert.equal(stored.delegates[0]!.name, '李四');
    assert.equal(stored.delegates[0]!.substituteFor, '张行长');
    assert.match(stored.delegates[0]!.checkInCode, /^[A-HJ-NP-Z2-9]{8}$/);
    assert.equal(stored.needs?.dietary, '清真');
    assert.equal(stored.respondedBy?.kind, 'token');
    const page = await supertest(testApp.app).get(res.headers.location!);
    assert.ok(page.text.includes('data-testid="rsvp-saved"'));
    assert.ok(page.text.includes(`src="data:image/png;base64,`));
    assert.ok(page.text.includes(stored.delegates[0]!.checkInCode));
  });

  test('when an accepted page is viewed again, then each delegate still sees the QR code of their own check-in code', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    await post(token, { status: 'accepted', delegates: [{ name: '李四', title: '副行长' }, { name: '王五', title: '主任' }] });
    const codes = (await storedInvitation(invitationId)).delegates.map((d) => d.checkInCode);
    for (const view of [1, 2]) {
      const page = await supertest(testApp.app).get(`/rsvp/${token}`);
      const images = [...page.text.matchAll(/<img src="(data:image\/png;base64,[^"]+)"/g)].map((m) => m[1]!);
      assert.deepEqual(images.map((image) => readQrPng(image)), codes, `view ${view}: one image per delegate, each encoding its own code`);
    }
  });

  test('when the same delegate is submitted again, then their check-in code stays the same', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    await post(token, { status: 'accepted', delegates: [{ name: '王五' }] });
    const first = (await storedInvitation(invitationId)).delegates[0]!.checkInCode;
    await post(token, { status: 'tentative', delegates: [{ name: '赵六' }, { name: '王五', title: '行长助理' }] });
    const stored = await storedInvitation(invitationId);
    assert.equal(stored.delegates.find((d) => d.name === '王五')!.checkInCode, first);
    assert.notEqual(stored.delegates.find((d) => d.name === '赵六')!.checkInCode, first);
  });

  test('when more delegates than allowed are sent, then nothing is stored and the message names the maximum', async () => {
    const event = await makeEvent({ maxDelegates: 2 });
    const { token, invitationId } = await inviteInstitution(String(event._id));
    const res = await post(token, { status: 'accepted', delegates: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] });
    assert.equal(res.status, 422);
    assert.ok(res.text.includes('本次会议每家单位最多 2 位参会代表'), 'the message names the maximum');
    assert.ok(res.text.includes('value="C"'), 'what was typed is kept');
    assert.equal((await storedInvitation(invitationId)).status, 'pending');
  });

  test('when an institution accepts without naming a delegate, then it is asked for one', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    const res = await post(token, { status: 'accepted' });
    assert.equal(res.status, 422);
    assert.ok(res.text.includes('请至少填写一位参会代表'));
    assert.equal((await storedInvitation(invitationId)).status, 'pending');
  });

  test('when an institution answers after the deadline, then nothing changes and the page explains whom to contact', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    await post(token, { status: 'accepted', delegates: [{ name: '李四' }] });
    const { csrf, cookie } = await anonymousCsrf(testApp.app, token);
    await Event.updateOne({ _id: event._id }, { $set: { rsvpDeadline: new Date(Date.now() - 60_000) } });
    const res = await supertest(testApp.app).post(`/rsvp/${token}`).set('Cookie', cookie).type('form').send(answerForm(csrf, { status: 'declined' }));
    assert.equal(res.status, 409);
    assert.ok(res.text.includes('回复已截止'));
    assert.ok(res.text.includes('wang.mishu@zone.test'), 'names the organiser contact');
    assert.ok(!res.text.includes('data-testid="rsvp-form"'), 'read-only');
    const stored = await storedInvitation(invitationId);
    assert.equal(stored.status, 'accepted');
    assert.equal(stored.delegates[0]!.name, '李四');
    const page = await supertest(testApp.app).get(`/rsvp/${token}`);
    assert.ok(page.text.includes('data-testid="rsvp-closed"'));
    assert.ok(!page.text.includes('data-testid="rsvp-form"'));
  });

  test('when the event is cancelled, then the page says so and is read-only', async () => {
    const event = await makeEvent();
    const { token } = await inviteInstitution(String(event._id));
    await Event.updateOne({ _id: event._id }, { $set: { status: 'cancelled' } });
    const page = await supertest(testApp.app).get(`/rsvp/${token}`);
    assert.ok(page.text.includes('本次会议已取消'));
    assert.ok(!page.text.includes('data-testid="rsvp-form"'));
  });

  test('when a token posts another invitation’s ids, then only its own invitation changes', async () => {
    const event = await makeEvent();
    const a = await inviteInstitution(String(event._id));
    const b = await inviteInstitution(String(event._id));
    const { csrf, cookie } = await anonymousCsrf(testApp.app, a.token);
    const form = { ...answerForm(csrf, { status: 'declined' }), invitationId: b.invitationId, _id: b.invitationId, eventId: String(event._id) };
    const res = await supertest(testApp.app).post(`/rsvp/${a.token}`).set('Cookie', cookie).type('form').send(form);
    assert.equal(res.status, 303);
    assert.equal((await storedInvitation(a.invitationId)).status, 'declined');
    assert.equal((await storedInvitation(b.invitationId)).status, 'pending');
    const own = await anonymousCsrf(testApp.app, b.token);
    const other = await supertest(testApp.app).post(`/rsvp/${b.token}`).type('form').send({ ...form, _csrf: own.csrf });
    assert.equal(other.status, 303, "B's own link answers for B only");
    assert.equal((await storedInvitation(b.invitationId)).status, 'declined');
  });

  test('when a link has been replaced, then the old token gets the same plain 404 as a random one', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    const fresh = await issueRsvpToken(invitationId);
    const revoked = await supertest(testApp.app).get(`/rsvp/${token}`);
    const random = await supertest(testApp.app).get(`/rsvp/${'x'.repeat(43)}`);
    const malformed = await supertest(testApp.app).get('/rsvp/not-a-token');
    assert.equal(revoked.status, 404);
    assert.equal(random.status, 404);
    assert.equal(malformed.status, 404);
    assert.equal(revoked.text, random.text);
    assert.equal(malformed.text, random.text);
    assert.ok((await RsvpToken.findById(createHashHex(token)).lean())?.revokedAt, 'the old token is marked revoked');
    assert.equal((await supertest(testApp.app).get(`/rsvp/${fresh}`)).status, 200);
    const { csrf, cookie } = await anonymousCsrf(testApp.app, fresh);
    const post404 = await supertest(testApp.app).post(`/rsvp/${token}`).set('Cookie', cookie).type('form').send(answerForm(csrf, { status: 'declined' }));
    assert.equal(post404.status, 404);
    assert.equal((await storedInvitation(invitationId)).status, 'pending');
  });

  test('when a form arrives without its link’s CSRF token, then it is refused; with it, it needs no cookie', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    const other = await inviteInstitution(String(event._id));
    const page = await supertest(testApp.app).get(`/rsvp/${token}`);
    assert.equal(page.headers['set-cookie'], undefined, 'the RSVP page sets no cookie: no session, no CSRF cookie');
    const signIn = await visitorCsrf(testApp.app, '/login');
    const refused = [
      await supertest(testApp.app).post(`/rsvp/${token}`).type('form').send({ status: 'declined' }),
      await supertest(testApp.app).post(`/rsvp/${token}`).type('form').send(answerForm((await anonymousCsrf(testApp.app, other.token)).csrf, { status: 'declined' })),
      await supertest(testApp.app).post(`/rsvp/${token}`).set('Cookie', signIn.cookie).type('form').send(answerForm(signIn.csrf, { status: 'declined' })),
    ];
    assert.deepEqual(refused.map((res) => res.status), [403, 403, 403], 'no token, another link’s, the sign-in form’s');
    assert.ok(refused.every((res) => res.text.includes(translate('zh', 'errors.csrf'))));
    assert.equal((await storedInvitation(invitationId)).status, 'pending');
    const { csrf } = await anonymousCsrf(testApp.app, token);
    const saved = await supertest(testApp.app).post(`/rsvp/${token}`).type('form').send(answerForm(csrf, { status: 'declined' }));
    assert.equal(saved.status, 303, 'a browser that blocks cookies can still answer');
    assert.equal((await storedInvitation(invitationId)).status, 'declined');
  });

  test('when a signed-in organiser opens an RSVP link, then the page is the institution’s and the session is untouched', async () => {
    const event = await makeEvent();
    const { token } = await inviteInstitution(String(event._id));
    const { agent: organiser } = await signIn(testApp.app, 'organiser');
    const page = await organiser.get(`/rsvp/${token}`);
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes('href="/events"'), 'no staff navigation on the institution’s page');
    assert.equal(page.headers['set-cookie'], undefined);
    assert.equal((await organiser.get('/events')).status, 200, 'still signed in');
  });

  test('when an answer changes, then the audit trail records old and new value and the link’s short reference', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    await post(token, { status: 'accepted', delegates: [{ name: '李四' }] });
    await post(token, { status: 'declined' });
    const entries = await AuditEntry.find({ invitationId, action: 'rsvp.answered' }).sort({ at: 1 }).lean();
    assert.equal(entries.length, 2);
    assert.deepEqual([entries[1]!.before.status, entries[1]!.after.status], ['accepted', 'declined']);
    assert.equal(entries[1]!.actor?.tokenRef, createHashHex(token).slice(0, 8));
  });

  test('when the calendar file is downloaded, then it is a published copy (METHOD:PUBLISH in the file and its Content-Type, no RSVP asked) with the event’s UID, zone and times', async () => {
    const event = await makeEvent();
    const { token, institution } = await inviteInstitution(String(event._id));
    const res = await supertest(testApp.app).get(`/rsvp/${token}/event.ics`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type']!, /^text\/calendar; charset=utf-8; method=PUBLISH$/);
    assert.match(res.headers['content-disposition']!, /^attachment; filename="?event\.ics"?$/);
    assertWellFormedIcs(res.text);
    const calendar = new ICAL.Component(ICAL.parse(res.text));
    assert.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
    const attendee = calendar.getFirstSubcomponent('vevent')!.getFirstProperty('attendee')!;
    assert.equal(String(attendee.getFirstValue()).toLowerCase(), `mailto:${institution.contacts[0]!.email}`);
    assert.equal(attendee.getParameter('partstat'), 'NEEDS-ACTION');
    assert.notEqual(attendee.getParameter('rsvp'), 'TRUE');
    const vevent = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    assert.equal(vevent.uid, event.calendar!.uid);
    assert.equal(vevent.summary, '2019年度金融工作座谈会');
    assert.equal(vevent.startDate.zone?.tzid, 'Asia/Shanghai');
    assert.match(res.text, /DTSTART;TZID=Asia\/Shanghai:\d{8}T\d{6}\r\n/);
    assert.equal(vevent.startDate.toJSDate().getTime(), event.startsAt.getTime());
    assert.ok(!res.text.includes(token), 'the secret link is not in the file');
  });
});

function createHashHex(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
