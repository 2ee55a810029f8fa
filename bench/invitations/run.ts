// Invitation mail throughput, run by hand:  node --import tsx bench/invitations/run.ts
// A fresh embedded database with N invitations (default 2,000). Measures, in one run:
//   1. the app's path: sendInvitations() renders and queues every invitation in the outbox, then the outbox
//      worker delivers them through the pooled transport to a loopback SMTP sink (messages/s, peak RSS);
//   2. the ceiling: nodemailer alone sending the same number of pre-rendered messages to the same sink.
// Knobs: BENCH_INVITATIONS (2000), BENCH_CONCURRENCY (outbox worker sends in flight, 8).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import nodemailer from 'nodemailer';
import SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { SMTPServer } from 'smtp-server';

const scratch = mkdtempSync(path.join(tmpdir(), 'convene-bench-mail-'));
const env = process.env;
const COUNT = Number(env.BENCH_INVITATIONS ?? 2000);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 8);
Object.assign(env, { NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), DATA_DIR: path.join(scratch, 'data'), LOG_LEVEL: 'warn', MONGODB_URI: '', SMTP_URL: '' });

/** A loopback SMTP sink that counts messages and throws their bodies away. */
async function startSink(): Promise<{ url: string; received: () => number; stop: () => Promise<void> }> {
  let received = 0;
  const server = new SMTPServer({
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, received: () => received, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function until(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('bench timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const sink = await startSink();
env.SMTP_URL = sink.url;
const { openDatabase } = await import('../../src/db/index.js');
const { getConfig } = await import('../../src/config.js');
const { registerAllMessages } = await import('../../src/messages.js');
const { startMail, startOutboxWorker } = await import('../../src/mail/index.js');
const { OutboxBody, OutboxMessage } = await import('../../src/mail/outbox.model.js');
const { Event } = await import('../../src/events/event.model.js');
const { getEvent } = await import('../../src/events/index.js');
const { Institution } = await import('../../src/institutions/institution.model.js');
const { Invitation } = await import('../../src/invitations/invitation.model.js');
const { RsvpToken } = await import('../../src/invitations/rsvp-token.model.js');
const { sendInvitations } = await import('../../src/invitations/index.js');
const { deriveRsvpToken } = await import('../../src/invitations/tokens.service.js');

registerAllMessages();
const config = getConfig();
const db = await openDatabase(config);
const mail = await startMail(config);

const startsAt = new Date(Date.now() + 30 * 86400_000);
const event = await Event.create({
  titleZh: '二〇二六年度金融工作座谈会', titleEn: '2026 Annual Symposium on Financial Work', status: 'scheduled',
  startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000), timezone: 'Asia/Shanghai', rsvpDeadline: new Date(startsAt.getTime() - 7 * 86400_000),
  venue: { name: '管委会大楼', room: '301', address: '蓝湾高新区汇智路 1 号' }, organiserContact: { name: '赵敏', email: 'organiser@zone.example', phone: '0532-8888-0000' },
});
const institutions = await Institution.insertMany(
  Array.from({ length: COUNT }, (_, i) => ({
    nameZh: `测试银行第${i}支行`, nameEn: `Test Bank Branch ${i}`, type: 'bank', preferredLocale: (['zh', 'en', 'ko', 'ja'] as const)[i % 4],
    contacts: [{ name: `联系人${i}`, email: `contact${i}@bank${i}.example`, primary: true }],
  })),
);
// As the invitee-list builder leaves them: each invitation with its RSVP link already issued.
const invitationIds = institutions.map(() => new mongoose.Types.ObjectId());
const links = invitationIds.map((id) => deriveRsvpToken(String(id), 0));
await RsvpToken.insertMany(invitationIds.map((id, i) => ({ _id: links[i]!.hash, invitationId: id, eventId: event._id, institutionId: institutions[i]!._id })));
await Invitation.insertMany(
  institutions.map((inst, i) => ({
    _id: invitationIds[i], eventId: event._id, kind: 'institution', institutionId: inst._id, inviteeKey: `institution:${inst._id}`, tokenHash: links[i]!.hash,
    recipient: { name: `联系人${i}`, email: `contact${i}@bank${i}.example`, organisation: inst.nameZh }, locale: inst.preferredLocale,
  })),
);

// The worker runs all along, as in the app: messages go out while later ones are still being queued.
const worker = startOutboxWorker({ transport: mail.transport, from: config.mail.from, concurrency: CONCURRENCY, pollMs: 20 });
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const t0 = performance.now();
console.error(`seeded ${COUNT} invitations; queueing…`);
const batch = await sendInvitations((await getEvent(String(event._id))) as never, undefined, { id: new mongoose.Types.ObjectId().toString(), email: 'bench@zone.example', name: 'Bench' } as never);
const queuedMs = performance.now() - t0;
const progress = setInterval(() => console.error(`… ${sink.received()} of ${batch.queued} delivered after ${((performance.now() - t0) / 1000).toFixed(0)} s`), 10_000);
await until(() => sink.received() >= batch.queued, 30 * 60_000);
const appMs = performance.now() - t0;
await worker.stop();
clearInterval(progress);
clearInterval(sampler);
const sample = await OutboxMessage.findOne({ batchId: batch.batchId }).lean();
const body = await OutboxBody.findById(sample!._id).lean();

// The ceiling: nodemailer alone, same sink, same pool size, the same rendered message.
const before = sink.received();
const transport = nodemailer.createTransport(new SMTPPool({ url: sink.url, pool: true, maxConnections: 5 }));
const t1 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < COUNT) {
      next += 1;
      await transport.sendMail({ from: config.mail.from, to: sample!.to[0]!.email, subject: sample!.subject, text: body!.text, html: body!.html, icalEvent: { method: body!.calendar!.method!, content: body!.calendar!.content! } });
    }
  }),
);
await until(() => sink.received() - before >= COUNT, 10 * 60_000);
const ceilingMs = performance.now() - t1;
transport.close();

const rate = (n: number, ms: number) => ((n / ms) * 1000).toFixed(1);
console.log(`\n${COUNT} invitations, worker concurrency ${CONCURRENCY}, embedded FerretDB, ${new Date().toISOString()}\n`);
console.log('| path | messages | seconds | messages/s |');
console.log('|---|---:|---:|---:|');
console.log(`| Convene: render + queue (sendInvitations) | ${batch.queued} | ${(queuedMs / 1000).toFixed(1)} | ${rate(batch.queued, queuedMs)} |`);
console.log(`| Convene: queue + deliver through the outbox | ${batch.queued} | ${(appMs / 1000).toFixed(1)} | ${rate(batch.queued, appMs)} |`);
console.log(`| nodemailer alone (ceiling) | ${COUNT} | ${(ceilingMs / 1000).toFixed(1)} | ${rate(COUNT, ceilingMs)} |`);
console.log(`\nratio: ${(appMs > 0 ? ceilingMs / appMs : 0).toFixed(2)} of the ceiling; peak RSS ${(peakRss / 1048576).toFixed(0)} MB`);

await mail.stop();
await db.close();
await sink.stop();
rmSync(scratch, { recursive: true, force: true });
process.exit(0);
