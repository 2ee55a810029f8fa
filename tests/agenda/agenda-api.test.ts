import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { getPublishedAgenda, listAgendaItems, saveAgendaItems } from '../../src/agenda/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, type TestApp } from '../helpers/web.js';
import { makeEvent } from '../events/fixtures.js';
import { symposiumItems } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('the agenda API', () => {
  let t: TestApp;
  let organiserToken: string;
  before(async () => {
    t = await createTestApp();
    organiserToken = await apiTokenFor('organiser');
  });
  after(() => t.stop());

  const api = (token: string) => ({
    get: (path: string) => supertest(t.app).get(path).set('Authorization', `Bearer ${token}`),
    put: (path: string, body: unknown) => supertest(t.app).put(path).set('Authorization', `Bearer ${token}`).send(body as object),
  });

  test('when a script reads the agenda, then it gets the working items with times, and the items can be sent back as they are', async () => {
    const event = await makeEvent();
    const path = `/api/v1/events/${event._id}/agenda`;
    await saveAgendaItems(String(event._id), symposiumItems());
    const res = await api(organiserToken).get(path).set('Accept-Language', 'en');
    assert.equal(res.status, 200);
    assert.equal(res.body.items.length, 4);
    assert.deepEqual(res.body.items[0], {
      id: res.body.items[0].id, order: 1, type: 'opening_address', titleZh: '主持人开场', titleEn: 'Opening by the chair', durationMinutes: 10,
      startsAtOverride: null, startsAt: '2019-04-12T01:30:00.000Z', endsAt: '2019-04-12T01:40:00.000Z', speakers: [], description: '', documents: [],
    });
    assert.equal(res.body.publishedVersion, 0);
    assert.equal(res.body.published, null);
    const reversed = [...res.body.items].reverse();
    const put = await api(organiserToken).put(`${path}?publish=true`, { items: reversed, revision: res.body.revision });
    assert.equal(put.status, 200);
    assert.deepEqual(put.body.items.map((i: { id: string }) => i.id), reversed.map((i: { id: string }) => i.id), 'the ids are kept');
    assert.deepEqual(put.body.publishedNow, { version: 1, created: true });
    assert.equal(put.body.published.version, 1);
    assert.equal((await getPublishedAgenda(String(event._id)))?.items[0]?.title.zh, '会议总结');
  });

  test('when the body is invalid, then the answer is 422 naming each bad field, and nothing changes', async () => {
    const event = await makeEvent();
    const path = `/api/v1/events/${event._id}/agenda`;
    await saveAgendaItems(String(event._id), symposiumItems());
    const items = [
      { type: 'address', titleZh: '一', durationMinutes: 10 },
      { type: 'speech', titleZh: '二', durationMinutes: 10 },
      { type: 'address', titleZh: '三', durationMinutes: -5 },
      { type: 'address', titleZh: '', durationMinutes: 10, startsAtOverride: 'tomorrow', speakers: [{ title: '行长' }] },
    ];
    const res = await api(organiserToken).put(path, { items }).set('Accept-Language', 'en');
    assert.equal(res.status, 422);
    assert.deepEqual(Object.keys(res.body.error.fields).sort(), ['items.1.type', 'items.2.durationMinutes', 'items.3.speakers.0.name', 'items.3.startsAtOverride', 'items.3.titleZh']);
    assert.equal(res.body.error.fields['items.2.durationMinutes'], 'Enter a whole number of minutes from 0 to 720.');
    const unknown = await api(organiserToken).put(path, { items: [{ id: '0123456789abcdef01234567', type: 'address', titleZh: '一', durationMinutes: 10 }] });
    assert.equal(unknown.status, 422);
    assert.deepEqual(Object.keys(unknown.body.error.fields), ['items.0.id']);
    assert.equal((await api(organiserToken).put(path, { items: 'none' })).status, 422);
    const stale = await api(organiserToken).put(path, { items: [], revision: 0 });
    assert.equal(stale.status, 409, 'a stale revision is refused');
    assert.equal((await listAgendaItems(String(event._id))).length, 4);
    assert.equal((await api(organiserToken).get('/api/v1/events/nope/agenda')).status, 404);
  });

  test('when a viewer’s token tries to change the agenda, then the answer is 403 and nothing changes', async () => {
    const event = await makeEvent();
    const path = `/api/v1/events/${event._id}/agenda`;
    await saveAgendaItems(String(event._id), symposiumItems());
    const viewer = await apiTokenFor('viewer');
    assert.equal((await api(viewer).get(path)).status, 200);
    assert.equal((await api(viewer).put(path, { items: [], publish: true })).status, 403);
    assert.equal((await listAgendaItems(String(event._id))).length, 4);
    assert.equal((await supertest(t.app).get(path)).status, 401);
  });
});
