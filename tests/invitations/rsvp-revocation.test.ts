import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { useTestDatabase } from '../helpers/db.js';
import { inSecondProcess } from '../helpers/second-process.js';
import { createTestApp, type TestApp } from '../helpers/web.js';
import { inviteInstitution, makeEvent } from './fixtures.js';

useTestDatabase(import.meta.url);

// Issue 11 item 5: no process may keep a link alive that another revoked.
describe('a link reissued by another app process', () => {
  let t: TestApp;
  before(async () => (t = await createTestApp()));
  after(() => t.stop());

  test('when another process reissues a link this one has just served, then the old link is a 404 here at once and the new one works', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    // Served twice first, as a link that is being read.
    await supertest(t.app).get(`/rsvp/${token}`).expect(200);
    await supertest(t.app).get(`/rsvp/${token}`).expect(200);
    const fresh = await inSecondProcess('reissue-link', invitationId);
    assert.match(fresh, /^[A-Za-z0-9_-]{43}$/);
    await supertest(t.app).get(`/rsvp/${token}`).expect(404);
    await supertest(t.app).get(`/rsvp/${fresh}`).expect(200);
  });

  test('when another process reissues a link, then answering with the old one is refused here', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    const page = await supertest(t.app).get(`/rsvp/${token}`).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
    await inSecondProcess('reissue-link', invitationId);
    const res = await supertest(t.app).post(`/rsvp/${token}`).type('form')
      .send({ _csrf: csrf, status: 'declined', 'needs[dietary]': '', 'needs[accessibility]': '', comment: '' });
    assert.ok(res.status === 404 || res.status === 403, `refused, got ${res.status}`);
  });
});
