import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import supertest from 'supertest';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { apiTokenFor, createTestApp, type TestApp } from '../helpers/web.js';
import { anonymousCsrf, answerForm, inviteInstitution, makeEvent, makeInstitution } from './fixtures.js';

useTestDatabase(import.meta.url);

describe('the invitations API', () => {
  let testApp: TestApp;
  let organiserToken: string;
  let viewerToken: string;
  before(async () => {
    testApp = await createTestApp();
    organiserToken = await apiTokenFor('organiser');
    viewerToken = await apiTokenFor('viewer');
  });
  after(() => testApp.stop());

  const api = () => supertest(testApp.app);

  test('when staff list an event’s invitations, then each comes with its status, respondents and headcount', async () => {
    const event = await makeEvent();
    const a = await inviteInstitution(String(event._id));
    await inviteInstitution(String(event._id));
    const { csrf, cookie } = await anonymousCsrf(testApp.app, a.token);
    await api().post(`/rsvp/${a.token}`).set('Cookie', cookie).type('form').send(answerForm(csrf, { status: 'accepted', delegates: [{ name: '李四', title: '副行长' }, { name: '王五' }] }));
    const res = await api().get(`/api/v1/events/${event._id}/invitations`).set('Authorization', `Bearer ${viewerToken}`);
    assert.equal(res.status, 200);
    assert.equal(res.body.invitations.length, 2);
    const accepted = res.body.invitations.find((i: { id: string }) => i.id === a.invitationId);
    assert.equal(accepted.status, 'accepted');
    assert.equal(accepted.headcount, 2);
    assert.deepEqual(accepted.respondents.map((r: { name: string }) => r.name), ['李四', '王五']);
    assert.equal(accepted.tokenHash, undefined, 'no secrets in the listing');
  });

  test('when an organiser posts a list, then it answers 201 with what was created and what was skipped', async () => {
    const event = await makeEvent();
    const fresh = await makeInstitution();
    const noEmail = await makeInstitution({ contacts: [] });
    const invited = await inviteInstitution(String(event._id));
    const res = await api()
      .post(`/api/v1/events/${event._id}/invitations`)
      .set('Authorization', `Bearer ${organiserToken}`)
      .send({ institutionIds: [String(fresh._id), String(noEmail._id), String(invited.institution._id)], guests: [{ name: 'Dr Kim', email: 'kim@univ.test', role: 'speaker' }], ccAllContacts: true });
    assert.equal(res.status, 201);
    assert.equal(res.body.created.length, 2);
    assert.match(res.body.created[0].url, /^http:\/\/127\.0\.0\.1:3999\/rsvp\/[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(res.body.skipped.map((s: { reason: string }) => s.reason).sort(), ['alreadyInvited', 'noContactEmail']);
    const token = res.body.created[0].url.split('/rsvp/')[1];
    assert.equal((await api().get(`/rsvp/${token}`)).status, 200);
  });

  test('when the input is bad, then it answers 422 naming the field, and an unknown institution id by name', async () => {
    const event = await makeEvent();
    const unknown = '5f0000000000000000000000';
    const res = await api().post(`/api/v1/events/${event._id}/invitations`).set('Authorization', `Bearer ${organiserToken}`).send({ institutionIds: [unknown] });
    assert.equal(res.status, 422);
    assert.ok(res.body.error.fields['institutionIds.0'].includes(unknown));
    const malformed = await api().post(`/api/v1/events/${event._id}/invitations`).set('Authorization', `Bearer ${organiserToken}`).send({ guests: [{ name: '', email: 'nope' }], institutionIds: ['x'] });
    assert.equal(malformed.status, 422);
    assert.ok(malformed.body.error.fields['guests.0.name']);
    assert.ok(malformed.body.error.fields['guests.0.email']);
    assert.ok(malformed.body.error.fields['institutionIds.0']);
    const broken = await api().post(`/api/v1/events/${event._id}/invitations`).set('Authorization', `Bearer ${organiserToken}`).set('Content-Type', 'application/json').send('{"institutionIds": [');
    assert.equal(broken.status, 400);
    assert.equal(await Invitation.countDocuments({ eventId: event._id }), 0);
  });

  test('when the event or invitation does not exist, then it answers 404', async () => {
    const auth = `Bearer ${organiserToken}`;
    assert.equal((await api().get('/api/v1/events/5f0000000000000000000000/invitations').set('Authorization', auth)).status, 404);
    assert.equal((await api().get('/api/v1/events/not-an-id/invitations').set('Authorization', auth)).status, 404);
    assert.equal((await api().post('/api/v1/invitations/not-an-id/token').set('Authorization', auth)).status, 404);
    assert.equal((await api().post('/api/v1/invitations/5f0000000000000000000000/token').set('Authorization', auth)).status, 404);
  });

  test('when there is no token, then 401; when a viewer writes, then 403', async () => {
    const event = await makeEvent();
    const { invitationId } = await inviteInstitution(String(event._id));
    assert.equal((await api().get(`/api/v1/events/${event._id}/invitations`)).status, 401);
    assert.equal((await api().post(`/api/v1/events/${event._id}/invitations`).send({})).status, 401);
    const viewer = `Bearer ${viewerToken}`;
    assert.equal((await api().post(`/api/v1/events/${event._id}/invitations`).set('Authorization', viewer).send({ guests: [{ name: 'X', email: 'x@y.test' }] })).status, 403);
    assert.equal((await api().post(`/api/v1/invitations/${invitationId}/token`).set('Authorization', viewer)).status, 403);
    assert.equal(await Invitation.countDocuments({ eventId: event._id }), 1);
  });

  test('when an organiser asks for a new link, then it is returned once and the old one stops working', async () => {
    const event = await makeEvent();
    const { invitationId, token } = await inviteInstitution(String(event._id));
    const res = await api().post(`/api/v1/invitations/${invitationId}/token`).set('Authorization', `Bearer ${organiserToken}`);
    assert.equal(res.status, 201);
    const fresh = res.body.url.split('/rsvp/')[1];
    assert.equal((await api().get(`/rsvp/${token}`)).status, 404);
    assert.equal((await api().get(`/rsvp/${fresh}`)).status, 200);
  });
});
