import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SuggestionCategory } from '../../src/suggestions/category.model.js';
import { Suggestion } from '../../src/suggestions/suggestion.model.js';
import { translate } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { eventWithInvitee } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('quick capture on the day', () => {
  let testApp: TestApp;
  let staff: Awaited<ReturnType<typeof signIn>>;
  before(async () => {
    testApp = await createTestApp();
    staff = await signIn(testApp.app, 'secretary');
  });
  after(() => testApp.stop());

  test('when the secretary captures a suggestion, then it is stored open and the form comes back empty but for the institution and item', async () => {
    const { eventId, items, invitee } = await eventWithInvitee();
    const page = await staff.agent.get(`/events/${eventId}/suggestions/capture`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(invitee.institution.nameZh), 'the invitees are offered');
    assert.ok(page.text.includes('交流发言'), 'the agenda items are offered');
    assert.equal((page.text.match(/name="categoryKey"/g) ?? []).length, 6, 'the six default categories, seeded on first use');
    const institutionId = String(invitee.institution._id);
    const res = await staff.agent.post(`/events/${eventId}/suggestions/capture`).type('form').send({
      _csrf: staff.csrf, institutionId, personName: '张行长', agendaItemId: items[1]!.id, categoryKey: 'credit_structure', text: '建议优化信贷结构，\n向实体经济倾斜。',
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/events/${eventId}/suggestions/capture?institutionId=${institutionId}&agendaItemId=${items[1]!.id}`);
    const stored = await Suggestion.find({ eventId }).lean();
    assert.equal(stored.length, 1);
    assert.equal(stored[0]!.status, 'open');
    assert.equal(stored[0]!.source, 'on_the_day');
    assert.equal(String(stored[0]!.institutionId), institutionId);
    assert.equal(String(stored[0]!.invitationId), invitee.invitationId, 'linked to the institution’s invitation, for the answer email');
    assert.equal(stored[0]!.text, '建议优化信贷结构，\n向实体经济倾斜。');
    const next = await staff.agent.get(res.headers.location!);
    assert.ok(next.text.includes(translate('zh', 'suggestions.capture.saved')), 'a flash confirms it');
    assert.match(next.text, new RegExp(`<option value="${institutionId}" selected>`));
    assert.match(next.text, new RegExp(`<option value="${items[1]!.id}" selected>`));
    assert.match(next.text, /<textarea id="f-text" name="text"[^>]*><\/textarea>/, 'the text is empty again');
    assert.doesNotMatch(next.text, /name="categoryKey" value="[a-z_]+" checked/, 'no category is preselected');
  });

  test('when the secretary’s form is sent again (the wifi dropped the answer), then it is saved once; the next form is a new one', async () => {
    const { eventId, invitee } = await eventWithInvitee();
    const submissionOf = (html: string) => /name="submission" value="([0-9a-f]{24})"/.exec(html)?.[1];
    const submission = submissionOf((await staff.agent.get(`/events/${eventId}/suggestions/capture`)).text);
    assert.ok(submission);
    const form = { _csrf: staff.csrf, institutionId: String(invitee.institution._id), categoryKey: 'other', text: '建议设立风险补偿资金池。', submission };
    const sends = [];
    for (let i = 0; i < 2; i += 1) sends.push(await staff.agent.post(`/events/${eventId}/suggestions/capture`).type('form').send(form));
    assert.deepEqual(sends.map((res) => res.status), [303, 303]);
    assert.equal(await Suggestion.countDocuments({ eventId }), 1);
    const next = await staff.agent.get(sends[1]!.headers.location!);
    assert.notEqual(submissionOf(next.text), submission);
    const invalid = await staff.agent.post(`/events/${eventId}/suggestions/capture`).type('form').send({ ...form, text: '', submission: submissionOf(next.text) });
    assert.equal(invalid.status, 422);
    assert.equal(submissionOf(invalid.text), submissionOf(next.text), 'a form shown again keeps its submission');
  });

  test('when neither institution nor person is given, or the text is empty, then the form comes back with 422 and what was typed', async () => {
    const { eventId } = await eventWithInvitee();
    const res = await staff.agent.post(`/events/${eventId}/suggestions/capture`).type('form').send({ _csrf: staff.csrf, categoryKey: 'other', text: '保留这段文字' });
    assert.equal(res.status, 422);
    assert.ok(res.text.includes(translate('zh', 'suggestions.whoRequired')));
    assert.ok(res.text.includes('保留这段文字'));
    const empty = await staff.agent.post(`/events/${eventId}/suggestions/capture`).type('form').send({ _csrf: staff.csrf, personName: '李四', categoryKey: 'other', text: ' ' });
    assert.equal(empty.status, 422);
    assert.equal(await Suggestion.countDocuments({ eventId }), 0);
  });

  test('when a category has been retired, then capture no longer offers it and refuses it', async () => {
    const { eventId } = await eventWithInvitee();
    await staff.agent.get(`/events/${eventId}/suggestions/capture`);
    await SuggestionCategory.updateOne({ _id: 'financial_products' }, { $set: { retiredAt: new Date() } });
    const page = await staff.agent.get(`/events/${eventId}/suggestions/capture`);
    assert.doesNotMatch(page.text, /value="financial_products"/);
    const res = await staff.agent.post(`/events/${eventId}/suggestions/capture`).type('form').send({ _csrf: staff.csrf, personName: '李四', categoryKey: 'financial_products', text: '产品建议' });
    assert.equal(res.status, 422);
    assert.ok(res.text.includes(translate('zh', 'suggestions.categoryUnknown')));
    await SuggestionCategory.updateOne({ _id: 'financial_products' }, { $set: { retiredAt: null } });
  });

  test('when a viewer opens the capture page, then it is refused; the event’s list shows the captured suggestion', async () => {
    const { eventId } = await eventWithInvitee();
    await staff.agent.post(`/events/${eventId}/suggestions/capture`).type('form').send({ _csrf: staff.csrf, personName: '赵六', categoryKey: 'other', text: '会场指引可以更清楚' });
    const viewer = await signIn(testApp.app, 'viewer');
    assert.equal((await viewer.agent.get(`/events/${eventId}/suggestions/capture`)).status, 403);
    const list = await viewer.agent.get(`/events/${eventId}/suggestions`);
    assert.equal(list.status, 200);
    assert.ok(list.text.includes('会场指引可以更清楚'));
    assert.ok(list.text.includes('赵六'));
  });
});
