import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { getMinutesState, getPublishedMinutes, saveMinutesItem } from '../../src/minutes/index.js';
import { MinutesState, PublishedMinutesRecord } from '../../src/minutes/minutes.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { content, makeChair, makeEventWithAgenda, secretary } from './fixtures.js';

useTestDatabase(import.meta.url);

type SignedIn = Awaited<ReturnType<typeof signIn>>;

describe('the minutes workflow through the pages', () => {
  let t: TestApp;
  let writer: SignedIn;
  let boss: SignedIn;
  let chair: SignedIn;
  let reader: SignedIn;
  before(async () => {
    t = await createTestApp();
    writer = await signIn(t.app, 'secretary');
    boss = await signIn(t.app, 'organiser');
    chair = await signIn(t.app, 'viewer');
    reader = await signIn(t.app, 'department');
  });
  after(() => t.stop());

  // As the buttons post after their confirmation page (approving and publishing ask first; see the test below).
  const step = (who: SignedIn, eventId: string, name: string) => who.agent.post(`/events/${eventId}/minutes/${name}`).type('form').send({ _csrf: who.csrf, confirmed: '1' });
  const buttons = async (who: SignedIn, eventId: string) => {
    const page = await who.agent.get(`/events/${eventId}/minutes`);
    const panel = /data-testid="minutes-workflow">([\s\S]*?)<\/div>/.exec(page.text)?.[1] ?? '';
    return [...panel.matchAll(/action="\/events\/[0-9a-f]{24}\/minutes\/(\w+)"/g)].map((m) => m[1]);
  };

  test('when the secretary submits, she cannot approve; the chair (a viewer recorded as chair by email) can; the organiser publishes; a correction starts version 2', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    await makeChair(eventId, chair.user.email.toUpperCase());
    await saveMinutesItem(eventId, items[0]!.id, { baseRevision: 0, content: content('第一版正文') }, secretary);

    assert.deepEqual(await buttons(writer, eventId), ['submit']);
    assert.deepEqual(await buttons(reader, eventId), [], 'a department user only reads');
    assert.equal((await step(writer, eventId, 'submit')).status, 303);
    assert.equal((await getMinutesState(eventId)).state, 'in_review');
    assert.deepEqual(await buttons(writer, eventId), ['reopen']);
    assert.deepEqual(await buttons(chair, eventId), ['approve']);

    const refused = await step(writer, eventId, 'approve');
    assert.equal(refused.status, 403);
    assert.equal((await step(reader, eventId, 'approve')).status, 403);
    assert.equal((await getMinutesState(eventId)).state, 'in_review');
    const asked = await chair.agent.post(`/events/${eventId}/minutes/approve`).type('form').send({ _csrf: chair.csrf });
    assert.equal(asked.status, 200);
    assert.match(asked.text, /data-testid="confirm"/);
    assert.match(asked.text, /重新打开纪要并再次审定/, 'approving names its consequence first');
    assert.equal((await getMinutesState(eventId)).state, 'in_review', 'nothing happens before the confirmation');
    assert.equal((await step(chair, eventId, 'approve')).status, 303);
    const approved = await getMinutesState(eventId);
    assert.equal(approved.state, 'approved');
    assert.equal(approved.approved?.by.email, chair.user.email);

    assert.equal((await step(chair, eventId, 'publish')).status, 403, 'publishing is the organiser’s');
    assert.deepEqual(await buttons(boss, eventId), ['publish', 'reopen']);
    const publishing = await boss.agent.post(`/events/${eventId}/minutes/publish`).type('form').send({ _csrf: boss.csrf });
    assert.match(publishing.text, /已发布的版本不会撤回/);
    assert.equal((await getMinutesState(eventId)).state, 'approved');
    assert.equal((await step(boss, eventId, 'publish')).status, 303);
    const page = await boss.agent.get(`/events/${eventId}/minutes`);
    assert.match(page.text, /data-testid="minutes-state">已发布/);
    assert.match(page.text, /data-testid="published-versions"[\s\S]*\/minutes\/versions\/1/);
    const again = await step(boss, eventId, 'publish');
    assert.equal(again.status, 303, 'a second click is explained, not an error page');
    const flash = await boss.agent.get(`/events/${eventId}/minutes`);
    assert.match(flash.text, /flash--error[^>]*>纪要当前状态不允许此操作/);

    assert.equal((await step(writer, eventId, 'correct')).status, 303);
    const corrected = await getMinutesState(eventId);
    assert.deepEqual([corrected.state, corrected.version, corrected.publishedVersion], ['draft', 2, 1]);
    const v1 = await writer.agent.get(`/events/${eventId}/minutes/versions/1`);
    assert.equal(v1.status, 200);
    assert.match(v1.text, /第一版正文/);
    assert.equal((await writer.agent.get(`/events/${eventId}/minutes/versions/2`)).status, 404);
    assert.equal((await writer.agent.get(`/events/${eventId}/minutes/versions/abc`)).status, 404);
  });

  test('when a publication’s writer dies after claiming the transition, then the next reader finishes it: state and snapshot are there', async () => {
    const { eventId, items } = await makeEventWithAgenda();
    await saveMinutesItem(eventId, items[0]!.id, { baseRevision: 0, content: content('正文') }, secretary);
    for (const [who, name] of [[writer, 'submit'], [boss, 'approve'], [boss, 'publish']] as const) assert.equal((await step(who, eventId, name)).status, 303);
    // Undo what the writer did after its claim: the state document and the snapshot.
    const stored = await MinutesState.findById(eventId).lean();
    await MinutesState.updateOne({ _id: eventId }, { $set: { state: 'approved', seq: stored!.seq - 1, publishedVersion: 0 } });
    await PublishedMinutesRecord.deleteOne({ _id: `${eventId}:v1` });
    const status = await getMinutesState(eventId);
    assert.deepEqual([status.state, status.publishedVersion, status.seq], ['published', 1, stored!.seq]);
    assert.equal((await getPublishedMinutes(eventId))?.items[0]?.notes, '正文');
    assert.equal((await MinutesState.findById(eventId).lean())?.state, 'published', 'the state document is repaired');
  });
});
