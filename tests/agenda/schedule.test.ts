import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addAgendaItem, listAgendaItems, moveAgendaItem, reorderAgendaItems, saveAgendaItems } from '../../src/agenda/index.js';
import { agendaWarnings } from '../../src/agenda/agenda-view.js';
import { useTestDatabase } from '../helpers/db.js';
import { makeEvent } from '../events/fixtures.js';
import { item, organiser, symposiumItems } from './fixtures.js';

useTestDatabase(import.meta.url);

const hhmm = (date: Date) => date.toISOString().slice(11, 16);

describe('agenda times', () => {
  test('when items have durations, then each starts when the one before ends, from the event’s start', async () => {
    const event = await makeEvent(); // 09:30–11:30 in Qingdao = 01:30–03:30 UTC
    const items = await saveAgendaItems(String(event._id), symposiumItems());
    assert.deepEqual(items.map((i) => [hhmm(i.startsAt), hhmm(i.endsAt)]), [['01:30', '01:40'], ['01:40', '02:40'], ['02:40', '03:10'], ['03:10', '03:30']]);
    assert.deepEqual(items.map((i) => i.order), [1, 2, 3, 4]);
    assert.equal(agendaWarnings(event, items).overrunMinutes, 0, 'exactly fills the event');
  });

  test('when an item’s start is overridden, then it starts then and the items after it follow from it', async () => {
    const event = await makeEvent();
    const inputs = symposiumItems();
    inputs[2] = { ...inputs[2]!, startsAtOverride: new Date('2019-04-12T02:50:00Z') };
    const items = await saveAgendaItems(String(event._id), inputs);
    assert.equal(hhmm(items[2]!.startsAt), '02:50');
    assert.equal(items[2]!.timeOverridden, true);
    assert.equal(hhmm(items[3]!.startsAt), '03:20');
    assert.equal(items[1]!.timeOverridden, false);
  });

  test('when the agenda runs past the event’s end, then a warning names the minutes; an early override is flagged as an overlap', async () => {
    const event = await makeEvent();
    const inputs = [...symposiumItems(), item('自由交流', { durationMinutes: 25 })];
    inputs[1] = { ...inputs[1]!, startsAtOverride: new Date('2019-04-12T01:35:00Z') };
    const items = await saveAgendaItems(String(event._id), inputs);
    const warnings = agendaWarnings(event, items);
    assert.equal(warnings.overrunMinutes, 20);
    assert.deepEqual(warnings.items.get(items[1]!.id), ['agenda.warning.overlap']);
    assert.equal(warnings.items.size, 1);
  });
});

describe('reordering', () => {
  test('when an item is moved up or the order is set, then the items keep their ids and the times follow the new order', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const before = await saveAgendaItems(id, symposiumItems());
    await moveAgendaItem(id, before[2]!.id, 'up', organiser);
    const moved = await listAgendaItems(id);
    assert.deepEqual(moved.map((i) => i.id), [before[0]!.id, before[2]!.id, before[1]!.id, before[3]!.id]);
    assert.equal(hhmm(moved[1]!.startsAt), '01:40', 'the address now follows the opening');
    await moveAgendaItem(id, before[0]!.id, 'up', organiser);
    assert.deepEqual((await listAgendaItems(id)).map((i) => i.id), moved.map((i) => i.id), 'the first item cannot go higher');
    const reversed = [...before].reverse().map((i) => i.id);
    await reorderAgendaItems(id, reversed, organiser);
    assert.deepEqual((await listAgendaItems(id)).map((i) => i.id), reversed);
    await assert.rejects(reorderAgendaItems(id, reversed.slice(1), organiser), { status: 422 });
  });

  test('when two saves race, then neither is lost', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    await saveAgendaItems(id, [item('开场')]);
    await Promise.all(['甲', '乙', '丙', '丁'].map((title) => addAgendaItem(id, item(title), organiser)));
    assert.deepEqual((await listAgendaItems(id)).map((i) => i.title.zh).sort(), ['丁', '丙', '乙', '开场', '甲'].sort());
  });
});
