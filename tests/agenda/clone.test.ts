import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getPublishedAgenda, listAgendaItems, publishAgenda, saveAgendaItems, attachAgendaDocument } from '../../src/agenda/index.js';
import { cloneEvent } from '../../src/events/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { makeEvent, makeSeries } from '../events/fixtures.js';
import { PDF, organiser, symposiumItems } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('cloning an event with its agenda', () => {
  test('when the 2019 symposium is cloned into 2020, then its items become the new working agenda: new ids, times from the new start, no fixed times, nothing published', async () => {
    const series = await makeSeries();
    const event = await makeEvent({ seriesId: String(series._id), edition: 2019 });
    const id = String(event._id);
    const inputs = symposiumItems();
    inputs[2] = { ...inputs[2]!, startsAtOverride: new Date('2019-04-12T02:45:00Z') };
    const source = await saveAgendaItems(id, inputs);
    await attachAgendaDocument(id, { filename: 'report.pdf', contentType: 'application/pdf', data: PDF }, organiser);
    await publishAgenda(id, organiser);
    const next = await cloneEvent(id, { startsAt: new Date('2020-04-10T01:00:00Z'), endsAt: new Date('2020-04-10T03:00:00Z') }, organiser);
    const copied = await listAgendaItems(String(next._id));
    assert.deepEqual(copied.map((i) => i.title), source.map((i) => i.title));
    assert.deepEqual(copied.map((i) => i.speakers), source.map((i) => i.speakers));
    assert.ok(copied.every((i, n) => i.id !== source[n]!.id), 'new ids');
    assert.ok(copied.every((i) => !i.timeOverridden));
    assert.equal(copied[0]!.startsAt.toISOString(), '2020-04-10T01:00:00.000Z');
    assert.equal(copied[3]!.endsAt.toISOString(), '2020-04-10T03:00:00.000Z');
    assert.equal(await getPublishedAgenda(String(next._id)), null, 'the new edition’s agenda is not published');
    assert.equal((await listAgendaItems(id)).length, 4, 'the source is untouched');
  });

  test('when an event without an agenda is cloned, then the new edition has none either', async () => {
    const series = await makeSeries();
    const event = await makeEvent({ seriesId: String(series._id), edition: 2018 });
    const next = await cloneEvent(String(event._id), { startsAt: new Date('2020-04-10T01:00:00Z'), endsAt: new Date('2020-04-10T03:00:00Z') }, organiser);
    assert.deepEqual(await listAgendaItems(String(next._id)), []);
  });
});
