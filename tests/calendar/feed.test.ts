import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { Event } from '../../src/events/event.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { assertWellFormedIcs, parseIcs } from '../helpers/ics.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

async function makeEvent(status: string, title: string) {
  return Event.create({
    titleZh: title,
    titleEn: 'Annual symposium',
    startsAt: new Date('2026-12-21T01:30:00Z'),
    endsAt: new Date('2026-12-21T03:30:00Z'),
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
    assert.deepEqual(events.map((e) => e.uid), [scheduled.calendar!.uid]);
    assert.equal(events[0]!.startDate.toJSDate().toISOString(), '2026-12-21T01:30:00.000Z');
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
