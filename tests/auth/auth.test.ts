import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import mongoose from 'mongoose';
import { sweepExpiredSessions } from '../../src/auth/index.js';
import { User } from '../../src/auth/user.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, csrfFrom, makeUser, signIn, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

function sessionCookie(res: { headers: Record<string, unknown> }): string | undefined {
  const cookies = (res.headers['set-cookie'] as string[] | undefined) ?? [];
  return cookies.find((c) => c.startsWith('convene.sid='))?.split(';')[0];
}

describe('signing in and out', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  test('when the password is right, then the user lands on the page they asked for with a new session id', async () => {
    const user = await makeUser('organiser');
    const agent = supertest.agent(t.app);
    const csrf = await csrfFrom(agent, '/login?next=/account');
    const res = await agent.post('/login').type('form').send({ email: user.email.toUpperCase(), password: user.password, next: '/account', _csrf: csrf });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/account');
    assert.ok(sessionCookie(res), 'a session cookie is set at sign-in');
    const account = await agent.get('/account');
    assert.equal(account.status, 200);
    assert.match(account.text, new RegExp(user.email));
  });

  test('when the password is wrong, then the form comes back with 422 and the typed email, and no session', async () => {
    const user = await makeUser('viewer');
    const agent = supertest.agent(t.app);
    const csrf = await csrfFrom(agent, '/login');
    const res = await agent.post('/login').type('form').send({ email: user.email, password: 'wrong-password', _csrf: csrf });
    assert.equal(res.status, 422);
    assert.match(res.text, /flash--error/);
    assert.match(res.text, new RegExp(`value="${user.email}"`));
    assert.equal((await agent.get('/').redirects(0)).status, 303);
  });

  test('when signing in redirects, then only same-site paths are followed', async () => {
    const user = await makeUser('viewer');
    const agent = supertest.agent(t.app);
    const csrf = await csrfFrom(agent, '/login');
    const res = await agent.post('/login').type('form').send({ email: user.email, password: user.password, next: '//evil.example/x', _csrf: csrf });
    assert.equal(res.headers.location, '/');
  });

  test('when a user is disabled, then they cannot sign in and their open session stops working', async () => {
    const { agent, user } = await signIn(t.app, 'secretary');
    await User.updateOne({ email: user.email }, { $set: { active: false } });
    assert.equal((await agent.get('/account').redirects(0)).status, 303);
    const fresh = supertest.agent(t.app);
    const csrf = await csrfFrom(fresh, '/login');
    const res = await fresh.post('/login').type('form').send({ email: user.email, password: user.password, _csrf: csrf });
    assert.equal(res.status, 422);
  });

  test('when a form is posted without its CSRF token, then it is refused with 403 and nothing changes', async () => {
    const { agent, user } = await signIn(t.app, 'viewer');
    const res = await agent.post('/account').type('form').send({ locale: 'en' });
    assert.equal(res.status, 403);
    assert.match(res.text, /expired|过期/);
    assert.equal((await User.findOne({ email: user.email }).lean())?.locale, undefined);
  });

  test('when signing out, then the session ends', async () => {
    const { agent, csrf } = await signIn(t.app, 'viewer');
    const res = await agent.post('/logout').type('form').send({ _csrf: csrf });
    assert.equal(res.status, 303);
    assert.equal((await agent.get('/').redirects(0)).status, 303);
  });

  test('when someone guesses passwords, then sign-in is rate-limited', async () => {
    const user = await makeUser('viewer');
    const agent = supertest.agent(t.app);
    const csrf = await csrfFrom(agent, '/login');
    let last = 0;
    for (let i = 0; i < 11; i += 1) {
      last = (await agent.post('/login').type('form').send({ email: user.email, password: `guess-${i}`, _csrf: csrf })).status;
    }
    assert.equal(last, 429);
  });
});

describe('account settings', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  test('when a user chooses English, then their pages are in English from then on', async () => {
    const { agent, csrf } = await signIn(t.app, 'viewer');
    assert.match((await agent.get('/account').set('Accept-Language', 'zh-CN')).text, /我的账户/);
    const res = await agent.post('/account').type('form').send({ locale: 'en', _csrf: csrf });
    assert.equal(res.status, 303);
    const page = await agent.get('/').set('Accept-Language', 'zh-CN');
    assert.match(page.text, /<html lang="en">/);
  });

  test('when changing the password with a wrong current one, then 422 names the field', async () => {
    const { agent, csrf } = await signIn(t.app, 'viewer');
    const res = await agent.post('/account').type('form').send({ locale: 'zh', currentPassword: 'nope', newPassword: 'a-new-password-123', _csrf: csrf });
    assert.equal(res.status, 422);
    assert.match(res.text, /当前密码不正确|current password is wrong/);
  });
});

describe('admin user pages and API tokens', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  test('when an admin creates a user, then it can sign in; a duplicate email gets 422 with the form kept', async () => {
    const { agent, csrf } = await signIn(t.app, 'admin');
    const form = { email: 'new.secretary@zone.example', name: '王秘书', role: 'secretary', password: 'secretary-password-1' };
    const created = await agent.post('/admin/users').type('form').send({ ...form, _csrf: csrf });
    assert.equal(created.status, 303);
    const again = await agent.post('/admin/users').type('form').send({ ...form, _csrf: csrf });
    assert.equal(again.status, 422);
    assert.match(again.text, /王秘书/);
    const list = await agent.get('/admin/users');
    assert.match(list.text, /new\.secretary@zone\.example/);
  });

  test('when the user form is invalid, then every bad field is named', async () => {
    const { agent, csrf } = await signIn(t.app, 'admin');
    const res = await agent.post('/admin/users').type('form').send({ email: 'not-an-email', name: '', role: 'boss', password: 'short', _csrf: csrf });
    assert.equal(res.status, 422);
    assert.equal((res.text.match(/field__error/g) ?? []).length, 4);
  });

  test('when an admin issues an API token, then it is shown once, works, and stops working once revoked', async () => {
    const { agent, csrf } = await signIn(t.app, 'admin');
    const target = await makeUser('organiser');
    const issued = await agent.post(`/admin/users/${target.id}/tokens`).type('form').send({ label: 'script', _csrf: csrf });
    assert.equal(issued.status, 201);
    const token = /data-testid="new-token">([^<]+)</.exec(issued.text)?.[1];
    assert.ok(token);
    const me = await supertest(t.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    assert.equal(me.status, 200);
    assert.equal(me.body.email, target.email);
    const page = await agent.get(`/admin/users/${target.id}`);
    assert.ok(!page.text.includes(token), 'the token is never shown again');
    const tokenId = /\/tokens\/([0-9a-f]{64})\/revoke/.exec(page.text)?.[1];
    await agent.post(`/admin/users/${target.id}/tokens/${tokenId}/revoke`).type('form').send({ _csrf: csrf });
    const after = await supertest(t.app).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    assert.equal(after.status, 401);
    assert.equal(after.body.error.status, 401);
  });

  test('when the API is called with a cookie session but no token, then it answers 401', async () => {
    const { agent } = await signIn(t.app, 'admin');
    assert.equal((await agent.get('/api/v1/me')).status, 401);
    const bearer = await apiTokenFor('viewer');
    assert.equal((await supertest(t.app).get('/api/v1/me').set('Authorization', `Bearer ${bearer}x`)).status, 401);
  });

  test('when an admin opens an unknown or malformed user id, then 404', async () => {
    const { agent } = await signIn(t.app, 'admin');
    assert.equal((await agent.get('/admin/users/000000000000000000000000')).status, 404);
    assert.equal((await agent.get('/admin/users/not-an-id')).status, 404);
  });
});

describe('sessions in the database', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  test('when sessions expire, then the sweeper deletes them with an acknowledged write and the connection stays healthy', async () => {
    const { agent } = await signIn(t.app, 'viewer');
    const sessions = mongoose.connection.collection('sessions');
    await sessions.insertOne({ _id: 'expired-session' as never, expires: new Date(Date.now() - 60_000), session: '{}' });
    const removed = await sweepExpiredSessions();
    assert.ok(removed >= 1);
    assert.equal(await sessions.countDocuments({ _id: 'expired-session' as never }), 0);
    assert.equal((await agent.get('/account')).status, 200, 'live sessions are kept');
  });
});
