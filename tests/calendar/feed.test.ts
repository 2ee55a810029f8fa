import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { Event } from '../../src/events/event.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { assertWellFormedIcs, parseIcs } from '../helpers/ics.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

const DAY = 86_400_000;

async function makeEvent(status: string, title: string, startsAt = new Date('2026-12-21T01:30:00Z')) {
  return Event.create({
    titleZh: title,
    titleEn: 'Annual symposium',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
    timezone: 'Asia/Shanghai',
    status,
    venue: { name: '管委会大楼', room: '301' },
  });
}

describe('the organiser calendar feed', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  test('when a staff member creates a subscription link, then it serves every scheduled event as METHOD:PUBLISH', async () => {
    const scheduled = await makeEvent('scheduled', '金融工作座谈会');
    await makeEvent('draft', '草稿会议');
    const { agent, csrf } = await signIn(t.app, 'organiser');
    const page = await agent.post('/calendar/link').type('form').send({ _csrf: csrf });
    assert.equal(page.status, 201);
    const url = /data-testid="feed-url">([^<]+)</.exec(page.text)?.[1];
    assert.ok(url);
    const feed = await supertest(t.app).get(new URL(url).pathname);
    assert.equal(feed.status, 200);
    assert.match(feed.headers['content-type'] ?? '', /text\/calendar/);
    assertWellFormedIcs(feed.text);
    const { method, events } = parseIcs(feed.text);
    assert.equal(method, 'PUBLISH');
    assert.deepEqual(events.map((e) => e.uid), [`feed-${scheduled.calendar!.uid}`], 'a UID of its own, not the invitations\'');
    assert.equal(events[0]!.startDate.toJSDate().toISOString(), '2026-12-21T01:30:00.000Z');
  });

  test('a cancelled event stays in the feed as STATUS:CANCELLED for 30 days after it would have ended, then leaves it', async () => {
    await Event.deleteMany({});
    const soon = await makeEvent('cancelled', '取消的会议', new Date(Date.now() + 5 * DAY));
    const lately = await makeEvent('cancelled', '上月取消的会议', new Date(Date.now() - 20 * DAY));
    await makeEvent('cancelled', '很久以前取消的会议', new Date(Date.now() - 40 * DAY));
    const kept = await makeEvent('scheduled', '照常举行', new Date(Date.now() + 9 * DAY));
    const { agent, csrf } = await signIn(t.app, 'organiser');
    const url = /data-testid="feed-url">([^<]+)</.exec((await agent.post('/calendar/link').type('form').send({ _csrf: csrf })).text)![1]!;
    const feed = await supertest(t.app).get(new URL(url).pathname);
    assertWellFormedIcs(feed.text);
    const { events } = parseIcs(feed.text);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    assert.deepEqual(events.map((e) => e.uid).sort(), [lately, soon, kept].map((e) => `feed-${e.calendar!.uid}`).sort());
    for (const cancelled of [soon, lately]) assert.equal(byUid.get(`feed-${cancelled.calendar!.uid}`)!.component.getFirstPropertyValue('status'), 'CANCELLED');
    assert.equal(byUid.get(`feed-${kept.calendar!.uid}`)!.component.getFirstPropertyValue('status'), 'CONFIRMED');
  });

  test('when the link is replaced or stopped, then the old one answers 404, like a made-up one', async () => {
    const { agent, csrf } = await signIn(t.app, 'viewer');
    const first = /data-testid="feed-url">([^<]+)</.exec((await agent.post('/calendar/link').type('form').send({ _csrf: csrf })).text)![1]!;
    const second = /data-testid="feed-url">([^<]+)</.exec((await agent.post('/calendar/link').type('form').send({ _csrf: csrf })).text)![1]!;
    assert.equal((await supertest(t.app).get(new URL(first).pathname)).status, 404);
    assert.equal((await supertest(t.app).get(new URL(second).pathname)).status, 200);
    await agent.post('/calendar/link/revoke').type('form').send({ _csrf: csrf });
    assert.equal((await supertest(t.app).get(new URL(second).pathname)).status, 404);
    assert.equal((await supertest(t.app).get('/calendar/feed/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics')).status, 404);
    assert.equal((await supertest(t.app).get('/calendar/feed/bad.ics')).status, 404);
  });
});
