import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { getEvent } from '../../src/events/index.js';
import { toFormValues } from '../../src/events/event-view.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { sendInvitations } from '../../src/invitations/index.js';
import { enqueueMessages } from '../../src/mail/index.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { translate } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { makeEvent, organiser, storedInvitation } from './fixtures.js';
import { addressesOf, inviteWithAnswers, readCalendar, rsvpPathIn, startMailbox, type Mailbox } from './mail-fixtures.js';

useTestDatabase(import.meta.url);

type SignedIn = Awaited<ReturnType<typeof signIn>>;
const BATCH_PATH = /^\/events\/[0-9a-f]{24}\/batches\/([0-9a-f-]{36})$/;

describe('sending from the RSVP board', () => {
  let testApp: TestApp;
  let mailbox: Mailbox;
  let staff: SignedIn;
  // While true, the SMTP sink refuses every message for good (550).
  let refusing = false;
  before(async () => {
    testApp = await createTestApp();
    mailbox = await startMailbox({ rejectRate: 1, rejectCode: 550, random: () => (refusing ? 0 : 1) });
    staff = await signIn(testApp.app, 'organiser');
  });
  after(async () => {
    await mailbox.stop();
    await testApp.stop();
  });

  const post = (path: string, form: Record<string, string | string[]> = {}) => staff.agent.post(path).type('form').send({ ...form, _csrf: staff.csrf });
  const batchOf = (location: string | undefined) => BATCH_PATH.exec(location ?? '')?.[1] ?? assert.fail(`not a batch page: ${location}`);

  async function progressUntilDone(eventId: string, batchId: string) {
    for (let i = 0; i < 200; i += 1) {
      const res = await staff.agent.get(`/events/${eventId}/batches/${batchId}.json`);
      assert.equal(res.status, 200);
      if (res.body.done) return res.body;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.fail('the batch never finished');
  }

  test('when an organiser sends to all not yet sent, then the progress reaches sent = total and the page ends with a report', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const invited = await inviteWithAnswers(id, [{ status: 'pending' }, { status: 'pending', locale: 'en' }, { status: 'accepted' }]);
    await Invitation.updateOne({ _id: invited[2]!.invitationId }, { $set: { sentAt: new Date('2019-03-01T00:00:00Z') } });
    const board = await staff.agent.get(`/events/${id}/board`);
    assert.match(board.text, new RegExp(translate('zh', 'invitations.send.all', { count: 2 }).replace(/[()（）]/g, '.')));
    const asked = await post(`/events/${id}/invitations/send`);
    assert.equal(asked.status, 200, 'sending to many is confirmed first');
    assert.match(asked.text, /data-testid="confirm"/);
    assert.match(asked.text, /2 个受邀单位将通过电子邮件收到邀请函/, "the count is of those not yet sent");
    assert.equal(await OutboxMessage.countDocuments({ eventId: id }), 0, 'nothing is sent before the confirmation');
    const res = await post(`/events/${id}/invitations/send`, { confirmed: '1' });
    assert.equal(res.status, 303);
    const batchId = batchOf(res.headers.location);
    const mails = await mailbox.delivered(batchId);
    assert.deepEqual(mails.map((m) => addressesOf(m.to)[0]).sort(), [invited[0]!.email, invited[1]!.email].sort());
    const done = await progressUntilDone(id, batchId);
    assert.deepEqual({ total: done.total, sent: done.sent, failed: done.failed, remaining: done.remaining }, { total: 2, sent: 2, failed: 0, remaining: 0 });
    const page = await staff.agent.get(res.headers.location!);
    assert.equal(page.status, 200);
    assert.match(page.text, /data-testid="send-report"/);
    assert.ok(page.text.includes(translate('zh', 'invitations.batch.allDelivered', { count: 2 })));
    assert.doesNotMatch(page.text, /http-equiv="refresh"/, 'a finished batch stops refreshing');
    for (const { invitationId } of invited.slice(0, 2)) assert.ok((await storedInvitation(invitationId)).sentAt);
    assert.equal((await storedInvitation(invited[2]!.invitationId)).sentAt?.toISOString(), '2019-03-01T00:00:00.000Z', 'the one already sent is left alone');
    const again = await post(`/events/${id}/invitations/send`);
    assert.equal(again.headers.location, `/events/${id}/board`, 'nothing left to send');
  });

  test('when a batch is still going, then its page refreshes itself without JavaScript and its JSON says so', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    // A batch of one message held back for an hour, so it is still open while the page is read.
    const batch = { batchId: randomUUID() };
    await enqueueMessages(
      [{ eventId: id, batchId: batch.batchId, kind: 'invitation', template: 'invitations/emails/invitation', locale: 'zh', to: [{ email: 'held@bank.test' }], subject: 'held', text: 'held', html: '<p>held</p>', notBefore: new Date(Date.now() + 3600_000) }],
      'Convene <convene@test.local>',
    );
    const state = await staff.agent.get(`/events/${id}/batches/${batch.batchId}.json`);
    assert.equal(state.body.done, false);
    const page = await staff.agent.get(`/events/${id}/batches/${batch.batchId}`);
    assert.match(page.text, /<noscript><meta http-equiv="refresh" content="2"><\/noscript>/);
    assert.match(page.text, /<script src="\/public\/js\/send-progress.js" defer><\/script>/);
    assert.match(page.text, /<progress max="1" value="0"/);
    await OutboxMessage.updateMany({ batchId: batch.batchId }, { $set: { nextAttemptAt: new Date() } });
    await mailbox.delivered(batch.batchId);
    assert.equal((await staff.agent.get(`/events/${id}/batches/not-a-batch`)).status, 404);
    const other = await makeEvent();
    assert.equal((await staff.agent.get(`/events/${other._id}/batches/${batch.batchId}.json`)).status, 404, 'a batch of another event');
  });

  test('when the mail server refuses a message for good, then the report names it and why, and the outbox retries it', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const invited = await inviteWithAnswers(id, [{ status: 'pending' }]);
    refusing = true;
    const res = await post(`/events/${id}/invitations/${invited[0]!.invitationId}/send`);
    const batchId = batchOf(res.headers.location);
    mailbox.worker.kick();
    const done = await progressUntilDone(id, batchId);
    refusing = false;
    assert.equal(done.failed, 1);
    assert.equal(done.failures[0].to, invited[0]!.email);
    assert.match(done.failures[0].error, /550/);
    const report = await staff.agent.get(res.headers.location!);
    assert.ok(report.text.includes(translate('zh', 'invitations.batch.someFailed', { failed: 1, total: 1 })));
    const outbox = await staff.agent.get(`/events/${id}/outbox`);
    assert.match(outbox.text, /data-status="failed" data-kind="invitation"/);
    assert.ok(outbox.text.includes(invited[0]!.email));
    const retry = await post(`/events/${id}/outbox/retry`);
    assert.equal(retry.headers.location, `/events/${id}/outbox`);
    const [mail] = await mailbox.delivered(batchId);
    assert.deepEqual(addressesOf(mail!.to), [invited[0]!.email]);
    assert.match((await staff.agent.get(`/events/${id}/outbox`)).text, /data-status="sent" data-kind="invitation"/);
  });

  test('when an organiser sends one invitation again, then only that invitee gets it, with the same link', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const invited = await inviteWithAnswers(id, [{ status: 'pending' }, { status: 'pending' }]);
    const first = await mailbox.delivered((await sendInvitations(await getEvent(id), undefined, organiser)).batchId);
    const res = await post(`/events/${id}/invitations/${invited[1]!.invitationId}/send`);
    const again = await mailbox.delivered(batchOf(res.headers.location));
    assert.equal(again.length, 1);
    assert.deepEqual(addressesOf(again[0]!.to), [invited[1]!.email]);
    const earlier = first.find((m) => addressesOf(m.to)[0] === invited[1]!.email)!;
    assert.equal(rsvpPathIn(again[0]!), rsvpPathIn(earlier));
  });

  test('when an organiser asks for a test copy, then only they receive it, marked as a test, under a UID of its own, and no invitation counts as sent', async () => {
    const event = await makeEvent({ status: 'draft' });
    const id = String(event._id);
    const invited = await inviteWithAnswers(id, [{ status: 'pending' }]);
    const res = await post(`/events/${id}/invitations/test-copy`, { locale: 'ja' });
    const [mail] = await mailbox.delivered(batchOf(res.headers.location));
    assert.deepEqual(addressesOf(mail!.to), [staff.user.email]);
    assert.deepEqual(addressesOf(mail!.cc), []);
    const subject = translate('ja', 'invitations.email.invitation.subject', { title: '2019 Annual Symposium on Financial Work' });
    assert.equal(mail!.subject, translate('ja', 'invitations.email.testSubject', { subject }));
    assert.ok(mail!.text!.includes(translate('ja', 'invitations.email.testBanner')));
    assert.equal(readCalendar(mail!).attendees[0]!.address, `mailto:${staff.user.email}`);
    assert.equal(readCalendar(mail!).uid, `test-copy-${event.calendar!.uid}`, 'accepting a test copy never puts the real meeting in a calendar');
    const stored = await OutboxMessage.findOne({ messageId: mail!.messageId }).lean();
    assert.equal(stored!.kind, 'test-copy');
    assert.equal(stored!.invitationId, undefined);
    assert.equal((await storedInvitation(invited[0]!.invitationId)).sentAt, undefined);
    assert.ok(!mailbox.sink.envelopes.some((e) => e.to.includes(invited[0]!.email)), 'the invitee received nothing');
    const refused = await post(`/events/${id}/invitations/send`);
    assert.equal(refused.headers.location, `/events/${id}/board`, 'a draft is not sent to invitees');
  });

  test('when an organiser reminds the selected invitees, then only the pending ones among them are reminded', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const invited = await inviteWithAnswers(id, [{ status: 'pending' }, { status: 'accepted' }, { status: 'pending' }]);
    const asked = await post(`/events/${id}/reminders`, { scope: 'selected', invitationIds: [invited[0]!.invitationId, invited[1]!.invitationId] });
    assert.match(asked.text, /data-testid="confirm"/);
    // The confirmation posts the same selection again.
    assert.equal((asked.text.match(/<input type="hidden" name="invitationIds"/g) ?? []).length, 2);
    const res = await post(`/events/${id}/reminders`, { scope: 'selected', invitationIds: [invited[0]!.invitationId, invited[1]!.invitationId], confirmed: '1' });
    const mails = await mailbox.delivered(batchOf(res.headers.location));
    assert.deepEqual(mails.map((m) => addressesOf(m.to)[0]), [invited[0]!.email]);
    assert.ok((await storedInvitation(invited[0]!.invitationId)).lastRemindedAt);
    assert.equal((await storedInvitation(invited[2]!.invitationId)).lastRemindedAt, undefined);
    const none = await post(`/events/${id}/reminders`, { scope: 'selected' });
    assert.equal(none.headers.location, `/events/${id}/board`, 'nothing ticked');
  });

  test('when the API sends and reminds, then 202 with the batch, 422 for ids not of this event, and the outbox lists every message', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const invited = await inviteWithAnswers(id, [{ status: 'pending' }, { status: 'declined' }]);
    const token = await apiTokenFor('organiser');
    const api = (method: 'get' | 'post', path: string) => supertest(testApp.app)[method](path).auth(token, { type: 'bearer' });
    const bad = await api('post', `/api/v1/events/${id}/invitations/send`).send({ invitationIds: [invited[0]!.invitationId, '000000000000000000000000', 'nope'] });
    assert.equal(bad.status, 422);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['invitationIds.1', 'invitationIds.2']);
    const sent = await api('post', `/api/v1/events/${id}/invitations/send`).send({});
    assert.equal(sent.status, 202);
    assert.equal(sent.body.queued, 2);
    await mailbox.delivered(sent.body.batchId);
    const nothing = await api('post', `/api/v1/events/${id}/invitations/send`).send({});
    assert.deepEqual(nothing.body, { batchId: null, queued: 0 });
    const reminded = await api('post', `/api/v1/events/${id}/reminders`).send({});
    assert.equal(reminded.status, 202);
    assert.equal(reminded.body.queued, 1, 'only the pending one');
    await mailbox.delivered(reminded.body.batchId);
    const outbox = await api('get', `/api/v1/events/${id}/outbox`);
    assert.equal(outbox.status, 200);
    assert.equal(outbox.body.items.length, 3);
    const item = outbox.body.items.find((i: { kind: string }) => i.kind === 'reminder');
    assert.deepEqual(item.to, [invited[0]!.email]);
    assert.equal(item.status, 'sent');
    assert.equal(item.attempts, 1);
    assert.match(item.messageId, /^<.+@.+>$/);
    assert.ok(item.createdAt && item.sentAt);
    const viewer = await apiTokenFor('viewer');
    assert.equal((await supertest(testApp.app).post(`/api/v1/events/${id}/invitations/send`).auth(viewer, { type: 'bearer' }).send({})).status, 403);
  });

  test('when an organiser moves a scheduled event on the web, then a page offers an update to N invitees, and sending it reaches all who have not declined', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const invited = await inviteWithAnswers(id, [{ status: 'pending' }, { status: 'accepted' }, { status: 'declined' }]);
    await mailbox.delivered((await sendInvitations(await getEvent(id), undefined, organiser)).batchId);
    const form = toFormValues(await getEvent(id));
    const moved = { ...form, startsAt: String(form.startsAt).replace(/T\d\d/, 'T07'), venueRoom: '第二会议室', _csrf: staff.csrf };
    const edit = await staff.agent.post(`/events/${id}`).type('form').send(moved);
    assert.equal(edit.status, 303);
    assert.match(edit.headers.location!, new RegExp(`^/events/${id}/update-notice\\?changed=startsAt,venue$`));
    const notice = await staff.agent.get(edit.headers.location!);
    assert.match(notice.text, /data-testid="notice-count" data-count="2"/);
    assert.ok(notice.text.includes('第一会议室') && notice.text.includes('第二会议室'), 'the venue, before and after');
    const send = await post(`/events/${id}/update-notice`, { changed: 'startsAt,venue' });
    const mails = await mailbox.delivered(batchOf(send.headers.location));
    assert.deepEqual(mails.map((m) => addressesOf(m.to)[0]).sort(), [invited[0]!.email, invited[1]!.email].sort());
    assert.equal(readCalendar(mails[0]!).sequence, (await getEvent(id)).calendar!.sequence);
    const draft = await makeEvent({ status: 'draft' });
    const draftEdit = await staff.agent.post(`/events/${draft._id}`).type('form').send({ ...toFormValues(await getEvent(String(draft._id))), venueRoom: '第三会议室', _csrf: staff.csrf });
    assert.equal(draftEdit.headers.location, `/events/${draft._id}`, 'a draft is not announced');
  });

  test('when an organiser cancels a scheduled event with “notify” ticked, then every invitee gets the cancellation; unticked, nobody does', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const invited = await inviteWithAnswers(id, [{ status: 'pending' }, { status: 'declined' }]);
    const page = await staff.agent.get(`/events/${id}`);
    assert.match(page.text, /name="notify" value="1" checked/);
    const asked = await post(`/events/${id}/transition`, { to: 'cancelled', notify: '1' });
    assert.match(asked.text, /data-testid="confirm"/);
    assert.match(asked.text, /收到取消通知邮件/);
    assert.equal((await getEvent(id)).status, 'scheduled', 'not cancelled before the confirmation');
    const res = await post(`/events/${id}/transition`, { to: 'cancelled', notify: '1', confirmed: '1' });
    assert.equal(res.status, 303);
    const cancellation = await OutboxMessage.findOne({ eventId: id, kind: 'cancellation' }).lean();
    const mails = await mailbox.delivered(cancellation!.batchId!);
    assert.deepEqual(mails.map((m) => addressesOf(m.to)[0]).sort(), invited.map((i) => i.email).sort());
    assert.equal(readCalendar(mails[0]!).method, 'CANCEL');
    const quiet = await makeEvent();
    await inviteWithAnswers(String(quiet._id), [{ status: 'pending' }]);
    await post(`/events/${quiet._id}/transition`, { to: 'cancelled', confirmed: '1' });
    assert.equal(await OutboxMessage.countDocuments({ eventId: quiet._id }), 0);
  });
});
