import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { assignSuggestion, changeSuggestionStatus } from '../../src/suggestions/index.js';
import { Suggestion } from '../../src/suggestions/suggestion.model.js';
import { SuggestionHistory } from '../../src/suggestions/suggestion-history.model.js';
import { AppError } from '../../src/web/errors.js';
import { translate } from '../../src/web/i18n.js';
import supertest from 'supertest';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { departmentWithUser, eventWithInvitee, organiserActor, suggest } from './fixtures.js';

useTestDatabase(import.meta.url);

/** The status (and field errors) an AppError carries. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(() => assert.fail('expected a refusal'), (e: unknown) => e);
  assert.ok(error instanceof AppError, String(error));
  return { status: error.status, message: error.message, fields: (error as { fields?: Record<string, string> }).fields ?? {} };
}

describe('tracking a suggestion to an answer', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await createTestApp();
  });
  after(() => testApp.stop());

  test('when a move skips the answer, the reason or the workflow, then it is refused and nothing changes', async () => {
    const { eventId } = await eventWithInvitee();
    const { id } = await suggest(eventId);
    assert.deepEqual(await refusal(changeSuggestionStatus(id, { status: 'answered' }, organiserActor)), { status: 422, message: 'errors.validation', fields: { answer: 'suggestions.answerRequired' } });
    assert.deepEqual(await refusal(changeSuggestionStatus(id, { status: 'declined', declineReason: '  ' }, organiserActor)), { status: 422, message: 'errors.validation', fields: { declineReason: 'suggestions.declineReasonRequired' } });
    assert.equal((await Suggestion.findById(id).lean())!.status, 'open');
    await changeSuggestionStatus(id, { status: 'accepted' }, organiserActor);
    assert.equal((await refusal(changeSuggestionStatus(id, { status: 'open' }, organiserActor))).status, 409, 'no way back to open');
    await changeSuggestionStatus(id, { status: 'answered', answer: '已纳入明年工作计划。' }, organiserActor);
    assert.equal((await refusal(changeSuggestionStatus(id, { status: 'in_progress' }, organiserActor))).message, 'suggestions.transitionInvalid', 'answered is final');
    const stale = await refusal(changeSuggestionStatus(id, { status: 'declined', declineReason: 'x', expectedStatus: 'accepted' }, organiserActor));
    assert.equal(stale.message, 'suggestions.changedMeanwhile');
    const stored = (await Suggestion.findById(id).lean())!;
    assert.equal(stored.status, 'answered');
    assert.equal(stored.answer, '已纳入明年工作计划。');
    assert.ok(stored.answeredAt);
    assert.equal(stored.revision, 3);
  });

  test('when two people change the same suggestion at once, then exactly one change wins and the other is told', async () => {
    const { eventId } = await eventWithInvitee();
    const { id } = await suggest(eventId);
    const outcomes = await Promise.allSettled([
      changeSuggestionStatus(id, { status: 'accepted' }, organiserActor),
      changeSuggestionStatus(id, { status: 'declined', declineReason: '不属于本区职能' }, organiserActor),
      changeSuggestionStatus(id, { status: 'in_progress' }, organiserActor),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    assert.equal(won.length, 1);
    for (const loss of lost) assert.equal((loss.reason as AppError).status, 409);
    const stored = (await Suggestion.findById(id).lean())!;
    assert.equal(stored.revision, 1 + won.length, 'one revision per change that won');
  });

  test('when a writer died after recording its change but before applying it, then the next writer completes that change and is told to look again', async () => {
    const { eventId } = await eventWithInvitee();
    const { id } = await suggest(eventId);
    await SuggestionHistory.create({ _id: `${id}:2`, suggestionId: id, revision: 2, action: 'status', at: new Date(), by: { kind: 'user', id: 'x', name: '已中断的写入' }, changes: [{ field: 'status', from: 'open', to: 'accepted' }], set: { status: 'accepted' } });
    const outcome = await refusal(changeSuggestionStatus(id, { status: 'declined', declineReason: '重复' }, organiserActor));
    assert.equal(outcome.message, 'suggestions.changedMeanwhile');
    const stored = (await Suggestion.findById(id).lean())!;
    assert.deepEqual({ status: stored.status, revision: stored.revision }, { status: 'accepted', revision: 2 });
    await changeSuggestionStatus(id, { status: 'declined', declineReason: '重复', expectedStatus: 'accepted' }, organiserActor);
    assert.equal((await Suggestion.findById(id).lean())!.revision, 3);
  });

  test('when an organiser assigns and a department answers on the pages, then every change shows in the history, old → new', async () => {
    const { eventId } = await eventWithInvitee();
    const { id } = await suggest(eventId);
    const dept = await departmentWithUser('科技局');
    const organiser = await signIn(testApp.app, 'organiser');
    const page = await organiser.agent.get(`/suggestions/${id}`);
    assert.ok(page.text.includes(dept.user.name), 'the department’s staff are offered as owners');
    const asked = await organiser.agent.post(`/suggestions/${id}/assign`).type('form').send({ _csrf: organiser.csrf, departmentId: dept.departmentId, ownerId: dept.user.id, dueDate: '2019-05-31' });
    assert.equal(asked.status, 200, 'a due date that has passed is confirmed first');
    assert.match(asked.text, /data-testid="confirm"/);
    assert.match(asked.text, /该建议将立即显示为逾期/);
    assert.ok(!(await Suggestion.findById(id).lean())!.departmentId, 'nothing is saved before the confirmation');
    const assign = await organiser.agent.post(`/suggestions/${id}/assign`).type('form').send({ _csrf: organiser.csrf, departmentId: dept.departmentId, ownerId: dept.user.id, dueDate: '2019-05-31', confirmed: '1' });
    assert.equal(assign.status, 303);
    const wrongOwner = await organiser.agent.post(`/suggestions/${id}/assign`).type('form').send({ _csrf: organiser.csrf, departmentId: dept.departmentId, ownerId: organiser.user.id, dueDate: '' });
    assert.equal(wrongOwner.status, 422);
    assert.ok(wrongOwner.text.includes(translate('zh', 'suggestions.ownerNotInDepartment')));
    const answerer = await signIn(testApp.app, 'department', { departmentId: dept.departmentId });
    const queue = await answerer.agent.get('/suggestions/queue');
    assert.ok(queue.text.includes(`/suggestions/${id}`), 'it is in the department’s queue');
    const missing = await answerer.agent.post(`/suggestions/${id}/status`).type('form').send({ _csrf: answerer.csrf, status: 'answered', answer: '', expectedStatus: 'open' });
    assert.equal(missing.status, 422);
    assert.ok(missing.text.includes(translate('zh', 'suggestions.answerRequired')));
    const answered = await answerer.agent.post(`/suggestions/${id}/status`).type('form').send({ _csrf: answerer.csrf, status: 'answered', answer: '已设立科技信贷风险补偿资金池。', expectedStatus: 'open' });
    assert.equal(answered.status, 303);
    const shown = await organiser.agent.get(`/suggestions/${id}`);
    const history = shown.text.slice(shown.text.indexOf('data-testid="history"'));
    assert.ok(history.includes('科技局'), 'the department assigned');
    assert.ok(history.includes(dept.user.name), 'the owner assigned');
    assert.ok(history.includes(translate('zh', 'suggestions.status.open')) && history.includes(translate('zh', 'suggestions.status.answered')), 'open → answered');
    assert.ok(history.includes('已设立科技信贷风险补偿资金池。'));
    assert.ok(history.includes(answerer.user.name), 'who changed it');
    assert.equal((await Suggestion.findById(id).lean())!.revision, 3);
  });

  test('when a department user asks for another department’s suggestion, then page, form and API all answer 404', async () => {
    const { eventId } = await eventWithInvitee();
    const { id } = await suggest(eventId);
    const ours = await departmentWithUser();
    const theirs = await departmentWithUser();
    await assignSuggestion(id, { departmentId: theirs.departmentId }, organiserActor);
    const outsider = await signIn(testApp.app, 'department', { departmentId: ours.departmentId });
    assert.equal((await outsider.agent.get(`/suggestions/${id}`)).status, 404);
    assert.equal((await outsider.agent.post(`/suggestions/${id}/status`).type('form').send({ _csrf: outsider.csrf, status: 'accepted' })).status, 404);
    const list = await outsider.agent.get(`/events/${eventId}/suggestions`);
    assert.ok(!list.text.includes(`/suggestions/${id}`), 'not listed on the event page either');
    assert.ok(!(await outsider.agent.get('/suggestions/queue')).text.includes(`/suggestions/${id}`));
    const register = await outsider.agent.get('/suggestions');
    assert.equal(register.status, 303);
    assert.equal(register.headers.location, '/suggestions/queue', 'department users land on their queue');
    assert.equal((await outsider.agent.get(`/events/${eventId}/suggestions/last-edition`)).status, 403);
    const token = await apiTokenFor('department', { departmentId: ours.departmentId });
    const api = supertest(testApp.app);
    const patch = await api.patch(`/api/v1/suggestions/${id}`).set('Authorization', `Bearer ${token}`).send({ status: 'accepted' });
    assert.equal(patch.status, 404);
    const listed = await api.get(`/api/v1/events/${eventId}/suggestions`).set('Authorization', `Bearer ${token}`);
    assert.deepEqual(listed.body.items, []);
    assert.equal((await Suggestion.findById(id).lean())!.status, 'open', 'nothing changed');
    const insiderToken = await apiTokenFor('department', { departmentId: theirs.departmentId });
    const ok = await api.patch(`/api/v1/suggestions/${id}`).set('Authorization', `Bearer ${insiderToken}`).send({ status: 'accepted' });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.status, 'accepted');
    const reassign = await api.patch(`/api/v1/suggestions/${id}`).set('Authorization', `Bearer ${insiderToken}`).send({ departmentId: ours.departmentId });
    assert.equal(reassign.status, 403, 'department users do not reassign');
  });

  test('the owners offered are the chosen department\'s: without JavaScript, "show this department\'s staff" reloads the form with only them; a future due date needs no confirmation', async () => {
    const { eventId } = await eventWithInvitee();
    const { id } = await suggest(eventId);
    const science = await departmentWithUser('科技局');
    const finance = await departmentWithUser('财政局');
    const organiser = await signIn(testApp.app, 'organiser');
    const all = await organiser.agent.get(`/suggestions/${id}`);
    assert.match(all.text, new RegExp(`<optgroup label="[^"]*" data-department="${science.departmentId}" >`), 'no department chosen: everyone is offered');
    assert.match(all.text, /data-owner-refresh/);
    const chosen = await organiser.agent.get(`/suggestions/${id}`).query({ departmentId: finance.departmentId, dueDate: '' });
    assert.equal(chosen.status, 200);
    assert.match(chosen.text, new RegExp(`<option value="${finance.departmentId}" selected>`));
    assert.match(chosen.text, new RegExp(`data-department="${science.departmentId}" disabled hidden>`), 'another department\'s people cannot be picked');
    assert.match(chosen.text, new RegExp(`data-department="${finance.departmentId}" >`));
    const future = DateTime.now().plus({ days: 30 }).toISODate()!;
    const saved = await organiser.agent.post(`/suggestions/${id}/assign`).type('form').send({ _csrf: organiser.csrf, departmentId: finance.departmentId, ownerId: finance.user.id, dueDate: future });
    assert.equal(saved.status, 303);
  });
});
