import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { enqueueMessages, startOutboxWorker, countOutbox, retryFailed, type OutgoingMessage } from '../../src/mail/index.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { testDatabaseName, useTestDatabase } from '../helpers/db.js';
import { startSmtpSink } from '../helpers/smtp-sink.js';

useTestDatabase(import.meta.url);

const FROM = 'Convene <convene@test.local>';
const workerScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'outbox-worker-process.ts');

function messages(count: number, batchId: string): OutgoingMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: 'test',
    template: 'test',
    locale: 'zh',
    batchId,
    to: [{ name: `机构 ${i}`, email: `inst${i}@bank.example` }],
    subject: `邀请函 ${batchId} #${i}`,
    text: `text ${i}`,
    html: `<p>html ${i}</p>`,
  }));
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; outbox: ${JSON.stringify(await countOutbox({}))}`);
    // Not too often: on FerretDB each count scans the collection and slows the workers under test.
    await new Promise((resolve) => setTimeout(resolve, 400));
  }
}

/** Wait until the sink has received every one of `count` distinct messages of a batch. */
async function waitForDistinct(sink: { messages: { subject?: string; messageId?: string }[] }, tag: string, count: number, timeoutMs: number) {
  const distinct = () => new Set(sink.messages.filter((m) => m.subject?.includes(` ${tag} `)).map((m) => m.messageId)).size;
  const deadline = Date.now() + timeoutMs;
  while (distinct() < count) {
    if (Date.now() > deadline) throw new Error(`Timed out: ${distinct()} of ${count} ${tag} messages arrived`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function startWorkerProcess(smtpUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
    env: { ...process.env, WORKER_DB: testDatabaseName(import.meta.url), WORKER_SMTP_URL: smtpUrl },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`worker exited early with ${code}`)));
  });
}

const idsOf = (received: { messageId?: string }[]) => received.map((m) => m.messageId ?? '');

describe('the durable outbox', () => {
  const transports: nodemailer.Transporter[] = [];
  after(() => transports.forEach((t) => t.close()));
  const transportTo = (url: string) => {
    // The app's own pooled transport, as in production.
    const transport = nodemailer.createTransport(new SMTPPool({ url, pool: true, maxConnections: 4 }));
    transports.push(transport);
    return transport;
  };

  test('when a message is queued, then it is a record first and is sent with its stored Message-ID', async () => {
    const sink = await startSmtpSink();
    const qr = Buffer.from('89504e470d0a1a0a', 'hex');
    const [id] = await enqueueMessages([{ ...messages(1, 'one')[0]!, attachments: [{ filename: 'qr.png', contentType: 'image/png', content: qr, cid: 'qr-1' }] }], FROM);
    const stored = await OutboxMessage.findById(id).lean();
    assert.equal(stored?.status, 'queued');
    const worker = startOutboxWorker({ transport: transportTo(sink.url), from: FROM, pollMs: 20 });
    const [received] = await sink.waitFor(1, 10_000);
    await waitUntil(async () => (await OutboxMessage.findById(id).lean())?.status === 'sent', 5000, 'sent');
    await worker.stop();
    await sink.stop();
    assert.equal(received!.messageId, stored!.messageId);
    assert.equal(received!.subject, stored!.subject);
    assert.deepEqual(received!.attachments.map((a) => [a.filename, a.cid, a.content.equals(qr)]), [['qr.png', 'qr-1', true]]);
  });

  test('when a reminder and an invitation go out, then both carry their Content-Language, a Reply-To of the address Convene reads, and only the scheduled reminder says Auto-Submitted', async () => {
    const sink = await startSmtpSink();
    const [reminder, invitation] = messages(2, 'headers');
    await enqueueMessages([{ ...reminder!, kind: 'reminder', locale: 'ko' }, { ...invitation!, kind: 'invitation', locale: 'zh' }], FROM);
    const worker = startOutboxWorker({ transport: transportTo(sink.url), from: FROM, pollMs: 20 });
    const received = await sink.waitFor(2, 10_000);
    await worker.stop();
    await sink.stop();
    const byLanguage = new Map(received.map((m) => [String(m.headers.get('content-language')), m.headers.get('auto-submitted')]));
    assert.deepEqual([...byLanguage.entries()].sort(), [['ko', 'auto-generated'], ['zh-CN', undefined]]);
    for (const message of received) assert.deepEqual((message.replyTo?.value ?? []).map((a) => a.address), ['convene@test.local']);
  });

  test('when the server rejects or drops 30% of attempts, then every message still arrives in the end', async () => {
    const sink = await startSmtpSink({ rejectRate: 0.15, dropRate: 0.15 });
    const ids = await enqueueMessages(messages(60, 'faults'), FROM);
    const worker = startOutboxWorker({ transport: transportTo(sink.url), from: FROM, pollMs: 20, backoffMs: 20, maxBackoffMs: 200, maxAttempts: 30 });
    await waitForDistinct(sink, 'faults', 60, 60_000);
    await waitUntil(async () => (await countOutbox({ batchId: 'faults' })).sent === 60, 20_000, 'all sent');
    await worker.stop();
    await sink.stop();
    const stored = await OutboxMessage.find({ _id: { $in: ids } }).lean();
    const received = new Set(idsOf(sink.messages));
    assert.ok(sink.faults.rejected + sink.faults.dropped > 0, 'faults were injected');
    for (const message of stored) assert.ok(received.has(message.messageId), `${message.messageId} never arrived`);
  });

  test('when the server refuses permanently (5xx), then the message fails with the reason and can be retried', async () => {
    const sink = await startSmtpSink({ rejectRate: 1, rejectCode: 550 });
    const [id] = await enqueueMessages(messages(1, 'permanent'), FROM);
    const worker = startOutboxWorker({ transport: transportTo(sink.url), from: FROM, pollMs: 20, backoffMs: 20 });
    await waitUntil(async () => (await OutboxMessage.findById(id).lean())?.status === 'failed', 10_000, 'failed');
    await worker.stop();
    await sink.stop();
    const failed = await OutboxMessage.findById(id).lean();
    assert.equal(failed?.attempts, 1, 'no retry after a permanent failure');
    assert.match(failed?.lastError ?? '', /550|Rejected/);
    assert.equal(await retryFailed({ ids: [id!] }), 1);
    assert.equal((await OutboxMessage.findById(id).lean())?.status, 'queued');
  });

  test('when two app processes drain one outbox, then each message is sent exactly once', async () => {
    const sink = await startSmtpSink();
    await enqueueMessages(messages(200, 'two'), FROM);
    const workers = await Promise.all([startWorkerProcess(sink.url), startWorkerProcess(sink.url)]);
    await waitForDistinct(sink, 'two', 200, 60_000);
    await waitUntil(async () => (await countOutbox({ batchId: 'two' })).sent === 200, 20_000, 'all marked sent');
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const child of workers) child.kill('SIGTERM');
    await sink.stop();
    const ids = idsOf(sink.messages.filter((m) => m.subject?.includes(' two ')));
    assert.equal(ids.length, 200);
    assert.equal(new Set(ids).size, 200, 'a message was sent twice');
  });

  test('when the app is killed halfway through 500 messages, then a restart delivers all, repeating only those mid-send', async () => {
    const sink = await startSmtpSink();
    await enqueueMessages(messages(500, 'crash'), FROM);
    const first = await startWorkerProcess(sink.url);
    await sink.waitFor(200, 60_000);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const midSend = new Set((await OutboxMessage.find({ batchId: 'crash', status: 'sending' }).lean()).map((m) => m.messageId));
    const second = await startWorkerProcess(sink.url);
    await waitForDistinct(sink, 'crash', 500, 120_000);
    await waitUntil(async () => (await countOutbox({ batchId: 'crash' })).sent === 500, 30_000, 'all marked sent after restart');
    second.kill('SIGTERM');
    await sink.stop();
    const ids = idsOf(sink.messages.filter((m) => m.subject?.includes(' crash ')));
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    assert.equal(counts.size, 500, 'every message arrived');
    for (const [id, n] of counts) {
      assert.ok(n <= 2, `${id} arrived ${n} times`);
      if (n === 2) assert.ok(midSend.has(id), `${id} was repeated but was not mid-send`);
    }
  });
});
