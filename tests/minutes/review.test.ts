import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { approveMinutes, publishMinutes, saveMinutesItem, submitMinutesForReview } from '../../src/minutes/index.js';
import { MinutesComment, MinutesReviewInvite } from '../../src/minutes/comment.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, visitorCsrf, type TestApp } from '../helpers/web.js';
import { inviteInstitution } from '../invitations/fixtures.js';
import { addressesOf, answer, startMailbox, type Mailbox } from '../invitations/mail-fixtures.js';
import { attendingInstitution, content, makeEventWithAgenda, organiser, secretary } from './fixtures.js';

useTestDatabase(import.meta.url);

type SignedIn = Awaited<ReturnType<typeof signIn>>;

describe('review of the minutes by the attending institutions', () => {
  let t: TestApp;
  let mailbox: Mailbox;
  let staff: SignedIn;
  let writer: SignedIn;
  before(async () => {
    t = await createTestApp();
    mailbox = await startMailbox();
    staff = await signIn(t.app, 'organiser');
    writer = await signIn(t.app, 'secretary');
  });
  after(async () => {
    await mailbox.stop();
    await t.stop();
  });

  test('when the organiser invites the attending institutions, then each one that checked in (and no other) gets an email in its language linking to the minutes', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const zh = await attendingInstitution(eventId, ['张三'], { preferredLocale: 'zh' });
    const en = await attendingInstitution(eventId, ['Li Si'], { preferredLocale: 'en' });
    const ko = await attendingInstitution(eventId, ['김민수'], { preferredLocale: 'ko' });
    const absent = await inviteInstitution(eventId);
    await answer(absent.invitationId, 'accepted', ['缺席者']);
    await saveMinutesItem(eventId, items[0]!.id, { baseRevision: 0, content: content('纪要稿') }, secretary);

    const early = await staff.agent.post(`/events/${eventId}/minutes/review-invitations`).type('form').send({ _csrf: staff.csrf });
    assert.equal(early.status, 303);
    assert.equal(await MinutesReviewInvite.countDocuments({ eventId }), 0, 'a draft cannot be sent for comment');

    await submitMinutesForReview(eventId, secretary);
    const res = await staff.agent.post(`/events/${eventId}/minutes/review-invitations`).type('form').send({ _csrf: staff.csrf });
    assert.equal(res.status, 303);
    const invite = await MinutesReviewInvite.findOne({ eventId }).lean();
    assert.equal(invite?.count, 3);
    const mails = await mailbox.delivered(invite!.batchId);
    const byAddress = new Map(mails.map((m) => [addressesOf(m.to)[0], m]));
    assert.deepEqual([...byAddress.keys()].sort(), [zh, en, ko].map((i) => i.institution.contacts[0]!.email).sort());
    assert.equal(byAddress.get(zh.institution.contacts[0]!.email)?.subject, '会议纪要征求意见：2019年度金融工作座谈会');
    assert.equal(byAddress.get(en.institution.contacts[0]!.email)?.subject, 'Draft minutes for your review: 2019 Annual Symposium on Financial Work');
    assert.match(byAddress.get(ko.institution.contacts[0]!.email)?.subject ?? '', /^회의록 초안 검토 요청/);
    const link = new RegExp(`/rsvp/${zh.token}/minutes\\b`);
    assert.match(byAddress.get(zh.institution.contacts[0]!.email)?.text ?? '', link);
    assert.match(String(byAddress.get(zh.institution.contacts[0]!.email)?.html), link);
    const page = await supertest(t.app).get(`/rsvp/${zh.token}/minutes`);
    assert.equal(page.status, 200);
    assert.match(page.text, /纪要稿/);
    const list = await staff.agent.get(`/events/${eventId}/minutes`);
    assert.match(list.text, /data-testid="review-invites"/);
  });

  test('when an institution comments on an item through its link, then the secretary sees it on that item, escaped; after approval no more comments are taken', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const bank = await attendingInstitution(eventId, ['王五'], { nameZh: '青岛农商银行' });
    await submitMinutesForReview(eventId, secretary);
    const path = `/rsvp/${bank.token}/minutes`;
    const { csrf, cookie } = await visitorCsrf(t.app, path);
    const post = (itemId: string, form: Record<string, string>) => supertest(t.app).post(`${path}/items/${itemId}/comments`).set('Cookie', cookie).type('form').send({ _csrf: csrf, ...form });

    const empty = await post(items[1]!.id, { text: '  ', authorName: '王五' });
    assert.equal(empty.status, 422);
    assert.match(empty.text, /value="王五"/, 'what was typed stays');
    const sent = await post(items[1]!.id, { text: '建议补充：我行2018年小微贷款增长 <script>alert(1)</script>', authorName: '王五' });
    assert.equal(sent.status, 303);
    assert.equal(sent.headers.location, `${path}?commented=1#item-${items[1]!.id}`);
    assert.equal((await post('0123456789abcdef01234567', { text: '无此议程' })).status, 404);

    const mine = await supertest(t.app).get(`${path}?commented=1`);
    assert.match(mine.text, /data-testid="comment-saved"/);
    assert.match(mine.text, /data-testid="own-comment">建议补充/);

    const item = await writer.agent.get(`/events/${eventId}/minutes/items/${items[1]!.id}`);
    const comments = /data-testid="item-comments">([\s\S]*?)<\/section>/.exec(item.text)?.[1] ?? '';
    assert.match(comments, /青岛农商银行/);
    assert.match(comments, /王五/);
    assert.match(comments, /建议补充：我行2018年小微贷款增长 &lt;script&gt;/);
    const overview = await writer.agent.get(`/events/${eventId}/minutes`);
    assert.match(overview.text, /机构意见 1 条/);
    const other = await writer.agent.get(`/events/${eventId}/minutes/items/${items[0]!.id}`);
    assert.doesNotMatch(other.text, /建议补充/);

    await approveMinutes(eventId, organiser);
    const late = await post(items[1]!.id, { text: '太晚了' });
    assert.equal(late.status, 409);
    assert.match(late.text, /data-testid="comment-error"/);
  });

  test('when an institution did not attend, then its link neither shows nor takes comments on the draft; the published minutes it may read', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const bank = await attendingInstitution(eventId, ['钱七']);
    const declined = await inviteInstitution(eventId);
    await answer(declined.invitationId, 'declined');
    const noShow = await inviteInstitution(eventId);
    await answer(noShow.invitationId, 'accepted', ['未到者']);
    await saveMinutesItem(eventId, items[0]!.id, { baseRevision: 0, content: content('仅供与会机构征求意见') }, secretary);
    await submitMinutesForReview(eventId, secretary);

    assert.match((await supertest(t.app).get(`/rsvp/${bank.token}`)).text, new RegExp(`href="/rsvp/${bank.token}/minutes"`));
    for (const other of [declined, noShow]) {
      assert.doesNotMatch((await supertest(t.app).get(`/rsvp/${other.token}`)).text, /\/minutes"/, 'no link to the draft');
      const page = await supertest(t.app).get(`/rsvp/${other.token}/minutes`);
      assert.equal(page.status, 404);
      assert.doesNotMatch(page.text, /仅供与会机构/);
      const { csrf } = await visitorCsrf(t.app, `/rsvp/${other.token}`);
      const comment = await supertest(t.app).post(`/rsvp/${other.token}/minutes/items/${items[0]!.id}/comments`).type('form').send({ _csrf: csrf, text: '未与会的意见', authorName: '某人' });
      assert.equal(comment.status, 404);
    }
    assert.equal(await MinutesComment.countDocuments({ eventId }), 0);

    await approveMinutes(eventId, organiser);
    await publishMinutes(eventId, organiser);
    const published = await supertest(t.app).get(`/rsvp/${declined.token}/minutes`);
    assert.equal(published.status, 200);
    assert.match(published.text, /仅供与会机构征求意见/);
    assert.doesNotMatch(published.text, /minutes-comment-form/);
  });

  test('when the minutes are a draft, in review, then published, then the RSVP page links to them only in review and once published, and the token page shows the published minutes with their downloads', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const bank = await attendingInstitution(eventId, ['赵六']);
    const rsvp = () => supertest(t.app).get(`/rsvp/${bank.token}`);
    const minutesLink = new RegExp(`href="/rsvp/${bank.token}/minutes"`);
    assert.doesNotMatch((await rsvp()).text, minutesLink);
    assert.equal((await supertest(t.app).get(`/rsvp/${bank.token}/minutes`)).status, 404, 'nothing to read while a draft');

    await saveMinutesItem(eventId, items[0]!.id, { baseRevision: 0, content: content('**正式**文字') }, secretary);
    await submitMinutesForReview(eventId, secretary);
    assert.match((await rsvp()).text, minutesLink);
    assert.match((await rsvp()).text, /会议纪要（征求意见稿）/);

    await approveMinutes(eventId, organiser);
    assert.doesNotMatch((await rsvp()).text, minutesLink, 'approved but not yet published');
    await publishMinutes(eventId, organiser);
    assert.match((await rsvp()).text, minutesLink);
    const page = await supertest(t.app).get(`/rsvp/${bank.token}/minutes`);
    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'private, no-store');
    assert.match(page.text, /<strong>正式<\/strong>文字/);
    assert.match(page.text, new RegExp(`href="/rsvp/${bank.token}/minutes\\.docx"`));
    assert.match(page.text, new RegExp(`href="/rsvp/${bank.token}/minutes\\.pdf"`));
    assert.match(page.text, /data-testid="minutes-attendance"[\s\S]*赵六/);
    assert.doesNotMatch(page.text, /minutes-comment-form/);
    const japanese = await supertest(t.app).get(`/rsvp/${bank.token}/minutes?lang=ja`);
    assert.match(japanese.text, /<h1>議事録<\/h1>/);
    assert.equal((await supertest(t.app).get(`/rsvp/${'x'.repeat(43)}/minutes`)).status, 404);
  });
});
