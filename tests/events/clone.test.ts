import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Event } from '../../src/events/event.model.js';
import { cloneEvent, getEvent, onEventCloned, previousEdition } from '../../src/events/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { makeEvent, makeSeries, organiser } from './fixtures.js';

useTestDatabase(import.meta.url);

const clonedPairs: [string, string][] = [];
let failNextClone = false;
onEventCloned(async (fromId, toId) => {
  // Proves the clone awaits its listeners: the new event must exist while they run.
  assert.ok(await Event.exists({ _id: toId }));
  if (failNextClone) {
    failNextClone = false;
    throw new Error('invitee list could not be copied');
  }
  clonedPairs.push([fromId, toId]);
});

async function makeEdition2019() {
  const series = await makeSeries();
  return makeEvent({
    seriesId: String(series._id),
    edition: 2019,
    kind: 'symposium',
    maxDelegates: 3,
    organiserContact: { name: '金融办', email: 'finance@qnhidz.example', phone: '0532-0000' },
    zoneParticipants: [
      { name: '尚立群', title: '管委会主任', email: '', departmentId: null, role: 'host' },
      { name: '文武', title: '', email: '', departmentId: null, role: 'attendee' },
    ],
  });
}

describe('cloning an event into the next edition', () => {
  let app: TestApp;
  let signedIn: Awaited<ReturnType<typeof signIn>>;

  before(async () => {
    app = await createTestApp();
    signedIn = await signIn(app.app, 'organiser');
  });
  after(() => app.stop());

  test('the previous edition is the latest earlier one that took place: a skipped year and a cancelled edition are passed over', async () => {
    const series = await makeSeries();
    const edition = async (year: number, status = 'held') => {
      const event = await makeEvent({ seriesId: String(series._id), edition: year, kind: 'symposium' });
      await Event.updateOne({ _id: event._id }, { $set: { status } });
      return event;
    };
    const held2017 = await edition(2017);
    const held2019 = await edition(2019);
    const cancelled2021 = await edition(2021, 'cancelled');
    const next2022 = await edition(2022, 'draft');
    assert.equal(String((await previousEdition(String(next2022._id)))?._id), String(held2019._id), '2020 was skipped and 2021 cancelled');
    assert.equal(String((await previousEdition(String(cancelled2021._id)))?._id), String(held2019._id));
    assert.equal(String((await previousEdition(String(held2019._id)))?._id), String(held2017._id), '2018 was skipped');
    assert.equal(await previousEdition(String(held2017._id)), undefined);
  });

  test('when an organiser clones the 2019 symposium with new dates, then a 2020 draft with a new UID copies its facts and the listeners run', async () => {
    const source = await makeEdition2019();
    const form = await signedIn.agent.get(`/events/${source._id}/clone`);
    assert.equal(form.status, 200);
    assert.match(form.text, /name="startsAt" type="datetime-local" value="2020-04-12T09:30"/, 'suggests the same time a year later');

    const res = await signedIn.agent.post(`/events/${source._id}/clone`).type('form').send({
      timezone: 'Asia/Shanghai', startsAt: '2020-04-10T14:00', endsAt: '2020-04-10T17:00', rsvpDeadline: '2020-04-03T17:00', _csrf: signedIn.csrf,
    });
    assert.equal(res.status, 303);
    const copy = await getEvent(res.headers.location!.split('/').pop()!);
    assert.equal(copy.edition, 2020);
    assert.equal(String(copy.seriesId), String(source.seriesId));
    assert.equal(copy.status, 'draft');
    assert.notEqual(copy.calendar?.uid, source.calendar?.uid);
    assert.equal(copy.calendar?.sequence, 0);
    assert.equal(copy.startsAt.toISOString(), '2020-04-10T06:00:00.000Z');
    assert.equal(copy.endsAt.toISOString(), '2020-04-10T09:00:00.000Z');
    assert.equal(copy.rsvpDeadline?.toISOString(), '2020-04-03T09:00:00.000Z');
    assert.equal(copy.titleZh, source.titleZh);
    assert.equal(copy.titleEn, source.titleEn);
    assert.equal(copy.maxDelegates, 3);
    assert.deepEqual(copy.venue, source.venue);
    assert.deepEqual(copy.organiserContact, source.organiserContact);
    assert.equal(copy.descriptionZh, source.descriptionZh);
    assert.deepEqual(copy.zoneParticipants.map((p) => [p.name, p.role]), [['尚立群', 'host'], ['文武', 'attendee']]);
    assert.notEqual(String(copy.zoneParticipants[0]!._id), String(source.zoneParticipants[0]!._id));
    assert.deepEqual(clonedPairs.at(-1), [String(source._id), String(copy._id)]);

    assert.equal(String((await previousEdition(String(copy._id)))?._id), String(source._id));
    assert.equal(await previousEdition(String(source._id)), undefined);

    // The new edition's page offers the report of last edition's suggestions.
    const page = await signedIn.agent.get(res.headers.location!);
    assert.match(page.text, new RegExp(`href="/events/${copy._id}/suggestions/last-edition" data-testid="last-edition-report"`));
  });

  test('when the next edition already exists, then cloning again is refused with 409', async () => {
    const source = await makeEdition2019();
    await cloneEvent(String(source._id), { startsAt: new Date('2020-04-10T06:00:00Z'), endsAt: new Date('2020-04-10T09:00:00Z') }, organiser);
    const res = await signedIn.agent.post(`/events/${source._id}/clone`).type('form').send({
      timezone: 'Asia/Shanghai', startsAt: '2020-05-10T14:00', endsAt: '2020-05-10T17:00', _csrf: signedIn.csrf,
    });
    assert.equal(res.status, 409);
    assert.equal(await Event.countDocuments({ seriesId: source.seriesId }), 2);
  });

  test('when the new dates end before they start, then the clone form comes back with 422 and nothing is created', async () => {
    const source = await makeEdition2019();
    const count = await Event.countDocuments();
    const res = await signedIn.agent.post(`/events/${source._id}/clone`).type('form').send({
      timezone: 'Asia/Shanghai', startsAt: '2020-04-10T14:00', endsAt: '2020-04-10T13:00', _csrf: signedIn.csrf,
    });
    assert.equal(res.status, 422);
    assert.match(res.text, /id="f-endsAt-error"/);
    assert.match(res.text, /value="2020-04-10T13:00"/);
    assert.equal(await Event.countDocuments(), count);
  });

  test('when a listener fails, then the new edition is removed again so the clone can be retried', async () => {
    const source = await makeEdition2019();
    const input = { startsAt: new Date('2020-04-10T06:00:00Z'), endsAt: new Date('2020-04-10T09:00:00Z') };
    failNextClone = true;
    await assert.rejects(cloneEvent(String(source._id), input, organiser), /invitee list/);
    assert.equal(await Event.countDocuments({ seriesId: source.seriesId }), 1);
    const retried = await cloneEvent(String(source._id), input, organiser);
    assert.equal(retried.edition, 2020);
  });

  test('when an event without a series is cloned, then the copy has no series or edition', async () => {
    const source = await makeEvent({ titleZh: '单次论坛', kind: 'forum' });
    const copy = await cloneEvent(String(source._id), { startsAt: new Date('2020-01-01T02:00:00Z'), endsAt: new Date('2020-01-01T04:00:00Z') }, organiser);
    assert.equal(copy.seriesId ?? null, null);
    assert.equal(copy.edition ?? null, null);
    assert.equal(copy.kind, 'forum');
  });
});
