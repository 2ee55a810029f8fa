import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import mongoose from 'mongoose';
import supertest from 'supertest';
import { copyInvitees, issueRsvpToken, rsvpUrlFor } from '../../src/invitations/index.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { RsvpToken } from '../../src/invitations/rsvp-token.model.js';
import { deriveRsvpToken, newRsvpToken } from '../../src/invitations/tokens.service.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, type TestApp } from '../helpers/web.js';
import { inviteInstitution, makeEvent, storedInvitation } from './fixtures.js';

useTestDatabase(import.meta.url);

const tokenOf = (url: string) => url.split('/rsvp/')[1]!;

describe('RSVP links that can be sent again', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await createTestApp();
  });
  after(() => testApp.stop());
  const status = async (url: string) => (await supertest(testApp.app).get(new URL(url).pathname)).status;

  test('when a link is derived again, then it is the link shown at creation, and only its SHA-256 is stored', async () => {
    const event = await makeEvent();
    const { invitationId, url } = await inviteInstitution(String(event._id));
    const invitation = await storedInvitation(invitationId);
    assert.equal(await rsvpUrlFor(invitation), url);
    assert.equal(await rsvpUrlFor(invitation), url, 'the same every time');
    const token = tokenOf(url);
    assert.match(token, /^[A-Za-z0-9_-]{43}$/, '256 bits, base64url');
    const hash = createHash('sha256').update(token).digest('hex');
    assert.equal(invitation.tokenHash, hash);
    assert.ok(await RsvpToken.exists({ _id: hash }));
    const everything = JSON.stringify([await Invitation.find({}).lean(), await RsvpToken.find({}).lean()]);
    assert.ok(!everything.includes(token), 'the token itself is stored nowhere');
    assert.notEqual(deriveRsvpToken(invitationId, 1).token, token, 'each version is another link');
    assert.notEqual(deriveRsvpToken(String(new mongoose.Types.ObjectId()), 0).token, token, 'each invitation its own');
  });

  test('when a link is reissued, then its version rises, the old link is dead and emails from then on carry the new one', async () => {
    const event = await makeEvent();
    const { invitationId, url } = await inviteInstitution(String(event._id));
    const fresh = await issueRsvpToken(invitationId);
    const invitation = await storedInvitation(invitationId);
    assert.equal(invitation.tokenVersion, 1);
    assert.equal(tokenOf(await rsvpUrlFor(invitation)), fresh);
    assert.equal(await status(url), 404);
    assert.equal(await status(await rsvpUrlFor(invitation)), 200);
  });

  test('when an invitation has no link yet, then sending makes one that works', async () => {
    const source = await makeEvent();
    await inviteInstitution(String(source._id));
    const next = await makeEvent();
    await copyInvitees(String(source._id), String(next._id));
    const copied = (await Invitation.findOne({ eventId: next._id }).lean())!;
    assert.equal(copied.tokenHash, undefined);
    const url = await rsvpUrlFor(copied);
    assert.equal(await status(url), 200);
    assert.equal((await storedInvitation(String(copied._id))).tokenHash, createHash('sha256').update(tokenOf(url)).digest('hex'));
  });

  test('when a link predates derived links (or the secret changed), then sending replaces it and the old one stops working', async () => {
    const event = await makeEvent();
    const { invitationId } = await inviteInstitution(String(event._id));
    const legacy = newRsvpToken();
    const invitation = await storedInvitation(invitationId);
    await RsvpToken.create({ _id: legacy.hash, invitationId, eventId: event._id, institutionId: invitation.institutionId });
    await Invitation.updateOne({ _id: invitationId }, { $set: { tokenHash: legacy.hash } });
    const legacyUrl = `http://127.0.0.1:3999/rsvp/${legacy.token}`;
    assert.equal(await status(legacyUrl), 200);
    // Lists of invitations are shared and frozen on the embedded engine: the link is made without changing the one read.
    const url = await rsvpUrlFor(Object.freeze(await storedInvitation(invitationId)));
    assert.notEqual(tokenOf(url), legacy.token);
    assert.equal(await status(url), 200);
    assert.equal(await status(legacyUrl), 404);
  });
});
