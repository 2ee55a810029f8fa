import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { LOGIN_LIMITS } from '../../src/auth/auth.router.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, csrfFrom, makeUser, type TestApp } from '../helpers/web.js';

useTestDatabase(import.meta.url);

// In a file of its own: the limit is per address, and every test here comes from 127.0.0.1.
describe('sign-in failures from one address across many accounts', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  test('when one address tries a few passwords on each of many accounts, then it is refused with 429 before the per-account limit is reached anywhere', async () => {
    const agent = supertest.agent(t.app);
    const csrf = await csrfFrom(agent, '/login');
    const accounts = await Promise.all(Array.from({ length: 12 }, () => makeUser('viewer')));
    const statuses: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (const account of accounts) {
        statuses.push((await agent.post('/login').type('form').send({ email: account.email, password: `guess-${round}-wrong`, _csrf: csrf })).status);
      }
    }
    assert.ok(3 < LOGIN_LIMITS.perAccount, 'no account alone reaches its own limit');
    assert.deepEqual(statuses.slice(0, LOGIN_LIMITS.perAddress), Array(LOGIN_LIMITS.perAddress).fill(422));
    assert.ok(statuses.slice(LOGIN_LIMITS.perAddress).every((status) => status === 429), statuses.join(','));
    const blocked = await agent.post('/login?lang=en').type('form').send({ email: accounts[0]!.email, password: accounts[0]!.password, _csrf: csrf });
    assert.equal(blocked.status, 429, 'even the right password waits');
    assert.match(blocked.text, /Too many sign-in attempts/);
    assert.ok(blocked.headers['ratelimit-policy'] ?? blocked.headers['retry-after'] ?? blocked.headers['ratelimit']);
  });
});
