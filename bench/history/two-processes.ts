// Two app processes on one embedded database, run by hand:  node --import tsx bench/history/two-processes.ts
// This process starts the embedded FerretDB on a fresh DATA_DIR and queues BENCH_INVITATIONS (2,000)
// invitations; two app processes (`node scripts/start.mjs`) share that engine and deliver the outbox to a
// loopback SMTP sink, which counts every Message-ID it receives. Prints how many were sent twice (goal: 0)
// and how the work split between the two processes.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { SMTPServer } from 'smtp-server';
import { startAppProcess } from './app-process.js';

const COUNT = Number(process.env.BENCH_INVITATIONS ?? 2000);
const scratch = mkdtempSync(path.join(tmpdir(), 'convene-bench-two-'));
const DATA_DIR = path.join(scratch, 'data');
Object.assign(process.env, { NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), DATA_DIR, LOG_LEVEL: 'warn', MAIL_FROM: 'convene@zone.example', MONGODB_URI: '', SMTP_URL: '' });

/** Message-IDs received, with how often each came. */
const received = new Map<string, number>();
const sink = new SMTPServer({
  disabledCommands: ['AUTH', 'STARTTLS'], logger: false,
  onData(stream, _session, callback) {
    let head = '';
    stream.on('data', (chunk: Buffer) => (head.length < 8192 ? (head += chunk.toString('latin1')) : undefined));
    stream.on('end', () => {
      const id = /^message-id:\s*(\S+)/im.exec(head)?.[1] ?? `(none ${received.size})`;
      received.set(id, (received.get(id) ?? 0) + 1);
      callback();
    });
  },
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
const sinkUrl = `smtp://127.0.0.1:${(sink.server.address() as { port: number }).port}`;

const { openDatabase } = await import('../../src/db/index.js');
const { getConfig } = await import('../../src/config.js');
const { registerAllMessages } = await import('../../src/messages.js');
const { Event } = await import('../../src/events/event.model.js');
const { getEvent } = await import('../../src/events/index.js');
const { Institution } = await import('../../src/institutions/institution.model.js');
const { Invitation } = await import('../../src/invitations/invitation.model.js');
const { RsvpToken } = await import('../../src/invitations/rsvp-token.model.js');
const { sendInvitations } = await import('../../src/invitations/index.js');
const { deriveRsvpToken } = await import('../../src/invitations/tokens.service.js');
const { OutboxMessage } = await import('../../src/mail/outbox.model.js');

registerAllMessages();
const db = await openDatabase(getConfig());
const apps: ChildProcess[] = [];
try {
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const event = await Event.create({
    titleZh: '二〇二六年度金融工作座谈会', titleEn: '2026 Annual Symposium on Financial Work', status: 'scheduled', startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000),
    timezone: 'Asia/Shanghai', rsvpDeadline: new Date(startsAt.getTime() - 7 * 86_400_000), venue: { name: '管委会大楼', room: '301', address: '高新区汇智路 1 号' },
    organiserContact: { name: '赵敏', email: 'organiser@zone.example' },
  });
  const institutions = await Institution.insertMany(Array.from({ length: COUNT }, (_, i) => ({ nameZh: `测试银行第${i}支行`, type: 'bank', contacts: [{ name: `联系人${i}`, email: `contact${i}@bank.example`, primary: true }] })));
  const ids = institutions.map(() => new mongoose.Types.ObjectId());
  const links = ids.map((id) => deriveRsvpToken(String(id), 0));
  await RsvpToken.insertMany(ids.map((id, i) => ({ _id: links[i]!.hash, invitationId: id, eventId: event._id, institutionId: institutions[i]!._id })));
  await Invitation.insertMany(institutions.map((inst, i) => ({ _id: ids[i], eventId: event._id, kind: 'institution', institutionId: inst._id, inviteeKey: `institution:${inst._id}`, tokenHash: links[i]!.hash, recipient: { name: `联系人${i}`, email: `contact${i}@bank.example`, organisation: inst.nameZh }, locale: 'zh' })));
  apps.push((await startAppProcess({ ...process.env, SMTP_URL: sinkUrl })).process, (await startAppProcess({ ...process.env, SMTP_URL: sinkUrl })).process);
  console.error(`two app processes up (pids ${apps.map((a) => a.pid).join(', ')}); queueing ${COUNT} invitations…`);
  const started = performance.now();
  const batch = await sendInvitations((await getEvent(String(event._id)))!, undefined, { id: new mongoose.Types.ObjectId().toString(), email: 'bench@zone.example', name: 'Bench' } as never);
  const total = () => [...received.values()].reduce((a, b) => a + b, 0);
  while (received.size < batch.queued && performance.now() - started < 30 * 60_000) await new Promise((resolve) => setTimeout(resolve, 200));
  const seconds = (performance.now() - started) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 5_000)); // anything sent twice would arrive meanwhile
  const byWorker = await OutboxMessage.aggregate<{ _id: string; n: number }>([{ $match: { batchId: batch.batchId } }, { $group: { _id: '$workerId', n: { $sum: 1 } } }]);
  console.log(`\n${COUNT} invitations, 2 app processes on one embedded database, ${new Date().toISOString()}\n`);
  console.log('| queued | distinct messages received | received in all | sent twice | seconds | per process |');
  console.log('|---:|---:|---:|---:|---:|---|');
  console.log(`| ${batch.queued} | ${received.size} | ${total()} | ${[...received.values()].filter((n) => n > 1).length} | ${seconds.toFixed(1)} | ${byWorker.map((w) => w.n).sort((a, b) => b - a).join(' + ')} |`);
} finally {
  for (const app of apps) app.kill('SIGTERM');
  await Promise.all(apps.map((app) => (app.exitCode === null ? new Promise((resolve) => app.once('exit', resolve)) : undefined)));
  await db.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(0);
