import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { ApiToken } from '../../src/auth/api-token.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { inSecondProcess } from '../helpers/second-process.js';
import { createTestApp, csrfFrom, makeUser, signIn, type Agent, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

/** Everything a user can act with: a signed-in browser, an API token and a calendar feed link. */
async function userWithEveryCredential(t: TestApp, admin: { agent: Agent; csrf: string }, role: 'organiser' | 'viewer' = 'organiser') {
  const user = await makeUser(role);
  const browser = supertest.agent(t.app);
  const loginCsrf = await csrfFrom(browser, '/login');
  assert.equal((await browser.post('/login').type('form').send({ email: user.email, password: user.password, _csrf: loginCsrf })).status, 303);
  const csrf = await csrfFrom(browser, '/account');
  const feedPage = await browser.post('/calendar/link').type('form').send({ _csrf: csrf });
  const feedPath = new URL(/data-testid="feed-url">([^<]+)</.exec(feedPage.text)![1]!).pathname;
  const issued = await admin.agent.post(`/admin/users/${user.id}/tokens`).type('form').send({ label: 'script', _csrf: admin.csrf });
  const apiToken = /data-testid="new-token">([^<]+)</.exec(issued.text)![1]!;
  return { user, browser, feedPath, apiToken };
}

type Holder = Awaited<ReturnType<typeof userWithEveryCredential>>;

async function whatStillWorks(t: TestApp, holder: Holder) {
  return {
    session: (await holder.browser.get('/account').redirects(0)).status,
    api: (await supertest(t.app).get('/api/v1/me').set('Authorization', `Bearer ${holder.apiToken}`)).status,
    feed: (await supertest(t.app).get(holder.feedPath)).status,
  };
}

function deactivateForm(holder: Holder, csrf: string, active: boolean) {
  return { name: holder.user.name, role: holder.user.role, active: active ? 'on' : '', password: '', _csrf: csrf };
}

describe('a deactivated user', () => {
  let t: TestApp;
  let admin: { agent: Agent; csrf: string };
  before(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin');
  });
  after(() => t.stop());

  test('when all credentials are fresh, then session, API token and feed link all work (the baseline)', async () => {
    const holder = await userWithEveryCredential(t, admin);
    assert.deepEqual(await whatStillWorks(t, holder), { session: 200, api: 200, feed: 200 });
  });

  test('when an admin deactivates a user, then their session, API token and calendar feed link end at once', async () => {
    const holder = await userWithEveryCredential(t, admin);
    assert.equal((await admin.agent.post(`/admin/users/${holder.user.id}`).type('form').send(deactivateForm(holder, admin.csrf, false))).status, 303);
    assert.deepEqual(await whatStillWorks(t, holder), { session: 303, api: 401, feed: 404 });
    const tokens = await ApiToken.find({ userId: holder.user.id }).lean();
    assert.ok(tokens.length === 1 && tokens[0]!.revokedAt, 'the API token is recorded as revoked, as the admin page shows');
    assert.equal(await mongoose.connection.collection('sessions').countDocuments({ 'session.userId': holder.user.id }), 0, 'no session is left');
  });

  test('when the user is activated again, then the old API token and feed link stay dead: only new ones work', async () => {
    const holder = await userWithEveryCredential(t, admin);
    await admin.agent.post(`/admin/users/${holder.user.id}`).type('form').send(deactivateForm(holder, admin.csrf, false));
    await admin.agent.post(`/admin/users/${holder.user.id}`).type('form').send(deactivateForm(holder, admin.csrf, true));
    const { api, feed } = await whatStillWorks(t, holder);
    assert.deepEqual({ api, feed }, { api: 401, feed: 404 });
    const fresh = await userWithEveryCredential(t, admin);
    assert.deepEqual(await whatStillWorks(t, fresh), { session: 200, api: 200, feed: 200 });
  });

  test('when another app process deactivates a user, then this one refuses their session, token and feed link at once', async () => {
    const holder = await userWithEveryCredential(t, admin);
    await inSecondProcess('deactivate-user', holder.user.id);
    assert.deepEqual(await whatStillWorks(t, holder), { session: 303, api: 401, feed: 404 });
  });

  test('when an organiser is made a viewer, then their API token carries a viewer\'s authority only', async () => {
    const holder = await userWithEveryCredential(t, admin);
    const create = () => supertest(t.app).post('/api/v1/events').set('Authorization', `Bearer ${holder.apiToken}`).send({});
    assert.equal((await create()).status, 422, 'an organiser may create events (this body is just invalid)');
    await admin.agent.post(`/admin/users/${holder.user.id}`).type('form').send({ ...deactivateForm(holder, admin.csrf, true), role: 'viewer' });
    assert.equal((await create()).status, 403);
    assert.equal((await holder.browser.get('/events/new').redirects(0)).status, 403);
  });
});

describe('changing a password', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  async function secondBrowser(email: string, password: string) {
    const browser = supertest.agent(t.app);
    const csrf = await csrfFrom(browser, '/login');
    assert.equal((await browser.post('/login').type('form').send({ email, password, _csrf: csrf })).status, 303);
    return browser;
  }

  test('when a user changes their password, then their other sessions end and this one stays signed in', async () => {
    const { agent, csrf, user } = await signIn(t.app, 'viewer');
    const other = await secondBrowser(user.email, user.password);
    assert.equal((await other.get('/account').redirects(0)).status, 200);
    const res = await agent.post('/account').type('form').send({ locale: 'zh', currentPassword: user.password, newPassword: 'lantern-orchard-9-copper', _csrf: csrf });
    assert.equal(res.status, 303);
    assert.equal((await other.get('/account').redirects(0)).status, 303, 'the other session is signed out');
    assert.equal((await agent.get('/account').redirects(0)).status, 200, 'this session stays');
    await secondBrowser(user.email, 'lantern-orchard-9-copper');
  });

  test('when an admin resets a user\'s password, then every session of that user ends, and the admin\'s does not', async () => {
    const admin = await signIn(t.app, 'admin');
    const user = await makeUser('secretary');
    const browser = await secondBrowser(user.email, user.password);
    const res = await admin.agent.post(`/admin/users/${user.id}`).type('form')
      .send({ name: user.name, role: user.role, active: 'on', password: 'harbour-violet-31-kettle', _csrf: admin.csrf });
    assert.equal(res.status, 303);
    assert.equal((await browser.get('/account').redirects(0)).status, 303);
    assert.equal((await admin.agent.get('/admin/users').redirects(0)).status, 200);
  });

  test('when the new password is the current one, then 422 says so and sessions are kept', async () => {
    const { agent, csrf, user } = await signIn(t.app, 'viewer');
    const other = await secondBrowser(user.email, user.password);
    const res = await agent.post('/account').type('form').send({ locale: 'en', currentPassword: user.password, newPassword: user.password, _csrf: csrf });
    assert.equal(res.status, 422);
    assert.match(res.text, /same as the current one|与当前密码相同/);
    assert.equal((await other.get('/account').redirects(0)).status, 200);
  });
});
