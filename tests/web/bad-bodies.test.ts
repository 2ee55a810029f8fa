import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { useTestDatabase } from '../helpers/db.js';
import { ERROR_LEVEL, captureLogs } from '../helpers/logs.js';
import { apiTokenFor, createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { inviteInstitution, makeEvent } from '../invitations/fixtures.js';

useTestDatabase(import.meta.url);

const OVERSIZED = `x=${'a'.repeat(1_100_000)}`;
const BROKEN_JSON = '{"titleZh": "座谈会",';

describe('bad and oversized bodies', () => {
  let t: TestApp;
  let token: string;
  let logs: ReturnType<typeof captureLogs>;
  before(async () => {
    t = await createTestApp();
    ({ token } = await inviteInstitution(String((await makeEvent())._id)));
    logs = captureLogs('warn');
  });
  after(async () => {
    logs.stop();
    await t.stop();
  });

  test('when a signed-in organiser sends an oversized form, then the normal page says so in their language (413), logged as a warning', async () => {
    const before = logs.lines.length;
    const zh = await signIn(t.app, 'organiser');
    const res = await zh.agent.post('/events').set('Accept-Language', 'zh-CN').type('form').send(OVERSIZED);
    assert.equal(res.status, 413);
    assert.match(res.text, /提交的内容过大。/);
    assert.match(res.text, /class="site-header"/, 'the normal layout, with the navigation');
    assert.match(res.text, /退出|Sign out/, 'the sign-out form renders too');
    const en = await signIn(t.app, 'organiser');
    const english = await en.agent.post('/events?lang=en').type('form').send(OVERSIZED);
    assert.equal(english.status, 413);
    assert.match(english.text, /What you sent is too large\./);
    const lines = logs.lines.slice(before);
    assert.ok(lines.some((line) => line.level === 40 && (line as { status?: number }).status === 413), 'a warning records the refusal');
    assert.deepEqual(lines.filter((line) => line.level >= ERROR_LEVEL), []);
  });

  test('when a page or the API gets malformed JSON, then it answers 400 in the asked language, never 500', async () => {
    const before = logs.lines.length;
    const { agent } = await signIn(t.app, 'organiser');
    const page = await agent.post('/events?lang=en').set('Content-Type', 'application/json').send(BROKEN_JSON);
    assert.equal(page.status, 400);
    assert.match(page.text, /The request could not be understood\./);
    const bearer = await apiTokenFor('organiser');
    const api = await supertest(t.app).post('/api/v1/events').set('Authorization', `Bearer ${bearer}`).set('Accept-Language', 'en').set('Content-Type', 'application/json').send(BROKEN_JSON);
    assert.equal(api.status, 400);
    assert.deepEqual(api.body, { error: { status: 400, message: 'The request could not be understood.' } });
    assert.deepEqual(logs.lines.slice(before).filter((line) => line.level >= ERROR_LEVEL), []);
  });

  test('when an institution’s browser sends a bad body to its link, then the page is in the language it asks for, ko or ja', async () => {
    const before = logs.lines.length;
    const ko = await supertest(t.app).post(`/rsvp/${token}`).set('Accept-Language', 'ko-KR,ko;q=0.9').type('form').send(OVERSIZED);
    assert.equal(ko.status, 413);
    assert.match(ko.text, /보낸 내용이 너무 큽니다\./);
    const ja = await supertest(t.app).post(`/rsvp/${token}`).set('Accept-Language', 'ja').set('Content-Type', 'application/json').send(BROKEN_JSON);
    assert.equal(ja.status, 400);
    assert.match(ja.text, /リクエストを処理できませんでした。/);
    assert.ok(!ko.text.includes(token) && !ja.text.includes(token), 'the link is not echoed back');
    assert.deepEqual(logs.lines.slice(before).filter((line) => line.level >= ERROR_LEVEL), []);
  });
});
