import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { Event } from '../../src/events/event.model.js';
import { registerAllMessages } from '../../src/messages.js';
import { Suggestion } from '../../src/suggestions/suggestion.model.js';
import { SuggestionHistory } from '../../src/suggestions/suggestion-history.model.js';
import { MAX_PER_INVITATION } from '../../src/suggestions/token.service.js';
import { listMessageKeys, translate, type Locale } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, visitorCsrf, type TestApp } from '../helpers/web.js';
import { eventWithInvitee, inviteInstitution, suggest } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('suggestions through the institution’s own link', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await createTestApp();
  });
  after(() => testApp.stop());

  /** Post the institution's suggestion form, with the CSRF token of its page (read before, if given). */
  async function send(token: string, form: Record<string, string>, csrf?: string) {
    const path = `/rsvp/${token}/suggestions`;
    return supertest(testApp.app)
      .post(path)
      .type('form')
      .send({ _csrf: csrf ?? (await visitorCsrf(testApp.app, path)).csrf, ...form });
  }

  test('when an institution sends a suggestion, then it is recorded as its own and its page lists only its own', async () => {
    const { eventId, invitee } = await eventWithInvitee();
    const other = await inviteInstitution(eventId);
    await suggest(eventId, { institutionId: String(other.institution._id), text: '别家机构的建议，不应被看到' });
    const rsvp = await supertest(testApp.app).get(`/rsvp/${invitee.token}`);
    assert.ok(rsvp.text.includes(`/rsvp/${invitee.token}/suggestions`), 'the RSVP page links to it');
    const res = await send(invitee.token, { categoryKey: 'bank_enterprise_info', text: '建议定期举办银企对接会。', personName: '刘经理' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/rsvp/${invitee.token}/suggestions?saved=1`);
    const stored = await Suggestion.findOne({ eventId, text: '建议定期举办银企对接会。' }).lean();
    assert.ok(stored);
    assert.equal(stored.source, 'institution');
    assert.equal(String(stored.institutionId), String(invitee.institution._id));
    assert.equal(String(stored.invitationId), invitee.invitationId);
    assert.equal(stored.personName, '刘经理');
    assert.equal(stored.status, 'open');
    const page = await supertest(testApp.app).get(res.headers.location!);
    assert.equal(page.status, 200);
    assert.equal(page.headers['cache-control'], 'private, no-store');
    assert.ok(page.text.includes(translate('zh', 'suggestions.token.saved')));
    assert.ok(page.text.includes('建议定期举办银企对接会。'));
    assert.ok(!page.text.includes('别家机构的建议'), 'never another institution’s');
    assert.equal((page.text.match(/data-testid="own-suggestion"/g) ?? []).length, 1);
    const theirs = await supertest(testApp.app).get(`/rsvp/${other.token}/suggestions`);
    assert.ok(theirs.text.includes('别家机构的建议'), 'on-the-day suggestions of an institution show on its own page');
    assert.ok(!theirs.text.includes('建议定期举办银企对接会。'));
  });

  test('when the form is incomplete, then it comes back with 422 in the institution’s language and keeps the text', async () => {
    const { invitee } = await eventWithInvitee('ko');
    const res = await send(invitee.token, { categoryKey: '', text: '한국어 건의' });
    assert.equal(res.status, 422);
    assert.match(res.text, /<html lang="ko">/);
    assert.ok(res.text.includes(translate('ko', 'suggestions.categoryRequired')));
    assert.ok(res.text.includes('한국어 건의'));
  });

  test('when the link is wrong or the event is cancelled, then nothing can be sent', async () => {
    const { event, invitee } = await eventWithInvitee();
    assert.equal((await supertest(testApp.app).get(`/rsvp/${'x'.repeat(43)}/suggestions`)).status, 404);
    // The form was open when the page was loaded.
    const { csrf } = await visitorCsrf(testApp.app, `/rsvp/${invitee.token}/suggestions`);
    await Event.updateOne({ _id: event._id }, { $set: { status: 'cancelled' } });
    const page = await supertest(testApp.app).get(`/rsvp/${invitee.token}/suggestions`);
    assert.ok(page.text.includes(translate('zh', 'suggestions.token.closed')));
    const res = await send(invitee.token, { categoryKey: 'other', text: '取消后提交' }, csrf);
    assert.equal(res.status, 409);
    assert.equal(await Suggestion.countDocuments({ text: '取消后提交' }), 0);
  });

  /** The CSRF token and submission id of the institution's form, as its page shows them. */
  async function openForm(token: string) {
    const page = await supertest(testApp.app).get(`/rsvp/${token}/suggestions`);
    const submission = /name="submission" value="([0-9a-f]{24})"/.exec(page.text)?.[1];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    assert.ok(submission && csrf, 'the form carries a submission id');
    return { submission, csrf };
  }

  test('when the same form is sent twice, one after the other or both at once, then one suggestion is saved and both sends end on the saved page', async () => {
    const { eventId, invitee } = await eventWithInvitee();
    const form = await openForm(invitee.token);
    const answer = { categoryKey: 'other', text: '建议简化贷款审批流程。', personName: '王经理', submission: form.submission };
    const first = await send(invitee.token, answer, form.csrf);
    const again = await send(invitee.token, answer, form.csrf);
    assert.deepEqual([first.status, again.status], [303, 303]);
    assert.equal(again.headers.location, first.headers.location);
    assert.equal(await Suggestion.countDocuments({ eventId }), 1);
    assert.equal(await SuggestionHistory.countDocuments({ suggestionId: (await Suggestion.findOne({ eventId }).lean())!._id }), 1);

    const twice = await openForm(invitee.token);
    assert.notEqual(twice.submission, form.submission, 'the next form is a new submission');
    const together = { categoryKey: 'other', text: '双击提交的建议', submission: twice.submission };
    const statuses = (await Promise.all([send(invitee.token, together, twice.csrf), send(invitee.token, together, twice.csrf)])).map((res) => res.status);
    assert.deepEqual(statuses, [303, 303]);
    assert.equal(await Suggestion.countDocuments({ eventId, text: '双击提交的建议' }), 1);
  });

  test('when a sent form is reopened with the back button, changed and sent again, then that is a second suggestion', async () => {
    const { eventId, invitee } = await eventWithInvitee();
    const form = await openForm(invitee.token);
    await send(invitee.token, { categoryKey: 'other', text: '第一条建议', submission: form.submission }, form.csrf);
    const res = await send(invitee.token, { categoryKey: 'other', text: '第二条建议', submission: form.submission }, form.csrf);
    assert.equal(res.status, 303);
    const texts = (await Suggestion.find({ eventId }).lean()).map((doc) => doc.text).sort();
    assert.deepEqual(texts, ['第一条建议', '第二条建议']);
  });

  test('when the send that filled the last place is resent, then it still ends on the saved page, and the history a failed send missed is written', async () => {
    const { eventId, invitee } = await eventWithInvitee();
    const institutionId = String(invitee.institution._id);
    for (let i = 1; i < MAX_PER_INVITATION; i += 1) await suggest(eventId, { institutionId, text: `会上的建议 ${i}` });
    const form = await openForm(invitee.token);
    const last = { categoryKey: 'other', text: '最后一条', submission: form.submission };
    assert.equal((await send(invitee.token, last, form.csrf)).status, 303);
    // As if the first send had stopped after the suggestion and before its history record.
    await SuggestionHistory.deleteOne({ _id: `${form.submission}:1` });
    const again = await send(invitee.token, last, form.csrf);
    assert.equal(again.status, 303, 'not refused as over the limit');
    assert.equal(await Suggestion.countDocuments({ eventId }), MAX_PER_INVITATION);
    assert.equal(await SuggestionHistory.countDocuments({ _id: `${form.submission}:1` }), 1);
    const other = await send(invitee.token, { categoryKey: 'other', text: '超出上限', submission: form.submission }, form.csrf);
    assert.equal(other.status, 409, 'a changed form is a new suggestion, over the limit');
    assert.equal(await Suggestion.countDocuments({ eventId }), MAX_PER_INVITATION);
  });

  test('when an institution reads its page in Korean or Japanese, then every string of it is translated', () => {
    registerAllMessages();
    const view = readFileSync(new URL('../../src/suggestions/views/token.ejs', import.meta.url), 'utf8');
    const email = readFileSync(new URL('../../src/suggestions/emails/answered.ejs', import.meta.url), 'utf8');
    const literal = [...`${view}${email}`.matchAll(/\bt\('([\w.]+\w)'(?! \+)/g)].map((m) => m[1]!);
    const dynamic = ['open', 'accepted', 'in_progress', 'answered', 'declined'].map((s) => `suggestions.status.${s}`).concat('suggestions.token.link', 'suggestions.token.linkNote', 'suggestions.email.subject', 'suggestions.tooLong', 'suggestions.categoryUnknown', 'validation.required');
    const keys = [...new Set([...literal, ...dynamic])];
    assert.ok(keys.length > 25);
    for (const locale of ['ko', 'ja'] as Locale[]) {
      const known = new Set(listMessageKeys(locale));
      assert.deepEqual(keys.filter((key) => !known.has(key)), [], `missing in ${locale}`);
    }
  });
});
