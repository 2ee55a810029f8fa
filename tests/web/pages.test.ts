import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { createApp } from '../../src/app.js';
import { getConfig } from '../../src/config.js';
import { defineRouter } from '../../src/web/routes.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

const failing = defineRouter('/test-failure');
failing.get('/', 'public', () => {
  throw new Error('secret internal detail');
});

describe('pages, errors and health', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  test('when a page does not exist, then a friendly 404 page in the visitor\'s language answers', async () => {
    const res = await supertest(t.app).get('/no/such/page').set('Accept-Language', 'en-GB');
    assert.equal(res.status, 404);
    assert.match(res.headers['content-type'] ?? '', /html/);
    assert.match(res.text, /This page does not exist/);
    const zh = await supertest(t.app).get('/no/such/page').set('Accept-Language', 'zh-CN');
    assert.match(zh.text, /页面不存在/);
  });

  test('when an API path does not exist, then the 404 is JSON', async () => {
    const res = await supertest(t.app).get('/api/v1/nothing');
    assert.equal(res.status, 404);
    assert.equal(res.body.error.status, 404);
  });

  test('when a handler fails, then a 500 page shows a reference but never the error or a stack trace', async () => {
    const app = createApp({ config: getConfig(), mailHealthy: async () => true, extraRouters: [failing] });
    const res = await supertest(app).get('/test-failure').set('X-Request-Id', 'req-123');
    assert.equal(res.status, 500);
    assert.match(res.text, /req-123/);
    assert.doesNotMatch(res.text, /secret internal detail|at .*\.ts:\d+/);
  });

  test('when the JSON body is malformed, then the API answers 400 with a JSON error', async () => {
    const res = await supertest(t.app).post('/api/v1/me').set('Content-Type', 'application/json').send('{"broken":');
    assert.equal(res.status, 400);
    assert.equal(res.body.error.status, 400);
  });

  test('when the database and mail are up, then /healthz says ok; when mail is down, 503', async () => {
    const ok = await supertest(t.app).get('/healthz');
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, { status: 'ok', db: 'ok', mail: 'ok' });
    const app = createApp({ config: getConfig(), mailHealthy: async () => false });
    const down = await supertest(app).get('/healthz');
    assert.equal(down.status, 503);
    assert.equal(down.body.mail, 'down');
  });

  test('when a page is served, then it has a CSP without inline scripts and no X-Powered-By', async () => {
    const res = await supertest(t.app).get('/login');
    const csp = res.headers['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
    assert.equal(res.headers['x-powered-by'], undefined);
  });

  test('when a visitor switches language in the header, then the link keeps the page and the choice sticks', async () => {
    const agent = supertest.agent(t.app);
    const page = await agent.get('/login?next=%2Faccount');
    assert.match(page.text, /href="\/login\?next=%2Faccount&amp;lang=en"/);
    await agent.get('/login?lang=en');
    const again = await agent.get('/login').set('Accept-Language', 'zh-CN');
    assert.match(again.text, /<html lang="en">/);
  });

  test('when a signed-in user opens the start page, then the layout shows navigation for their role only', async () => {
    const { agent } = await signIn(t.app, 'viewer');
    const res = await agent.get('/');
    assert.equal(res.status, 200);
    assert.doesNotMatch(res.text, /href="\/admin\/users"/);
    const admin = await signIn(t.app, 'admin');
    assert.match((await admin.agent.get('/')).text, /href="\/admin\/users"/);
  });
});
