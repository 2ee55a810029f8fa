import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { ROLES, isAllowed, type Role } from '../../src/web/access.js';
import { listRoutes, type RouteSpec } from '../../src/web/routes.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, csrfFrom, signIn, type Agent, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

// Guards run before param loaders, so any well-formed id works: nobody unauthorised reaches a lookup.
const concretePath = (route: RouteSpec) => route.path.replace(/:(\w+)/g, '000000000000000000000000');

function request(agent: Agent | ReturnType<typeof supertest>, route: RouteSpec, csrf?: string, token?: string) {
  const req = agent[route.method](concretePath(route)).redirects(0);
  if (token) req.set('Authorization', `Bearer ${token}`);
  if (route.method === 'get') return req;
  return req.type('form').send(csrf ? { _csrf: csrf } : {});
}

describe('authorization: every route of the app', () => {
  let t: TestApp;
  let protectedRoutes: RouteSpec[];
  before(async () => {
    t = await createTestApp();
    protectedRoutes = listRoutes().filter((route) => route.access !== 'public');
  });
  after(() => t.stop());

  test('the route table is not empty and every route declares its access', () => {
    assert.ok(protectedRoutes.length > 5, `only ${protectedRoutes.length} protected routes found`);
    for (const route of listRoutes()) assert.ok(route.access, `${route.method} ${route.path} has no access`);
  });

  test('when anonymous, then pages redirect to sign-in and API routes answer 401', async () => {
    const agent = supertest.agent(t.app);
    const csrf = await csrfFrom(agent, '/login');
    for (const route of protectedRoutes) {
      const res = await request(agent, route, csrf);
      assert.equal(res.headers['cache-control'], 'private, no-store', `${route.method} ${route.path}`);
      if (route.api) {
        assert.equal(res.status, 401, `${route.method} ${route.path}`);
      } else {
        assert.equal(res.status, 303, `${route.method} ${route.path}`);
        assert.match(res.headers.location ?? '', /^\/login\?next=/, `${route.method} ${route.path}`);
      }
    }
  });

  test('when a path is written in another case (/API/…, /Events/…), then it is no route at all: 404 for anyone, and a cookie never answers as the API', async () => {
    const anonymous = supertest.agent(t.app);
    const anonymousCsrf = await csrfFrom(anonymous, '/login');
    const admin = await signIn(t.app, 'admin');
    const variants = (path: string) => [path.replace(/^\/(\w)/, (_m, first: string) => `/${first.toUpperCase()}`), path.toUpperCase()];
    for (const route of listRoutes().filter((candidate) => candidate.path !== '/')) {
      for (const path of variants(concretePath(route))) {
        for (const [who, agent, csrf] of [['anonymous', anonymous, anonymousCsrf], ['admin', admin.agent, admin.csrf]] as const) {
          const req = agent[route.method](path).redirects(0);
          const res = await (route.method === 'get' ? req : req.type('form').send({ _csrf: csrf }));
          assert.equal(res.status, 404, `${who}: ${route.method} ${path}`);
        }
      }
    }
    const me = await admin.agent.get('/API/v1/me').set('Accept', 'application/json');
    assert.equal(me.status, 404);
    assert.ok(!me.text.includes(admin.user.email), 'the session user is not shown');
  });

  test('when signed in, then staff pages, API answers and CSV exports are kept by no cache', async () => {
    const { agent } = await signIn(t.app, 'organiser');
    const bearer = await apiTokenFor('organiser');
    const answers = [
      await agent.get('/events'),
      await agent.get('/institutions/export.csv'),
      await agent.get('/no-such-page'),
      await supertest(t.app).get('/api/v1/me').set('Authorization', `Bearer ${bearer}`),
    ];
    assert.deepEqual(answers.map((res) => res.status), [200, 200, 404, 200]);
    answers.forEach((res, index) => assert.equal(res.headers['cache-control'], 'private, no-store', `answer ${index}`));
  });

  for (const role of ROLES) {
    test(`when signed in as ${role}, then routes needing another role answer 403 (not a CSRF refusal)`, async () => {
      const denied = protectedRoutes.filter((route) => !isAllowed({ id: 'x', email: '', name: '', role }, route.access));
      if (role === 'admin') assert.equal(denied.length, 0);
      const pages = denied.filter((route) => !route.api);
      const apis = denied.filter((route) => route.api);
      if (pages.length) {
        const { agent, csrf: token } = await signIn(t.app, role as Role);
        for (const route of pages) {
          const res = await request(agent, route, token);
          assert.equal(res.status, 403, `${role}: ${route.method} ${route.path}`);
          assert.equal(res.headers['cache-control'], 'private, no-store', `${role}: ${route.method} ${route.path}`);
          assert.match(res.text, /没有执行此操作的权限|do not have permission/, `${role}: ${route.method} ${route.path} refused for another reason`);
        }
      }
      if (apis.length) {
        const bearer = await apiTokenFor(role as Role);
        for (const route of apis) {
          const res = await request(supertest(t.app), route, undefined, bearer);
          assert.equal(res.status, 403, `${role}: ${route.method} ${route.path}`);
        }
      }
    });
  }
});
