import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { getEvent, transitionEvent, updateEvent } from '../../src/events/index.js';
import { toFormValues } from '../../src/events/event-view.js';
import { reminderJobKeys } from '../../src/invitations/index.js';
import { getJob, startJobRunner } from '../../src/jobs/index.js';
import { ScheduledJob } from '../../src/jobs/job.model.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { wallClock } from '../helpers/clock.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { makeEvent, organiser } from './fixtures.js';
import { inviteWithAnswers } from './mail-fixtures.js';

useTestDatabase(import.meta.url);

const DAY = 24 * 3600_000;

/** A draft event at 09:30–12:30 Shanghai time `startsInDays` days from today there, replies closing at 18:00 `deadlineInDays` days from today. */
function draftEvent(startsInDays = 30, deadlineInDays = 20) {
  return makeEvent({
    status: 'draft',
    startsAt: wallClock({ daysAhead: startsInDays, hour: 9, minute: 30 }),
    endsAt: wallClock({ daysAhead: startsInDays, hour: 12, minute: 30 }),
    rsvpDeadline: wallClock({ daysAhead: deadlineInDays, hour: 18 }),
  });
}

async function jobsOf(eventId: string) {
  const keys = reminderJobKeys(eventId);
  const [pending, dayBefore] = await Promise.all([getJob(keys.pending), getJob(keys.dayBefore)]);
  const state = (job: typeof pending) => (job ? { status: job.status, runAt: job.runAt.getTime() } : undefined);
  return { pending: state(pending), dayBefore: state(dayBefore) };
}

describe('scheduled reminders', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await createTestApp();
  });
  after(() => testApp.stop());

  test('when an event is scheduled, then a reminder is set N days before the deadline and another 24 hours before the start', async () => {
    const event = await draftEvent();
    const id = String(event._id);
    assert.deepEqual(await jobsOf(id), { pending: undefined, dayBefore: undefined }, 'a draft has none');
    const token = await apiTokenFor('organiser');
    const res = await supertest(testApp.app).post(`/api/v1/events/${id}/transition`).auth(token, { type: 'bearer' }).send({ to: 'scheduled' });
    assert.equal(res.status, 200);
    assert.deepEqual(await jobsOf(id), {
      pending: { status: 'scheduled', runAt: event.rsvpDeadline!.getTime() - 3 * DAY },
      dayBefore: { status: 'scheduled', runAt: event.startsAt.getTime() - DAY },
    });
  });

  test('when the dates or the reminder settings change, then the reminders move, and none is kept with 0 days or the day-before reminder off', async () => {
    const event = await draftEvent();
    const id = String(event._id);
    await transitionEvent(id, 'scheduled', organiser);
    const deadline = new Date(event.rsvpDeadline!.getTime() + DAY);
    const startsAt = new Date(event.startsAt.getTime() + 2 * DAY);
    await updateEvent(id, { rsvpDeadline: deadline, startsAt, endsAt: new Date(startsAt.getTime() + 3600_000), reminders: { pendingDaysBeforeDeadline: 5 } }, organiser);
    assert.deepEqual(await jobsOf(id), {
      pending: { status: 'scheduled', runAt: deadline.getTime() - 5 * DAY },
      dayBefore: { status: 'scheduled', runAt: startsAt.getTime() - DAY },
    });
    await updateEvent(id, { reminders: { pendingDaysBeforeDeadline: 0, dayBefore: false } }, organiser);
    const off = await jobsOf(id);
    assert.equal(off.pending?.status, 'cancelled');
    assert.equal(off.dayBefore?.status, 'cancelled');
    await updateEvent(id, { reminders: { pendingDaysBeforeDeadline: 2, dayBefore: true } }, organiser);
    assert.equal((await jobsOf(id)).pending?.runAt, deadline.getTime() - 2 * DAY);
    assert.equal((await jobsOf(id)).dayBefore?.status, 'scheduled');
  });

  test('when a reminder’s time has already passed, then it is skipped rather than sent late', async () => {
    const event = await draftEvent(10, 2);
    await transitionEvent(String(event._id), 'scheduled', organiser);
    const jobs = await jobsOf(String(event._id));
    assert.equal(jobs.pending, undefined, 'two days before a deadline in two days is now');
    assert.equal(jobs.dayBefore?.status, 'scheduled');
  });

  test('when the event is cancelled, then both reminders are cancelled', async () => {
    const event = await draftEvent();
    const id = String(event._id);
    await transitionEvent(id, 'scheduled', organiser);
    await transitionEvent(id, 'cancelled', organiser);
    const jobs = await jobsOf(id);
    assert.equal(jobs.pending?.status, 'cancelled');
    assert.equal(jobs.dayBefore?.status, 'cancelled');
  });

  test('when the reminders fall due, then the pending one reminds only those without an answer and the day-before one only those attending', async () => {
    const event = await draftEvent();
    const id = String(event._id);
    const invited = await inviteWithAnswers(id, [{ status: 'pending' }, { status: 'accepted' }, { status: 'tentative' }, { status: 'declined' }]);
    await transitionEvent(id, 'scheduled', organiser);
    const keys = reminderJobKeys(id);
    await ScheduledJob.updateMany({ _id: { $in: [keys.pending, keys.dayBefore] } }, { $set: { runAt: new Date(Date.now() - 1000) } });
    const runner = startJobRunner({ intervalMs: 60_000 });
    assert.equal(await runner.runDue(), 2);
    await runner.stop();
    const recipients = async (kind: string) => (await OutboxMessage.find({ eventId: id, kind }).lean()).map((m) => m.to[0]!.email).sort();
    assert.deepEqual(await recipients('reminder'), [invited[0]!.email]);
    assert.deepEqual(await recipients('day-before'), [invited[1]!.email, invited[2]!.email].sort());
    assert.equal((await jobsOf(id)).pending?.status, 'done');
  });

  test('when an organiser edits the reminder settings on the event form, then they are stored and shown again', async () => {
    const event = await draftEvent();
    const id = String(event._id);
    const staff = await signIn(testApp.app, 'organiser');
    const edit = await staff.agent.get(`/events/${id}/edit`);
    assert.match(edit.text, /name="reminderDays" type="number" value="3"/);
    assert.match(edit.text, /name="reminderDayBefore" value="1" checked/);
    // Unticked, the checkbox sends nothing: only its hidden "0" arrives.
    const form = { ...toFormValues(await getEvent(id)), reminderDays: '5', reminderDayBefore: '0', _csrf: staff.csrf };
    const res = await staff.agent.post(`/events/${id}`).type('form').send(form);
    assert.equal(res.status, 303);
    const stored = await getEvent(id);
    assert.deepEqual({ days: stored.reminders?.pendingDaysBeforeDeadline, dayBefore: stored.reminders?.dayBefore }, { days: 5, dayBefore: false });
    const again = await staff.agent.get(`/events/${id}/edit`);
    assert.match(again.text, /name="reminderDays" type="number" value="5"/);
    assert.match(again.text, /name="reminderDayBefore" value="1" >/);
  });
});
