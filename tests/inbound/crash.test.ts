import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { processInbox, storeInbound } from '../../src/inbound/index.js';
import { InboundMessage } from '../../src/inbound/inbound-message.model.js';
import { AuditEntry } from '../../src/invitations/audit-entry.model.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { testDatabaseName, useTestDatabase } from '../helpers/db.js';
import { createTestApp, type TestApp } from '../helpers/web.js';
import { inviteInstitution } from '../invitations/fixtures.js';
import { calendarReply, makeWallClockEvent } from './inbound-fixtures.js';

useTestDatabase(import.meta.url);

const REPLIES = 100;
const workerScript = fileURLToPath(new URL('./inbox-worker-process.ts', import.meta.url));

describe('the inbox survives a crash', () => {
  let testApp: TestApp;
  before(async () => {
    testApp = await createTestApp();
  });
  after(() => testApp.stop());

  test(`when the app is killed with SIGKILL while it handles ${REPLIES} replies, then after a restart every reply has been applied exactly once`, async () => {
    const event = await makeWallClockEvent();
    const uid = event.calendar!.uid!;
    const invited: { invitationId: string; email: string }[] = [];
    for (let i = 0; i < REPLIES; i += 1) {
      const { invitationId } = await inviteInstitution(String(event._id));
      const invitation = (await Invitation.findById(invitationId).lean())!;
      invited.push({ invitationId, email: invitation.recipient!.email });
    }
    for (const { email } of invited) await storeInbound(calendarReply('outlook', { uid, attendee: email, partstat: 'ACCEPTED' }), 'smtp');

    const child = spawn(process.execPath, ['--import', 'tsx', workerScript], { env: { ...process.env, WORKER_DB: testDatabaseName(import.meta.url) }, stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise((resolve) => child.stdout!.once('data', resolve));
    // Killed part-way: some replies applied, maybe one between its answer and its audit entry, the rest waiting.
    for (let applied = 0; applied < REPLIES / 5; ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      applied = await AuditEntry.countDocuments({ action: 'rsvp.calendarReply' });
    }
    child.kill('SIGKILL');
    await exited;
    const leftOver = await InboundMessage.countDocuments({ status: 'received' });
    assert.ok(leftOver > 0 && leftOver < REPLIES, `killed mid-way (${leftOver} left)`);

    // The restarted app takes over the dead process's claims (stale at once here) and finishes.
    await processInbox('restarted-process', 1);
    assert.equal(await InboundMessage.countDocuments({ status: 'received' }), 0);
    assert.equal(await InboundMessage.countDocuments({ status: 'processed', outcome: 'inbound.outcome.answered' }), REPLIES);
    for (const { invitationId } of invited) {
      assert.equal((await Invitation.findById(invitationId).lean())!.status, 'accepted');
      assert.equal(await AuditEntry.countDocuments({ invitationId, action: 'rsvp.calendarReply' }), 1, `one audit entry for ${invitationId}`);
      assert.ok((await OutboxMessage.countDocuments({ invitationId, kind: 'rsvp-confirmation' })) <= 1, 'never two confirmations');
    }
  });
});
