import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import supertest from 'supertest';
import { AuditEntry } from '../../src/invitations/audit-entry.model.js';
import { useTestDatabase } from '../helpers/db.js';
import { createTestApp, type TestApp } from '../helpers/web.js';
import { anonymousCsrf, answerForm, inviteInstitution, makeEvent, storedInvitation } from './fixtures.js';

useTestDatabase(import.meta.url);

const STATUSES = ['accepted', 'tentative', 'declined'] as const;

describe('concurrent answers to one invitation', () => {
  let testApp: TestApp;
  let server: Server;
  before(async () => {
    testApp = await createTestApp();
    server = testApp.app.listen(0, '127.0.0.1');
  });
  after(async () => {
    await new Promise((resolve) => server.close(resolve));
    await testApp.stop();
  });

  test('when ten different answers arrive at once, then the final state is exactly one of them and each is in the audit trail', async () => {
    const event = await makeEvent({ maxDelegates: 3 });
    const { token, invitationId } = await inviteInstitution(String(event._id));
    const { csrf, cookie } = await anonymousCsrf(server, token);
    const submissions = Array.from({ length: 10 }, (_, i) => {
      const status = STATUSES[i % 3]!;
      const delegates = status === 'declined' ? [] : Array.from({ length: 1 + (i % 3) }, (_, j) => ({ name: `代表${i}-${j}`, title: `职务${i}` }));
      return { status, delegates, comment: `answer ${i}`, dietary: status === 'declined' ? '' : `diet ${i}` };
    });
    const responses = await Promise.all(
      submissions.map((answer) => supertest(server).post(`/rsvp/${token}`).set('Cookie', cookie).type('form').send(answerForm(csrf, answer))),
    );
    assert.deepEqual(responses.map((r) => r.status), Array(10).fill(303));

    const stored = await storedInvitation(invitationId);
    const winner = submissions.find((s) => s.comment === stored.comment);
    assert.ok(winner, `the stored comment "${stored.comment}" is one of the submissions`);
    assert.equal(stored.status, winner.status);
    assert.deepEqual(stored.delegates.map((d) => [d.name, d.title]), winner.delegates.map((d) => [d.name, d.title]));
    assert.equal(stored.needs?.dietary, winner.dietary);
    assert.ok(stored.revision >= 1 && stored.revision <= 10);

    const entries = await AuditEntry.find({ invitationId, action: 'rsvp.answered' }).lean();
    assert.equal(entries.length, 10, 'one audit entry per answer');
    assert.deepEqual(entries.map((e) => e.after.comment).sort(), submissions.map((s) => s.comment).sort());
  });
});
