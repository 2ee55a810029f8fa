import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ImapFlow } from 'imapflow';
import { getConfig } from '../../src/config.js';
import { startInbound, storeInbound, type Inbound } from '../../src/inbound/index.js';
import { InboundMessage } from '../../src/inbound/inbound-message.model.js';
import { AuditEntry } from '../../src/invitations/audit-entry.model.js';
import { testDatabaseName, useTestDatabase } from '../helpers/db.js';
import { DOVECOT_PATH, startDovecot, type TestDovecot } from '../helpers/dovecot.js';
import { createTestApp, type TestApp } from '../helpers/web.js';
import { storedInvitation } from '../invitations/fixtures.js';
import { calendarReply, fixture, invitedAndSent, makeWallClockEvent } from './inbound-fixtures.js';

useTestDatabase(import.meta.url);

const PROCESSED = '$ConveneProcessed';

describe('IMAP: polling the reply mailbox on a real Dovecot', { skip: existsSync(DOVECOT_PATH) ? false : 'dovecot-imapd is not installed (.ci/run installs it)' }, () => {
  let testApp: TestApp;
  let dovecot: TestDovecot;
  let client: ImapFlow;
  before(async () => {
    testApp = await createTestApp();
    dovecot = await startDovecot();
  });
  after(async () => {
    await testApp.stop();
    await dovecot.stop();
  });

  /** A mailbox of its own per test, so tests do not see each other's mail. */
  async function mailbox(user: string) {
    client = new ImapFlow({ host: '127.0.0.1', port: dovecot.port, secure: false, auth: { user, pass: dovecot.password }, logger: false });
    await client.connect();
    return client;
  }

  async function unprocessed(imap: ImapFlow): Promise<number> {
    const lock = await imap.getMailboxLock('INBOX');
    try {
      return ((await imap.search({ unKeyword: PROCESSED }, { uid: true })) || []).length;
    } finally {
      lock.release();
    }
  }

  function startPolling(user: string, workerId: string): Promise<Inbound> {
    const config = getConfig();
    return startInbound({ ...config, inbound: { ...config.inbound, imapUrl: dovecot.urlFor(user) } }, { workerId, pollMs: 60_000, imapPollMs: 60_000 });
  }

  test('when replies arrive in the mailbox, then each is applied and only then marked processed in the mailbox', async () => {
    const imap = await mailbox('organiser-a');
    const event = await makeWallClockEvent();
    const accepted = await invitedAndSent(String(event._id));
    const noted = await invitedAndSent(String(event._id));
    await imap.append('INBOX', calendarReply('gmail', { uid: accepted.uid, attendee: accepted.email, partstat: 'ACCEPTED' }));
    await imap.append('INBOX', fixture('plain-reply.eml', { LOCALID: 'imap1', NAME: 'Li', FROM: 'office@bank.test', ORIGINAL_MESSAGE_ID: noted.messageId, TEXT: 'We will send two people.' }));
    const inbound = await startPolling('organiser-a', 'poller-a');
    try {
      assert.deepEqual(inbound.channels, ['imap']);
      await inbound.imap!.poll();
      assert.equal((await storedInvitation(accepted.invitationId)).status, 'accepted');
      assert.equal((await storedInvitation(noted.invitationId)).notes.length, 1);
      assert.equal(await unprocessed(imap), 0);
      assert.equal(await InboundMessage.countDocuments({ channel: 'imap', invitationId: { $in: [accepted.invitationId, noted.invitationId] } }), 2);
    } finally {
      await inbound.stop();
      await imap.logout();
    }
  });

  test('when the app stopped after storing a message but before marking it, then the next poll applies it once and marks it', async () => {
    const imap = await mailbox('organiser-b');
    const event = await makeWallClockEvent();
    const sent = await invitedAndSent(String(event._id));
    const raw = calendarReply('outlook', { uid: sent.uid, attendee: sent.email, partstat: 'DECLINED' });
    await imap.append('INBOX', raw);
    // What a process killed between storing and handling leaves behind: the inbox entry, the message unmarked.
    await storeInbound(raw, 'imap');
    const inbound = await startPolling('organiser-b', 'poller-b');
    try {
      await inbound.imap!.poll();
      assert.equal((await storedInvitation(sent.invitationId)).status, 'declined');
      assert.equal(await AuditEntry.countDocuments({ invitationId: sent.invitationId, action: 'rsvp.calendarReply' }), 1);
      assert.equal(await unprocessed(imap), 0);
    } finally {
      await inbound.stop();
      await imap.logout();
    }
  });

  test('when two app instances poll the same mailbox, then each reply is applied once', async () => {
    const imap = await mailbox('organiser-c');
    const event = await makeWallClockEvent();
    const invited = await Promise.all(Array.from({ length: 8 }, () => invitedAndSent(String(event._id))));
    for (const sent of invited) await imap.append('INBOX', calendarReply('apple', { uid: sent.uid, attendee: sent.email, partstat: 'TENTATIVE' }));
    const [one, two] = await Promise.all([startPolling('organiser-c', 'instance-1'), startPolling('organiser-c', 'instance-2')]);
    try {
      await Promise.all([one.imap!.poll(), two.imap!.poll()]);
      // A message the other instance was still handling is marked on a later poll.
      await Promise.all([one.imap!.poll(), two.imap!.poll()]);
      for (const sent of invited) {
        assert.equal((await storedInvitation(sent.invitationId)).status, 'tentative');
        assert.equal(await AuditEntry.countDocuments({ invitationId: sent.invitationId, action: 'rsvp.calendarReply' }), 1);
      }
      assert.equal(await unprocessed(imap), 0);
    } finally {
      await Promise.all([one.stop(), two.stop()]);
      await imap.logout();
    }
  });

  test('when two app processes poll the same mailbox, then each reply is applied once', async () => {
    const imap = await mailbox('organiser-d');
    const event = await makeWallClockEvent();
    const invited = await Promise.all(Array.from({ length: 12 }, () => invitedAndSent(String(event._id))));
    const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'imap-poller-process.ts');
    const processes = ['process-1', 'process-2'].map((workerId) =>
      spawn(process.execPath, ['--import', 'tsx', script], {
        env: { ...process.env, WORKER_DB: testDatabaseName(import.meta.url), WORKER_ID: workerId, POLLED_IMAP_URL: dovecot.urlFor('organiser-d') },
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    const exits = processes.map((child) => new Promise((resolve) => child.once('exit', resolve)));
    try {
      await Promise.all(processes.map((child) => new Promise((resolve) => child.stdout!.once('data', resolve))));
      // The replies arrive while both processes are polling.
      for (const sent of invited) await imap.append('INBOX', calendarReply('outlook', { uid: sent.uid, attendee: sent.email, partstat: 'ACCEPTED' }));
      for (const deadline = Date.now() + 60_000; ; ) {
        const answered = await AuditEntry.countDocuments({ invitationId: { $in: invited.map((s) => s.invitationId) }, action: 'rsvp.calendarReply' });
        if (answered >= invited.length && (await unprocessed(imap)) === 0) break;
        if (Date.now() > deadline) throw new Error(`after 60 s: ${answered} of ${invited.length} applied, ${await unprocessed(imap)} unmarked`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // Give a late duplicate the chance to show before counting.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for (const sent of invited) {
        assert.equal((await storedInvitation(sent.invitationId)).status, 'accepted');
        assert.equal(await AuditEntry.countDocuments({ invitationId: sent.invitationId, action: 'rsvp.calendarReply' }), 1, `one application for ${sent.invitationId}`);
      }
      assert.equal(await InboundMessage.countDocuments({ channel: 'imap', invitationId: { $in: invited.map((s) => s.invitationId) } }), invited.length, 'each reply stored once');
    } finally {
      for (const child of processes) child.kill('SIGTERM');
      await Promise.all(exits);
      await imap.logout();
    }
  });
});
