import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import supertest from 'supertest';
import { getEvent, transitionEvent } from '../../src/events/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, type TestApp } from '../helpers/web.js';
import { makeEvent, makeSeries, organiser } from './fixtures.js';

useTestDatabase(import.meta.url);

const symposium = {
  titleZh: '2019年度金融工作座谈会',
  titleEn: 'Annual symposium on financial work 2019',
  startsAt: '2019-04-12T01:30:00.000Z',
  endsAt: '2019-04-12T03:30:00.000Z',
  rsvpDeadline: '2019-04-08T17:00:00+08:00',
  venue: { name: '高新区管委会', room: '第一会议室' },
};

describe('the events API', () => {
  let app: TestApp;
  let organiserToken: string;
  let viewerToken: string;

  before(async () => {
    app = await createTestApp();
    organiserToken = await apiTokenFor('organiser');
    viewerToken = await apiTokenFor('viewer');
  });
  after(() => app.stop());

  const api = () => supertest(app.app);

  test('when there is no token, then 401 as JSON', async () => {
    const res = await api().get('/api/v1/events');
    assert.equal(res.status, 401);
    assert.equal(res.body.error.status, 401);
  });

  test('when a viewer posts an event, then 403; they may read the list', async () => {
    const res = await api().post('/api/v1/events').auth(viewerToken, { type: 'bearer' }).send(symposium);
    assert.equal(res.status, 403);
    const list = await api().get('/api/v1/events').auth(viewerToken, { type: 'bearer' });
    assert.equal(list.status, 200);
    assert.ok(Array.isArray(list.body.items));
  });

  test('when an organiser posts an event, then 201 with ISO instants, the default zone and a draft status', async () => {
    const res = await api().post('/api/v1/events').auth(organiserToken, { type: 'bearer' }).send(symposium);
    assert.equal(res.status, 201);
    assert.equal(res.headers.location, `/api/v1/events/${res.body.id}`);
    assert.equal(res.body.startsAt, '2019-04-12T01:30:00.000Z');
    assert.equal(res.body.rsvpDeadline, '2019-04-08T09:00:00.000Z');
    assert.equal(res.body.timezone, 'Asia/Shanghai');
    assert.equal(res.body.status, 'draft');
    assert.equal(res.body.maxDelegates, 2);
    assert.deepEqual(res.body.venue, { name: '高新区管委会', address: '', room: '第一会议室', mapUrl: '' });
    assert.match(res.body.calendar.uid, /@convene$/);
    const read = await api().get(`/api/v1/events/${res.body.id}`).auth(viewerToken, { type: 'bearer' });
    assert.equal(read.status, 200);
    assert.deepEqual(read.body, res.body);
    const list = await api().get('/api/v1/events?status=draft').auth(viewerToken, { type: 'bearer' });
    assert.ok(list.body.items.some((item: { id: string }) => item.id === res.body.id));
  });

  test('when the input is invalid, then 422 with the field names', async () => {
    const res = await api()
      .post('/api/v1/events')
      .auth(organiserToken, { type: 'bearer' })
      .send({ titleZh: '', startsAt: '2019-04-12 09:30', endsAt: symposium.endsAt, timezone: 'Nowhere/Else', maxDelegates: 0, venue: { mapUrl: 'ftp://x' } });
    assert.equal(res.status, 422);
    assert.deepEqual(Object.keys(res.body.error.fields).sort(), ['maxDelegates', 'startsAt', 'timezone', 'titleZh', 'venue.mapUrl']);
    const order = await api().post('/api/v1/events').auth(organiserToken, { type: 'bearer' }).send({ ...symposium, endsAt: '2019-04-12T01:00:00Z' });
    assert.equal(order.status, 422);
    assert.ok(order.body.error.fields.endsAt);
  });

  test('when an id is unknown or malformed, then 404', async () => {
    for (const id of ['000000000000000000000000', 'not-an-id']) {
      const res = await api().get(`/api/v1/events/${id}`).auth(viewerToken, { type: 'bearer' });
      assert.equal(res.status, 404, id);
      const patch = await api().patch(`/api/v1/events/${id}`).auth(organiserToken, { type: 'bearer' }).send({ titleEn: 'x' });
      assert.equal(patch.status, 404, id);
    }
  });

  test('the calendar alarm is a reminder setting of the event: null (none) by default, minutes when set, 422 out of range', async () => {
    const event = await makeEvent();
    const url = `/api/v1/events/${event._id}`;
    const read = await api().get(url).auth(organiserToken, { type: 'bearer' });
    assert.equal(read.body.reminders.calendarAlarmMinutes, null);
    const set = await api().patch(url).auth(organiserToken, { type: 'bearer' }).send({ reminders: { calendarAlarmMinutes: 45 } });
    assert.equal(set.status, 200);
    assert.deepEqual(set.body.reminders, { pendingDaysBeforeDeadline: 3, dayBefore: true, calendarAlarmMinutes: 45 });
    const bad = await api().patch(url).auth(organiserToken, { type: 'bearer' }).send({ reminders: { calendarAlarmMinutes: 20_000 } });
    assert.equal(bad.status, 422);
    const off = await api().patch(url).auth(organiserToken, { type: 'bearer' }).send({ reminders: { calendarAlarmMinutes: null } });
    assert.equal(off.body.reminders.calendarAlarmMinutes, null);
  });

  test('when an organiser patches the room only, then the rest is kept and SEQUENCE rises; a description patch leaves it', async () => {
    const event = await makeEvent();
    const url = `/api/v1/events/${event._id}`;
    const room = await api().patch(url).auth(organiserToken, { type: 'bearer' }).send({ venue: { room: '第二会议室' } });
    assert.equal(room.status, 200);
    assert.equal(room.body.venue.room, '第二会议室');
    assert.equal(room.body.venue.name, '高新区管委会');
    assert.equal(room.body.calendar.sequence, 1);
    const text = await api().patch(url).auth(organiserToken, { type: 'bearer' }).send({ descriptionEn: 'Financial work', rsvpDeadline: null });
    assert.equal(text.status, 200);
    assert.equal(text.body.rsvpDeadline, null);
    assert.equal(text.body.calendar.sequence, 1);
    const bad = await api().patch(url).auth(organiserToken, { type: 'bearer' }).send({ endsAt: '2019-04-11T00:00:00Z' });
    assert.equal(bad.status, 422);
    assert.ok(bad.body.error.fields.endsAt);
    const viewer = await api().patch(url).auth(viewerToken, { type: 'bearer' }).send({ titleEn: 'x' });
    assert.equal(viewer.status, 403);
  });

  test('when a series is given, then the edition is required and must be free', async () => {
    const series = await makeSeries();
    const seriesId = String(series._id);
    const missing = await api().post('/api/v1/events').auth(organiserToken, { type: 'bearer' }).send({ ...symposium, seriesId });
    assert.equal(missing.status, 422);
    assert.ok(missing.body.error.fields.edition);
    const first = await api().post('/api/v1/events').auth(organiserToken, { type: 'bearer' }).send({ ...symposium, seriesId, edition: 2019 });
    assert.equal(first.status, 201);
    const again = await api().post('/api/v1/events').auth(organiserToken, { type: 'bearer' }).send({ ...symposium, seriesId, edition: 2019 });
    assert.equal(again.status, 422);
    assert.ok(again.body.error.fields.edition);
  });

  test('when a closed event is patched, or a transition is not allowed, then 409 and nothing changes', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    for (const to of ['scheduled', 'held', 'closed'] as const) await transitionEvent(id, to, organiser);
    const patch = await api().patch(`/api/v1/events/${id}`).auth(organiserToken, { type: 'bearer' }).send({ titleEn: 'Changed' });
    assert.equal(patch.status, 409);
    const back = await api()
      .post(`/api/v1/events/${id}/transition`)
      .auth(organiserToken, { type: 'bearer' })
      .set('Accept-Language', 'en')
      .send({ to: 'scheduled' });
    assert.equal(back.status, 409);
    assert.equal(back.body.error.message, 'A closed event cannot change its status any more.');
    assert.equal((await getEvent(id)).status, 'closed');
  });

  test('when an organiser posts an allowed transition, then 200 with the new status; an unknown status is 422', async () => {
    const event = await makeEvent();
    const url = `/api/v1/events/${event._id}/transition`;
    const res = await api().post(url).auth(organiserToken, { type: 'bearer' }).send({ to: 'scheduled' });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'scheduled');
    assert.equal(res.body.calendar.sequence, 1);
    const unknown = await api().post(url).auth(organiserToken, { type: 'bearer' }).send({ to: 'postponed' });
    assert.equal(unknown.status, 422);
    assert.ok(unknown.body.error.fields.to);
  });
});
