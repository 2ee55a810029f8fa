import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Agenda } from '../../src/agenda/agenda.model.js';
import { listAgendaItems, saveAgendaItems } from '../../src/agenda/index.js';
import { Event } from '../../src/events/event.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { makeEvent } from '../events/fixtures.js';
import { item, symposiumItems } from './fixtures.js';

useTestDatabase(import.meta.url);

type SignedIn = Awaited<ReturnType<typeof signIn>>;

describe('the staff agenda pages', () => {
  let t: TestApp;
  let organiser: SignedIn;
  before(async () => {
    t = await createTestApp();
    organiser = await signIn(t.app, 'organiser');
  });
  after(() => t.stop());

  const post = (who: SignedIn, path: string, form: Record<string, string | string[]> = {}) => who.agent.post(path).type('form').send({ ...form, _csrf: who.csrf });

  test('when an organiser adds an item through the form, then the agenda lists it with the time that follows from the event’s start', async () => {
    const event = await makeEvent();
    const base = `/events/${event._id}/agenda`;
    const form = await organiser.agent.get(`${base}/items/new`);
    assert.equal(form.status, 200);
    const res = await post(organiser, `${base}/items`, {
      type: 'opening_address', titleZh: '主持人开场', titleEn: 'Opening by the chair', durationMinutes: '15', startsAt: '', description: '介绍与会领导',
      'speakers[0][name]': '王主任', 'speakers[0][title]': '金融办主任', 'speakers[0][organisation]': '', 'speakers[1][name]': '',
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, base);
    const [stored] = await listAgendaItems(String(event._id));
    assert.equal(stored?.title.en, 'Opening by the chair');
    assert.deepEqual(stored?.speakers, [{ name: '王主任', title: '金融办主任', organisation: '' }]);
    const page = await organiser.agent.get(`${base}?lang=en`);
    assert.equal(page.status, 200);
    assert.match(page.text, /09:30–09:45/);
    assert.match(page.text, /Opening by the chair/);
    assert.match(page.text, /王主任 \(金融办主任\)/);
  });

  test('when the add form is sent twice, then the item is added once and the revision moves once; a changed resend is a second item', async () => {
    const event = await makeEvent();
    const base = `/events/${event._id}/agenda`;
    const submission = /name="submission" value="([0-9a-f]{24})"/.exec((await organiser.agent.get(`${base}/items/new`)).text)?.[1];
    assert.ok(submission, 'the add form carries a submission id');
    const form = { type: 'address', titleZh: '行长发言', titleEn: '', durationMinutes: '10', startsAt: '', 'speakers[0][name]': '李行长', submission };
    const statuses = [];
    for (let i = 0; i < 2; i += 1) statuses.push((await post(organiser, `${base}/items`, form)).status);
    assert.deepEqual(statuses, [303, 303]);
    const items = await listAgendaItems(String(event._id));
    assert.deepEqual(items.map((i) => [i.id, i.title.zh]), [[submission, '行长发言']]);
    assert.equal((await Agenda.findById(event._id).lean())?.revision, 1, 'the second send wrote nothing');
    assert.equal((await post(organiser, `${base}/items`, { ...form, titleZh: '副行长发言' })).status, 303);
    assert.deepEqual((await listAgendaItems(String(event._id))).map((i) => i.title.zh), ['行长发言', '副行长发言']);
    const edit = await organiser.agent.get(`${base}/items/${submission}`);
    assert.doesNotMatch(edit.text, /name="submission"/, 'the edit form needs none');
  });

  test('when the form is filled in wrongly, then it comes back with 422, the errors and what was typed', async () => {
    const event = await makeEvent();
    const res = await post(organiser, `/events/${event._id}/agenda/items?lang=en`, {
      type: 'address', titleZh: '', titleEn: 'Keynote', durationMinutes: 'ninety', startsAt: '', 'speakers[0][name]': '', 'speakers[0][title]': '行长',
    });
    assert.equal(res.status, 422);
    assert.match(res.text, /value="Keynote"/);
    assert.match(res.text, /Enter a whole number of minutes/);
    assert.match(res.text, /Enter the speaker’s name/);
    assert.match(res.text, /value="行长"/);
    assert.equal((await listAgendaItems(String(event._id))).length, 0);
  });

  test('when speakers are picked from the participant roster, then they are stored with their title and department', async () => {
    const event = await makeEvent({ zoneParticipants: [{ name: '尚立群', title: '管委会主任', email: '', departmentId: null, role: 'host' }] });
    const base = `/events/${event._id}/agenda`;
    const form = await organiser.agent.get(`${base}/items/new`);
    const personId = /name="rosterPick" value="([0-9a-f]{24})"/.exec(form.text)?.[1];
    assert.ok(personId, 'the roster is offered');
    const res = await post(organiser, `${base}/items`, { type: 'address', titleZh: '管委会主任讲话', titleEn: '', durationMinutes: '30', rosterPick: personId });
    assert.equal(res.status, 303);
    assert.deepEqual((await listAgendaItems(String(event._id)))[0]?.speakers, [{ name: '尚立群', title: '管委会主任', organisation: '' }]);
  });

  test('when an organiser moves an item with the Up button, then the order changes, ids stay and the page still works without JavaScript', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const items = await saveAgendaItems(id, symposiumItems());
    const res = await post(organiser, `/events/${id}/agenda/items/${items[3]!.id}/move`, { direction: 'up' });
    assert.equal(res.status, 303);
    assert.deepEqual((await listAgendaItems(id)).map((i) => i.id), [items[0]!.id, items[1]!.id, items[3]!.id, items[2]!.id]);
    const page = await organiser.agent.get(`/events/${id}/agenda?lang=zh`);
    assert.match(page.text, /<button type="submit" class="link-button" disabled aria-label="上移“主持人开场”">/, 'the first item’s Up is disabled');
    const drag = await post(organiser, `/events/${id}/agenda/order`, { order: [items[3]!.id, items[2]!.id, items[1]!.id, items[0]!.id] });
    assert.equal(drag.status, 303);
    assert.deepEqual((await listAgendaItems(id)).map((i) => i.id), [items[3]!.id, items[2]!.id, items[1]!.id, items[0]!.id]);
    const asked = await post(organiser, `/events/${id}/agenda/items/${items[1]!.id}/remove`);
    assert.equal(asked.status, 200);
    assert.match(asked.text, /data-testid="confirm"/);
    assert.equal((await listAgendaItems(id)).length, 4, 'nothing is removed before the confirmation');
    const removed = await post(organiser, `/events/${id}/agenda/items/${items[1]!.id}/remove`, { confirmed: '1' });
    assert.equal(removed.status, 303);
    assert.equal((await listAgendaItems(id)).length, 3);
  });

  test('when the agenda runs past the event’s end, then the page warns how far', async () => {
    const event = await makeEvent();
    await saveAgendaItems(String(event._id), [...symposiumItems(), item('自由交流', { durationMinutes: 45 })]);
    const page = await organiser.agent.get(`/events/${event._id}/agenda?lang=en`);
    assert.match(page.text, /data-testid="agenda-overrun">The agenda runs 45 minutes past the event’s end \(11:30\)\./);
  });

  test('when a viewer opens the agenda, then they can read it but every change is refused with 403 and nothing changes', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const items = await saveAgendaItems(id, symposiumItems());
    const viewer = await signIn(t.app, 'viewer');
    const page = await viewer.agent.get(`/events/${id}/agenda`);
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.text, /\/move"/, 'no buttons to change it');
    for (const [path, form] of [
      [`/events/${id}/agenda/items`, { type: 'address', titleZh: '新议程项', durationMinutes: '10' }],
      [`/events/${id}/agenda/items/${items[0]!.id}`, { type: 'address', titleZh: '改', durationMinutes: '10' }],
      [`/events/${id}/agenda/items/${items[1]!.id}/move`, { direction: 'up' }],
      [`/events/${id}/agenda/items/${items[0]!.id}/remove`, {}],
      [`/events/${id}/agenda/publish`, {}],
      [`/events/${id}/agenda/notify`, {}],
    ] as const) {
      assert.equal((await post(viewer, path, form)).status, 403, path);
    }
    assert.equal((await viewer.agent.get(`/events/${id}/agenda/items/new`)).status, 403);
    assert.deepEqual((await listAgendaItems(id)).map((i) => i.title.zh), symposiumItems().map((i) => i.titleZh));
    assert.equal((await Agenda.findById(id).lean())?.publishedVersion, 0);
  });

  test('when the event is closed, then its agenda stays as it was held: changes are refused with 409', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const items = await saveAgendaItems(id, symposiumItems());
    await Event.updateOne({ _id: event._id }, { $set: { status: 'closed' } });
    assert.equal((await post(organiser, `/events/${id}/agenda/items/${items[1]!.id}/move`, { direction: 'up' })).status, 409);
    assert.equal((await post(organiser, `/events/${id}/agenda/publish`)).status, 409);
    assert.deepEqual((await listAgendaItems(id)).map((i) => i.id), items.map((i) => i.id));
    assert.equal((await organiser.agent.get(`/events/${id}/agenda`)).status, 200, 'still readable');
  });

  test('when the organiser publishes, edits and publishes again, then the page shows the pending changes, then both versions with their changes, and prints either', async () => {
    const event = await makeEvent();
    const id = String(event._id);
    const base = `/events/${id}/agenda`;
    const items = await saveAgendaItems(id, symposiumItems());
    const first = await post(organiser, `${base}/publish`);
    assert.equal(first.status, 303);
    await post(organiser, `${base}/items/${items[3]!.id}`, { type: 'closing', titleZh: '会议总结', titleEn: 'Closing remarks', durationMinutes: '20' });
    const pending = await organiser.agent.get(`${base}?lang=en`);
    assert.match(pending.text, /Changes not yet published/);
    assert.match(pending.text, /<li>Retitled: Closing → Closing remarks<\/li>/);
    await post(organiser, `${base}/publish`);
    const page = await organiser.agent.get(`${base}?lang=en`);
    assert.match(page.text, /Published: version 2/);
    assert.doesNotMatch(page.text, /Changes not yet published/);
    assert.match(page.text, /data-version="2"[\s\S]*Retitled: Closing → Closing remarks[\s\S]*data-version="1"[\s\S]*First published version/);
    const version = await organiser.agent.get(`${base}/versions/1?lang=en`);
    assert.equal(version.status, 200);
    assert.match(version.text, />Closing</);
    assert.equal((await organiser.agent.get(`${base}/versions/3`)).status, 404);
    const printed = await organiser.agent.get(`${base}/print?lang=en`);
    assert.equal(printed.status, 200);
    assert.match(printed.text, /data-testid="agenda-print"/);
    assert.match(printed.text, /Version 2/);
    assert.doesNotMatch(printed.text, /Draft/);
    assert.match((await organiser.agent.get(`${base}/print?version=1&lang=en`)).text, /Version 1[\s\S]*>Closing</);
  });
});
