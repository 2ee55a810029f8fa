import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { Suggestion } from '../../src/suggestions/suggestion.model.js';
import { translate } from '../../src/web/i18n.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, type TestApp } from '../helpers/web.js';
import { departmentWithUser, eventWithInvitee } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('the suggestions API', () => {
  let testApp: TestApp;
  let organiser: string;
  let secretary: string;
  before(async () => {
    testApp = await createTestApp();
    organiser = await apiTokenFor('organiser');
    secretary = await apiTokenFor('secretary');
  });
  after(() => testApp.stop());

  const call = (method: 'get' | 'post' | 'patch', path: string, token: string) => supertest(testApp.app)[method](path).set('Authorization', `Bearer ${token}`);

  test('when a secretary posts a suggestion, then it is created open and listed', async () => {
    const { eventId, items, invitee } = await eventWithInvitee();
    const res = await call('post', `/api/v1/events/${eventId}/suggestions`, secretary).send({
      text: '建议设立科技金融服务中心。', category: 'sme_tech_financing', institutionId: String(invitee.institution._id), personName: '王行长', agendaItemId: items[1]!.id,
    });
    assert.equal(res.status, 201);
    assert.equal(res.headers.location, `/api/v1/suggestions/${res.body.id}`);
    assert.equal(res.body.status, 'open');
    assert.equal(res.body.source, 'on_the_day');
    assert.deepEqual(res.body.category, { key: 'sme_tech_financing', name: { zh: '中小企业和科技型企业融资', en: 'SME and technology-firm financing' } });
    assert.equal(res.body.institutionName.zh, invitee.institution.nameZh);
    assert.equal(res.body.agendaItemId, items[1]!.id);
    assert.equal(res.body.dueDate, null);
    const list = await call('get', `/api/v1/events/${eventId}/suggestions`, await apiTokenFor('viewer'));
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((s: { id: string }) => s.id), [res.body.id]);
  });

  test('when the input is bad, then the answer is 422 naming each field; unknown events are 404 and viewers 403', async () => {
    const { eventId } = await eventWithInvitee();
    const bad = await call('post', `/api/v1/events/${eventId}/suggestions`, secretary).set('Accept-Language', 'en').send({ text: '', category: 'sme_tech_financing', institutionId: 'nope' });
    assert.equal(bad.status, 422);
    assert.deepEqual(Object.keys(bad.body.error.fields).sort(), ['institutionId', 'text']);
    const unknown = await call('post', `/api/v1/events/${eventId}/suggestions`, secretary).set('Accept-Language', 'en').send({ text: '建议', category: 'no_such_category', personName: '李四', agendaItemId: '65f0c0ffee0000000000e001' });
    assert.equal(unknown.status, 422);
    assert.deepEqual(unknown.body.error.fields, { category: translate('en', 'suggestions.categoryUnknown'), agendaItemId: translate('en', 'suggestions.agendaItemUnknown') });
    const nobody = await call('post', `/api/v1/events/${eventId}/suggestions`, secretary).send({ text: '建议', category: 'other' });
    assert.equal(nobody.status, 422);
    assert.deepEqual(Object.keys(nobody.body.error.fields), ['institutionId']);
    const malformed = await call('post', `/api/v1/events/${eventId}/suggestions`, secretary).set('Content-Type', 'application/json').send('{"text":');
    assert.equal(malformed.status, 400);
    assert.equal((await call('post', '/api/v1/events/65f0c0ffee0000000000e001/suggestions', secretary).send({ text: 'x', category: 'other', personName: 'x' })).status, 404);
    assert.equal((await call('post', `/api/v1/events/${eventId}/suggestions`, await apiTokenFor('viewer')).send({ text: 'x', category: 'other', personName: 'x' })).status, 403);
    assert.equal(await Suggestion.countDocuments({ eventId }), 0);
  });

  test('when PATCH assigns and moves a suggestion, then the rules of the pages apply: 422 without answer or reason, 409 for a forbidden move', async () => {
    const { eventId } = await eventWithInvitee();
    const created = await call('post', `/api/v1/events/${eventId}/suggestions`, secretary).send({ text: '建议简化开户流程。', category: 'financial_environment', personName: '赵代表' });
    const id = created.body.id as string;
    const dept = await departmentWithUser('行政审批局');
    const assigned = await call('patch', `/api/v1/suggestions/${id}`, organiser).send({ departmentId: dept.departmentId, ownerId: dept.user.id, dueDate: '2019-06-30' });
    assert.equal(assigned.status, 200);
    assert.equal(assigned.body.departmentId, dept.departmentId);
    assert.equal(assigned.body.ownerName, dept.user.name);
    assert.equal(assigned.body.dueDate, '2019-06-30');
    assert.equal(assigned.body.overdue, true, 'a past due day is overdue');
    const noAnswer = await call('patch', `/api/v1/suggestions/${id}`, organiser).set('Accept-Language', 'en').send({ status: 'answered' });
    assert.equal(noAnswer.status, 422);
    assert.deepEqual(noAnswer.body.error.fields, { answer: translate('en', 'suggestions.answerRequired') });
    const noReason = await call('patch', `/api/v1/suggestions/${id}`, organiser).send({ status: 'declined', dueDate: '2019-07-31' });
    assert.equal(noReason.status, 422);
    assert.deepEqual(Object.keys(noReason.body.error.fields), ['declineReason']);
    assert.equal((await Suggestion.findById(id).lean())!.dueDate?.toISOString(), '2019-06-29T16:00:00.000Z', 'a refused PATCH changes nothing (the due day is kept, in the event’s zone)');
    assert.equal((await call('patch', `/api/v1/suggestions/${id}`, organiser).send({ status: 'sideways' })).status, 422);
    assert.equal((await call('patch', `/api/v1/suggestions/${id}`, organiser).send({})).status, 422);
    const answered = await call('patch', `/api/v1/suggestions/${id}`, organiser).send({ status: 'answered', answer: '已推行一窗通办。', expectedStatus: 'open' });
    assert.equal(answered.status, 200);
    assert.equal(answered.body.status, 'answered');
    assert.equal(answered.body.overdue, false);
    assert.ok(answered.body.answeredAt);
    const back = await call('patch', `/api/v1/suggestions/${id}`, organiser).send({ status: 'open' });
    assert.equal(back.status, 409);
    assert.equal((await call('patch', `/api/v1/suggestions/${id}`, organiser).send({ departmentId: null })).status, 409, 'an answered suggestion keeps its assignment');
    assert.equal((await call('patch', '/api/v1/suggestions/not-an-id', organiser).send({ status: 'accepted' })).status, 404);
    assert.equal((await call('patch', `/api/v1/suggestions/${id}`, secretary).send({ status: 'accepted' })).status, 403);
  });
});
