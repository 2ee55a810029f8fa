import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { approveMinutes, publishMinutes, saveMinutesItem, submitMinutesForReview } from '../../src/minutes/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, type TestApp } from '../helpers/web.js';
import { attendingInstitution, makeEventWithAgenda, organiser, secretary } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('GET /api/v1/events/:id/minutes', () => {
  let t: TestApp;
  let token: string;
  before(async () => {
    t = await createTestApp();
    token = await apiTokenFor('viewer');
  });
  after(() => t.stop());

  const get = (path: string, bearer: string | null = token) => {
    const req = supertest(t.app).get(path);
    return bearer ? req.set('Authorization', `Bearer ${bearer}`) : req;
  };

  test('when the minutes are read, then they come as JSON with state, items and their revisions, attendance and published versions', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    const bank = await attendingInstitution(eventId, ['张三'], { nameZh: '齐鲁银行', nameEn: 'Qilu Bank' });
    const action = { text: '落实', departmentId: null, dueDate: new Date('2019-05-01T00:00:00Z') };
    await saveMinutesItem(eventId, items[2]!.id, { baseRevision: 0, content: { notes: '交流发言', keyPoints: ['要点'], decisions: ['决定'], actions: [action] } }, secretary);

    const draft = await get(`/api/v1/events/${eventId}/minutes`);
    assert.equal(draft.status, 200);
    assert.deepEqual([draft.body.state, draft.body.version, draft.body.publishedVersion, draft.body.approved], ['draft', 1, 0, null]);
    assert.deepEqual(draft.body.items.map((i: { order: number; revision: number }) => [i.order, i.revision]), [[1, 0], [2, 0], [3, 1]]);
    const third = draft.body.items[2];
    assert.deepEqual([third.agendaItemId, third.title, third.notes, third.keyPoints, third.decisions, third.savedBy], [items[2]!.id, { zh: '交流发言', en: 'Exchange of views' }, '交流发言', ['要点'], ['决定'], secretary.name]);
    assert.deepEqual(third.actions, [{ text: '落实', departmentId: null, departmentName: null, dueDate: '2019-05-01T00:00:00.000Z' }]);
    assert.deepEqual(draft.body.attendance.institutions, [{ id: String(bank.institution._id), name: { zh: '齐鲁银行', en: 'Qilu Bank' }, people: ['张三'] }]);
    assert.deepEqual(draft.body.publishedVersions, []);

    await submitMinutesForReview(eventId, secretary);
    await approveMinutes(eventId, organiser);
    await publishMinutes(eventId, organiser);
    const published = await get(`/api/v1/events/${eventId}/minutes`);
    assert.equal(published.body.state, 'published');
    assert.equal(published.body.approved.by, organiser.name);
    assert.deepEqual(published.body.publishedVersions.map((v: { version: number; approvedBy: string }) => [v.version, v.approvedBy]), [[1, organiser.name]]);
  });

  test('when the event is unknown or malformed, then 404; without a token, then 401', async () => {
    const { eventId } = await makeEventWithAgenda();
    assert.equal((await get('/api/v1/events/0123456789abcdef01234567/minutes')).status, 404);
    const malformed = await get('/api/v1/events/nope/minutes');
    assert.equal(malformed.status, 404);
    assert.equal(malformed.body.error.status, 404);
    assert.equal((await get(`/api/v1/events/${eventId}/minutes`, null)).status, 401);
  });
});
