import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import supertest from 'supertest';
import { CheckIn } from '../../src/checkin/checkin.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, type TestApp } from '../helpers/web.js';
import { makeSymposium } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('the check-in API', () => {
  let t: TestApp;
  let secretaryToken: string;
  before(async () => {
    t = await createTestApp();
    secretaryToken = await apiTokenFor('secretary');
  });
  after(() => t.stop());

  const post = (eventId: string, body: unknown, token = secretaryToken) =>
    supertest(t.app).post(`/api/v1/events/${eventId}/checkins`).set('Authorization', `Bearer ${token}`).set('Accept-Language', 'en').send(body as object);

  test('when a code is posted, then 201 with the check-in; posted again, then 200 with alreadyCheckedIn; GET lists it with the counts', async () => {
    const s = await makeSymposium();
    const first = await post(s.eventId, { code: s.delegates.zhang.checkInCode.toLowerCase() });
    assert.equal(first.status, 201);
    assert.equal(first.body.alreadyCheckedIn, false);
    assert.equal(first.body.checkIn.name, '张伟');
    assert.equal(first.body.checkIn.kind, 'delegate');
    assert.equal(first.body.checkIn.institutionId, String(s.a.institution._id));
    assert.match(first.body.checkIn.checkedInAt, /^\d{4}-\d\d-\d\dT/);
    const again = await post(s.eventId, { code: s.delegates.zhang.checkInCode });
    assert.equal(again.status, 200);
    assert.equal(again.body.alreadyCheckedIn, true);
    assert.equal(again.body.checkIn.checkedInAt, first.body.checkIn.checkedInAt);

    const list = await supertest(t.app).get(`/api/v1/events/${s.eventId}/checkins`).set('Authorization', `Bearer ${await apiTokenFor('viewer')}`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.checkIns.map((c: { name: string }) => c.name), ['张伟']);
    assert.equal(list.body.counts.present, 1);
    assert.equal(list.body.counts.expected, 5);
  });

  test('when two check-ins of one code arrive at once, then one is created and the other answers alreadyCheckedIn', async () => {
    const s = await makeSymposium();
    const responses = await Promise.all([post(s.eventId, { code: s.delegates.li.checkInCode }), post(s.eventId, { code: s.delegates.li.checkInCode })]);
    assert.deepEqual(responses.map((r) => r.status).sort(), [200, 201]);
    assert.equal(await CheckIn.countDocuments({ eventId: s.eventId }), 1);
  });

  test('when a walk-in substitute or zone staff are posted, then they are recorded as such', async () => {
    const s = await makeSymposium();
    const walkIn = await post(s.eventId, { walkIn: { name: '周敏', title: '副行长', substituteFor: s.delegates.zhang.checkInCode } });
    assert.equal(walkIn.status, 201);
    assert.equal(walkIn.body.checkIn.kind, 'walk_in');
    assert.equal(walkIn.body.checkIn.substituteFor, '张伟');
    const zone = await post(s.eventId, { zone: { participantId: s.participantId } });
    assert.equal(zone.status, 201);
    assert.equal(zone.body.checkIn.kind, 'zone');
    const typed = await post(s.eventId, { zone: { name: '何科员', departmentId: String(s.department._id) } });
    assert.equal(typed.status, 201);
    assert.equal(typed.body.checkIn.departmentName.zh, s.department.nameZh);
  });

  test('when a walk-in is posted twice with the same submission id, then it is created once (201, then 200); without one, twice', async () => {
    const s = await makeSymposium();
    const walkIn = { name: '陈记者', institutionName: '青岛日报', submission: 'AB'.repeat(12) };
    const first = await post(s.eventId, { walkIn });
    const again = await post(s.eventId, { walkIn });
    assert.deepEqual([first.status, again.status], [201, 200]);
    assert.equal(again.body.checkIn.id, first.body.checkIn.id);
    await post(s.eventId, { walkIn: { name: '王摄影', institutionName: '青岛日报' } });
    await post(s.eventId, { walkIn: { name: '王摄影', institutionName: '青岛日报' } });
    assert.equal(await CheckIn.countDocuments({ eventId: s.eventId }), 3);
  });

  test('when the input is wrong, then 422 names each field; an unknown code is 404 and an unknown event 404', async () => {
    const s = await makeSymposium();
    const none = await post(s.eventId, {});
    assert.equal(none.status, 422);
    assert.match(none.body.error.fields.code, /exactly one/);
    const both = await post(s.eventId, { code: s.delegates.zhang.checkInCode, walkIn: { name: 'x', institutionName: 'y' } });
    assert.equal(both.status, 422);
    const badCode = await post(s.eventId, { code: '??' });
    assert.equal(badCode.status, 422);
    assert.ok(badCode.body.error.fields.code);
    const walkIn = await post(s.eventId, { walkIn: { title: '副行长' } });
    assert.equal(walkIn.status, 422);
    assert.deepEqual(Object.keys(walkIn.body.error.fields).sort(), ['walkIn.institutionName', 'walkIn.name']);
    const wrongInstitution = await post(s.eventId, { walkIn: { name: '周敏', institutionId: String(s.b.institution._id), substituteFor: s.delegates.zhang.checkInCode } });
    assert.equal(wrongInstitution.status, 422);
    assert.ok(wrongInstitution.body.error.fields['walkIn.substituteFor']);
    const zone = await post(s.eventId, { zone: { name: '何科员' } });
    assert.equal(zone.status, 422);
    assert.equal(zone.body.error.fields['zone.departmentId'], 'Choose the department.');
    const unknown = await post(s.eventId, { code: 'ZZZZ2222' });
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.error.message, /Nobody with this check-in code/);
    assert.equal((await post('0123456789abcdef01234567', { code: 'ZZZZ2222' })).status, 404);
    assert.equal(await CheckIn.countDocuments({ eventId: s.eventId }), 0);
  });

  test('when a viewer or department token posts, then 403; when the event is a draft, then 409 with the reason', async () => {
    const s = await makeSymposium();
    for (const role of ['viewer', 'department'] as const) {
      assert.equal((await post(s.eventId, { code: s.delegates.zhang.checkInCode }, await apiTokenFor(role))).status, 403, role);
    }
    const draft = await makeSymposium({ status: 'draft' });
    const res = await post(draft.eventId, { code: draft.delegates.zhang.checkInCode });
    assert.equal(res.status, 409);
    assert.match(res.body.error.message, /only for scheduled or held events/);
    assert.equal(await CheckIn.countDocuments({ eventId: { $in: [s.eventId, draft.eventId] } }), 0);
  });
});
