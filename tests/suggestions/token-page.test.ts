import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { Event } from '../../src/events/index.js';
import { registerAllMessages } from '../../src/messages.js';
import { Suggestion } from '../../src/suggestions/index.js';
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
