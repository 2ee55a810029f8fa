import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { saveAgendaItems } from '../../src/agenda/index.js';
import { AgendaDocument } from '../../src/agenda/agenda-document.model.js';
import { listRoutes, type RouteSpec } from '../../src/web/routes.js';
import { PDF, symposiumItems } from '../agenda/fixtures.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { makeEvent as makeDraftEvent } from '../events/fixtures.js';
import { inviteInstitution, makeEvent } from '../invitations/fixtures.js';

useTestDatabase(import.meta.url);

type Agent = ReturnType<typeof supertest.agent>;
type Encoding = 'form' | 'multipart' | 'json' | 'text/plain';
const ENCODINGS: Encoding[] = ['form', 'multipart', 'json', 'text/plain'];
const CSRF_REFUSAL = /This form has expired/;
const FAKE_ID = '000000000000000000000000';

/** Send a body in one of the encodings a cross-site page (or a careless client) can use, without any token. */
function send(agent: Agent | ReturnType<typeof supertest>, route: RouteSpec, path: string, encoding: Encoding) {
  const req = agent[route.method](`${path}?lang=en`).redirects(0);
  switch (encoding) {
    case 'form':
      return req.type('form').send({ x: '1' });
    case 'multipart':
      return req.field('x', '1');
    case 'json':
      return req.set('Content-Type', 'application/json').send(JSON.stringify({ x: 1 }));
    case 'text/plain':
      return req.set('Content-Type', 'text/plain').send('x=1');
  }
}

describe('CSRF: every state change is checked, whatever its content type', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let ids: Record<string, string>;
  const pathOf = (route: RouteSpec) => route.path.replace(/:(\w+)/g, (_match, name: string) => ids[name] ?? FAKE_ID);
  const stateChanging = () => listRoutes().filter((route) => route.method !== 'get');

  before(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin');
    // Real records where a route loads them before its own checks (upload routes read the form after the loaders).
    const draft = await makeDraftEvent();
    const [item] = await saveAgendaItems(String(draft._id), symposiumItems());
    const { token } = await inviteInstitution(String((await makeEvent())._id));
    ids = { eventId: String(draft._id), itemId: item!.id, token };
  });
  after(() => t.stop());

  test('the route table holds the upload routes and many state changes', () => {
    assert.ok(stateChanging().length > 50);
    assert.deepEqual(
      listRoutes().filter((route) => route.upload).map((route) => route.path).sort(),
      ['/events/:eventId/agenda/documents', '/events/:eventId/agenda/items/:itemId/documents', '/institutions/import', '/institutions/import/confirm'],
    );
  });

  for (const encoding of ENCODINGS) {
    test(`when a signed-in admin's browser sends any page's state change as ${encoding} without a token, then it is refused with 403`, async () => {
      for (const route of stateChanging().filter((candidate) => !candidate.api)) {
        const res = await send(admin.agent, route, pathOf(route), encoding);
        assert.equal(res.status, 403, `${encoding} ${route.method} ${route.path}`);
        assert.match(res.text, CSRF_REFUSAL, `${encoding} ${route.method} ${route.path} refused for another reason`);
      }
    });

    test(`when the same browser sends an API state change as ${encoding} with its cookie only, then the cookie carries no authority (401)`, async () => {
      for (const route of stateChanging().filter((candidate) => candidate.api)) {
        const res = await send(admin.agent, route, pathOf(route), encoding);
        assert.equal(res.status, 401, `${encoding} ${route.method} ${route.path}`);
      }
    });
  }

  test('when the minutes-approve form is forged as multipart, then the minutes stay as they were and the sign-out form cannot end the session', async () => {
    const approve = await admin.agent.post(`/events/${ids.eventId}/minutes/approve`).field('x', '1').redirects(0);
    assert.equal(approve.status, 403);
    const logout = await admin.agent.post('/logout').field('x', '1').redirects(0);
    assert.equal(logout.status, 403);
    assert.equal((await admin.agent.get('/account').redirects(0)).status, 200, 'still signed in');
  });

  test('when a multipart upload carries a file but no token, then it is refused with 403 before the file is kept', async () => {
    const path = `/events/${ids.eventId}/agenda/documents?lang=en`;
    const res = await admin.agent.post(path).attach('file', PDF, { filename: 'forged.pdf', contentType: 'application/pdf' }).redirects(0);
    assert.equal(res.status, 403);
    assert.match(res.text, CSRF_REFUSAL);
    const late = await admin.agent.post(path).attach('file', PDF, { filename: 'late.pdf', contentType: 'application/pdf' }).field('_csrf', admin.csrf).redirects(0);
    assert.equal(late.status, 403, 'a token sent after the file comes too late to let the file in');
    assert.equal(await AgendaDocument.countDocuments({ eventId: ids.eventId }), 0);
    const good = await admin.agent.post(path).field('_csrf', admin.csrf).attach('file', PDF, { filename: 'agenda.pdf', contentType: 'application/pdf' }).redirects(0);
    assert.equal(good.status, 303, 'with the token first, the upload works');
  });

  test('when the eight form routes that crashed get a multipart body with a good token, then they refuse it with 415, not 500', async () => {
    const crashed = ['/events', '/events/:eventId', '/institutions', '/events/series', '/events/:eventId/invitations/preview', '/events/:eventId/suggestions/capture', '/events/:eventId/zone-participants', '/admin/suggestion-categories'];
    for (const path of crashed) {
      const route = listRoutes().find((candidate) => candidate.method === 'post' && candidate.path === path);
      assert.ok(route, path);
      const res = await admin.agent.post(`${pathOf(route)}?lang=en`).set('X-CSRF-Token', admin.csrf).field('x', '1').redirects(0);
      assert.equal(res.status, 415, path);
      assert.match(res.text, /This form cannot be sent this way/, path);
    }
  });
});
