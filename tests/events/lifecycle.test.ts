import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { getEvent, transitionEvent, updateEvent, type EventStatus } from '../../src/events/index.js';
import { ConflictError } from '../../src/web/errors.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { makeEvent, organiser } from './fixtures.js';

useTestDatabase(import.meta.url);

/** A new event moved along the lifecycle to `status`. */
async function eventIn(status: EventStatus) {
  const event = await makeEvent();
  const id = String(event._id);
  const path: Record<EventStatus, EventStatus[]> = {
    draft: [],
    scheduled: ['scheduled'],
    held: ['scheduled', 'held'],
    closed: ['scheduled', 'held', 'closed'],
    cancelled: ['cancelled'],
  };
  for (const to of path[status]) await transitionEvent(id, to, organiser);
  return getEvent(id);
}

describe('the event lifecycle', () => {
  test('when an event goes draft → scheduled → held → closed, then each step is stored and raises SEQUENCE', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    assert.equal(event.calendar?.sequence, 0);
    for (const [index, to] of (['scheduled', 'held', 'closed'] as const).entries()) {
      const { event: moved, changed } = await transitionEvent(id, to, organiser);
      assert.equal(moved.status, to);
      assert.deepEqual(changed, ['status']);
      assert.equal(moved.calendar?.sequence, index + 1);
    }
  });

  test('when a draft or a scheduled event is cancelled, then it is cancelled', async () => {
    for (const from of ['draft', 'scheduled'] as const) {
      const event = await eventIn(from);
      const { event: cancelled } = await transitionEvent(String(event._id), 'cancelled', organiser);
      assert.equal(cancelled.status, 'cancelled');
    }
  });

  test('when a forbidden transition is asked for, then ConflictError and nothing changes', async () => {
    const forbidden: [EventStatus, EventStatus][] = [
      ['held', 'draft'],
      ['closed', 'scheduled'],
      ['held', 'cancelled'],
      ['cancelled', 'scheduled'],
      ['draft', 'held'],
      ['draft', 'draft'],
    ];
    for (const [from, to] of forbidden) {
      const event = await eventIn(from);
      await assert.rejects(transitionEvent(String(event._id), to, organiser), (error: unknown) => {
        assert.ok(error instanceof ConflictError, `${from} → ${to}`);
        assert.equal(error.message, `events.transitionFrom.${from}`);
        return true;
      });
      const after = await getEvent(String(event._id));
      assert.equal(after.status, from);
      assert.equal(after.calendar?.sequence, event.calendar?.sequence);
    }
  });

  test('when a closed or cancelled event is edited, then ConflictError and nothing changes', async () => {
    for (const status of ['closed', 'cancelled'] as const) {
      const event = await eventIn(status);
      await assert.rejects(updateEvent(String(event._id), { titleEn: 'Changed' }, organiser), { message: 'events.notEditable', status: 409 });
      assert.equal((await getEvent(String(event._id))).titleEn, event.titleEn);
    }
  });
});

describe('the calendar SEQUENCE', () => {
  test('when only the description changes, then SEQUENCE stays and the change lists the description', async () => {
    const event = await makeEvent();
    const { event: saved, changed } = await updateEvent(String(event._id), { descriptionEn: 'Views on serving the real economy.' }, organiser);
    assert.deepEqual(changed, ['descriptionEn']);
    assert.equal(saved.calendar?.sequence, 0);
    assert.equal(saved.descriptionEn, 'Views on serving the real economy.');
  });

  test('when the start, the end, the zone or the venue changes, then SEQUENCE rises once per update and the change names them', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const moved = await updateEvent(id, { startsAt: new Date('2019-04-12T02:00:00Z'), endsAt: new Date('2019-04-12T04:00:00Z') }, organiser);
    assert.deepEqual(moved.changed, ['startsAt', 'endsAt']);
    assert.equal(moved.event.calendar?.sequence, 1);
    const room = await updateEvent(id, { venue: { room: '第二会议室' } }, organiser);
    assert.deepEqual(room.changed, ['venue']);
    assert.equal(room.event.calendar?.sequence, 2);
    assert.equal(room.event.venue?.name, '高新区管委会', 'the rest of the venue is kept');
    const zone = await updateEvent(id, { timezone: 'Asia/Tokyo' }, organiser);
    assert.deepEqual(zone.changed, ['timezone']);
    assert.equal(zone.event.calendar?.sequence, 3);
    const status = await transitionEvent(id, 'scheduled', organiser);
    assert.equal(status.event.calendar?.sequence, 4);
  });

  test('when nothing actually changes, then nothing is written and SEQUENCE stays', async () => {
    const event = await makeEvent();
    const { changed, event: same } = await updateEvent(String(event._id), { venue: { room: event.venue!.room }, startsAt: new Date(event.startsAt) }, organiser);
    assert.deepEqual(changed, []);
    assert.equal(same.calendar?.sequence, 0);
    assert.equal(same.updatedAt.getTime(), event.updatedAt.getTime());
  });
});

describe('lifecycle actions on the event page', () => {
  let app: TestApp;
  let signedIn: Awaited<ReturnType<typeof signIn>>;

  before(async () => {
    app = await createTestApp();
    signedIn = await signIn(app.app, 'organiser');
  });
  after(() => app.stop());

  const post = (id: string, to: string) =>
    signedIn.agent.post(`/events/${id}/transition`).type('form').send({ to, _csrf: signedIn.csrf });

  test('when an organiser schedules a draft, then it is scheduled and the page offers held and cancel only', async () => {
    const event = await makeEvent();
    const res = await post(String(event._id), 'scheduled');
    assert.equal(res.status, 303);
    assert.equal((await getEvent(String(event._id))).status, 'scheduled');
    const page = await signedIn.agent.get(`/events/${event._id}`);
    const offered = [...page.text.matchAll(/name="to" value="(\w+)"/g)].map((m) => m[1]);
    assert.deepEqual(offered, ['held', 'cancelled']);
  });

  test('marking an event held asks first, naming the consequence; Cancel leaves it scheduled, confirming marks it', async () => {
    const event = await eventIn('scheduled');
    const asked = await post(String(event._id), 'held');
    assert.equal(asked.status, 200);
    assert.match(asked.text, /data-testid="confirm"/);
    assert.match(asked.text, /此操作无法撤销/);
    assert.match(asked.text, new RegExp(`data-testid="confirm-cancel"[^>]*>|href="/events/${event._id}" data-testid="confirm-cancel"`));
    assert.equal((await getEvent(String(event._id))).status, 'scheduled');
    const done = await signedIn.agent.post(`/events/${event._id}/transition`).type('form').send({ to: 'held', confirmed: '1', _csrf: signedIn.csrf });
    assert.equal(done.status, 303);
    assert.equal((await getEvent(String(event._id))).status, 'held');
  });

  test('when a held event is posted back to draft, then 409 with a clear message and nothing changes', async () => {
    const event = await eventIn('held');
    const res = await post(String(event._id), 'draft');
    assert.equal(res.status, 409);
    assert.match(res.text, /只能结束归档|can only be closed/);
    assert.equal((await getEvent(String(event._id))).status, 'held');
  });

  test('when a closed event is posted back to scheduled, then 409, nothing changes, and no action or edit link is offered', async () => {
    const event = await eventIn('closed');
    const res = await post(String(event._id), 'scheduled');
    assert.equal(res.status, 409);
    const after = await getEvent(String(event._id));
    assert.equal(after.status, 'closed');
    assert.equal(after.calendar?.sequence, event.calendar?.sequence);
    const page = await signedIn.agent.get(`/events/${event._id}`);
    assert.doesNotMatch(page.text, /name="to"/);
    assert.doesNotMatch(page.text, new RegExp(`href="/events/${event._id}/edit"`));
    assert.equal((await signedIn.agent.get(`/events/${event._id}/edit`)).status, 409);
  });

  test('when a cancelled event is edited through the form, then 409', async () => {
    const event = await eventIn('cancelled');
    const res = await signedIn.agent.post(`/events/${event._id}`).type('form').send({ titleZh: '改名', _csrf: signedIn.csrf });
    assert.equal(res.status, 409);
    assert.equal((await getEvent(String(event._id))).titleZh, event.titleZh);
  });

  test('when a viewer posts a transition, then 403 and nothing changes', async () => {
    const viewer = await signIn(app.app, 'viewer');
    const event = await makeEvent();
    const res = await viewer.agent.post(`/events/${event._id}/transition`).type('form').send({ to: 'scheduled', _csrf: viewer.csrf });
    assert.equal(res.status, 403);
    assert.equal((await getEvent(String(event._id))).status, 'draft');
  });
});
