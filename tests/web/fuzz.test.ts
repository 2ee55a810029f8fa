import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { saveAgendaItems } from '../../src/agenda/index.js';
import { listRoutes, type RouteSpec } from '../../src/web/routes.js';
import { symposiumItems } from '../agenda/fixtures.js';
import { useTestDatabase } from '../helpers/db.js';
import { ERROR_LEVEL, captureLogs } from '../helpers/logs.js';
import { apiTokenFor, createTestApp, signIn, type TestApp } from '../helpers/web.js';
import { makeEvent as makeDraftEvent } from '../events/fixtures.js';
import { anonymousCsrf, inviteInstitution, makeEvent } from '../invitations/fixtures.js';

useTestDatabase(import.meta.url);

/** One malformed request: a path variant, a query and a body in some encoding. */
interface Probe {
  route: RouteSpec;
  path: string;
  label: string;
  send(req: supertest.Test): supertest.Test;
}

const MISSING_ID = '0123456789abcdef01234567';
const BAD_IDS = ['not-an-id', '%00', 'x'.repeat(300), '..%2F..%2Fetc'];
const BAD_QUERY = '?lang=xx&q[$gt]=&status[]=a&status[]=b&when=tomorrow&from=2026-13-45&to=yesterday&page=-1&limit=1e9&type[x]=1&tag=%00';
/** Wrong types for the fields the forms and the API take. */
const WRONG_TYPES = {
  titleZh: ['一', '二'],
  titleEn: { $ne: '' },
  nameZh: 12,
  nameEn: null,
  kind: ['meeting'],
  type: { bank: true },
  startsAt: { $gt: '' },
  endsAt: true,
  rsvpDeadline: [],
  timezone: 42,
  status: ['yes', 'no'],
  to: {},
  notify: 'perhaps',
  institutionIds: 'all',
  departmentIds: [{}, 5, null],
  guests: 'x',
  invitationIds: [['x']],
  delegates: 'everyone',
  contacts: [null, 'x', { primary: 'yes' }],
  items: { 0: 1 },
  order: 'up',
  direction: 7,
  text: ['a'],
  answer: { a: 1 },
  email: ['a@b.c'],
  role: 'root',
  password: 12345,
  maxDelegates: -5,
  participantId: { $gt: '' },
  code: [],
  id: {},
  version: 'latest',
  revision: { $gt: 0 },
  categoryKey: ['x'],
  departmentId: 'nope',
  dueDate: 'soon',
  locale: 'xx',
  back: '//evil.example/',
};
/** Dates and zones that do not exist. */
const BAD_WHEN = {
  titleZh: '座谈会',
  kind: 'symposium',
  timezone: 'Mars/Olympus_Mons',
  startsAt: '2026-02-30T25:61',
  endsAt: '0000-00-00T00:00',
  rsvpDeadline: '99999-01-01T00:00',
  date: '2026-13-01',
  dueDate: '2026-04-31',
  from: 'yesterday',
  to: '2026-01-01T00:00Z',
};
const FORM_TANGLE = 'titleZh[]=a&titleZh[]=b&startsAt[$gt]=&nameZh[a][b][c]=1&delegates[0][name][x]=1&contacts[99999]=x&items[0][durationMinutes]=-1&order[]=zz';

describe('fuzz: every route of the app with malformed input', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let bearer: string;
  let linkCsrf: string;
  let ids: Record<string, string>;
  let logs: ReturnType<typeof captureLogs>;

  before(async () => {
    t = await createTestApp();
    admin = await signIn(t.app, 'admin');
    bearer = await apiTokenFor('admin');
    const draft = await makeDraftEvent();
    const [item] = await saveAgendaItems(String(draft._id), symposiumItems());
    const scheduled = await makeEvent();
    const { token, invitationId, institution } = await inviteInstitution(String(scheduled._id));
    linkCsrf = (await anonymousCsrf(t.app, token)).csrf;
    ids = { eventId: String(draft._id), id: String(institution._id), institutionId: String(institution._id), itemId: item!.id, token, invitationId };
    logs = captureLogs('warn');
  });
  after(async () => {
    logs.stop();
    await t.stop();
  });

  /** The route's path with real records where known, so the handlers behind the loaders are reached too. */
  const realPath = (route: RouteSpec) => route.path.replace(/:(\w+)/g, (_m, name: string) => ids[name] ?? MISSING_ID);

  function probesOf(route: RouteSpec): Probe[] {
    const path = realPath(route);
    const params = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
    const badPaths = params.length
      ? BAD_IDS.slice(0, 2).map((bad, index) => route.path.replace(/:(\w+)/g, (_m, name: string) => (name === params[index % params.length] ? bad : (ids[name] ?? MISSING_ID))))
      : [];
    const probe = (label: string, target: string, send: Probe['send']): Probe => ({ route, path: target, label, send });
    const plain = (req: supertest.Test) => req;
    if (route.method === 'get') {
      return [probe('plain', path, plain), probe('bad query', path + BAD_QUERY, plain), ...badPaths.map((bad) => probe('bad id', bad, plain))];
    }
    const json = (body: unknown) => (req: supertest.Test) => req.set('Content-Type', 'application/json').send(JSON.stringify(body));
    return [
      probe('malformed JSON', path, (req) => req.set('Content-Type', 'application/json').send('{"titleZh": "座谈会", "startsAt": ')),
      probe('JSON that is not an object', path, json(['a', 1, null])),
      probe('wrong types', path, json(WRONG_TYPES)),
      probe('bad dates and zones', path, json(BAD_WHEN)),
      probe('tangled form', path, (req) => req.type('form').send(FORM_TANGLE)),
      probe('empty form', path, (req) => req.type('form').send('')),
      probe('no body', path, plain),
      probe('multipart', path, (req) => req.field('titleZh', '座谈会').field('startsAt', '2026-02-30T25:61')),
      probe('text/plain', path, (req) => req.set('Content-Type', 'text/plain').send('titleZh=座谈会')),
      probe('huge body', path, (req) => req.type('form').send(`titleZh=${'长'.repeat(400_000)}`)),
      probe('unknown charset', path, (req) => req.set('Content-Type', 'application/json; charset=klingon').send('{}')),
      ...badPaths.map((bad) => probe('bad id', bad, json(WRONG_TYPES))),
    ];
  }

  /** Send as the caller the route expects (bearer for the API, the admin's session and token for pages, the link's token under a link). */
  function dispatch({ route, path, send }: Probe): supertest.Test {
    const client = route.api ? supertest(t.app) : admin.agent;
    let req = client[route.method](path).redirects(0).timeout(20_000);
    if (route.api) req = req.set('Authorization', `Bearer ${bearer}`);
    else if (route.method !== 'get') req = req.set('X-CSRF-Token', route.path.startsWith('/rsvp/') ? linkCsrf : admin.csrf);
    return send(req);
  }

  test('no request answers 5xx and nothing is logged as an error (about 2,000 requests)', async () => {
    // Signing out last, so every other route is reached signed in.
    const routes = [...listRoutes()].sort((a, b) => Number(a.path === '/logout') - Number(b.path === '/logout'));
    const probes = routes.flatMap(probesOf);
    assert.ok(probes.length > 1200 && probes.length < 2500, `${probes.length} requests`);
    const failures: string[] = [];
    for (const probe of probes) {
      const res = await dispatch(probe);
      if (res.status >= 500) failures.push(`${res.status} ${probe.route.method.toUpperCase()} ${probe.path.slice(0, 120)} (${probe.label})`);
    }
    const errors = logs.lines.filter((line) => line.level >= ERROR_LEVEL).map((line) => `${line.msg} ${JSON.stringify(line.err ?? line).slice(0, 300)}`);
    assert.deepEqual(failures, [], `${failures.length} of ${probes.length} requests answered 5xx`);
    assert.deepEqual(errors, [], 'error-level log lines');
  });
});
