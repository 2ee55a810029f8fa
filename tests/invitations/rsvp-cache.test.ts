import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { setIdCacheEnabled } from '../../src/db/index.js';
import { Event } from '../../src/events/event.model.js';
import { issueRsvpToken } from '../../src/invitations/index.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, type TestApp } from '../helpers/web.js';
import { anonymousCsrf, answerForm, inviteInstitution, makeEvent, storedInvitation } from './fixtures.js';

useTestDatabase(import.meta.url);

// The embedded engine serves the RSVP page from the `_id` cache; these prove the page is never stale.
describe('the RSVP page with the embedded engine\'s cache on', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    setIdCacheEnabled(true);
  });
  after(async () => {
    setIdCacheEnabled(false);
    await t.stop();
  });

  test('when an answer is saved, then the next page view shows it at once', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    await supertest(t.app).get(`/rsvp/${token}`).expect(200);
    const { csrf, cookie } = await anonymousCsrf(t.app, token);
    await supertest(t.app).post(`/rsvp/${token}`).set('Cookie', cookie).type('form')
      .send(answerForm(csrf, { status: 'declined', comment: '另有公务' })).expect(303);
    assert.equal((await storedInvitation(invitationId)).status, 'declined');
    const page = await supertest(t.app).get(`/rsvp/${token}?lang=en`).expect(200);
    assert.match(page.text, /另有公务/);
  });

  test('when a link is reissued, then the old one is a 404 at once', async () => {
    const event = await makeEvent();
    const { token, invitationId } = await inviteInstitution(String(event._id));
    await supertest(t.app).get(`/rsvp/${token}`).expect(200);
    await issueRsvpToken(invitationId);
    await supertest(t.app).get(`/rsvp/${token}`).expect(404);
  });

  test('when the event is cancelled, then the cached page says so at once', async () => {
    const event = await makeEvent();
    const { token } = await inviteInstitution(String(event._id));
    await supertest(t.app).get(`/rsvp/${token}`).expect(200);
    await Event.updateOne({ _id: event._id }, { $set: { status: 'cancelled' } });
    const page = await supertest(t.app).get(`/rsvp/${token}?lang=en`).expect(200);
    assert.match(page.text, /cancelled/i);
  });
});
