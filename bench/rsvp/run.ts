// RSVP page throughput, run by hand:  node --import tsx bench/rsvp/run.ts
// A fresh database on the embedded FerretDB with 5,000 invitations; GET of /rsvp/<token> (unanswered, and accepted
// with two check-in QR codes) and POST, and a bare Express "hello" route in the same run for the ratio.
// Prints a Markdown table, with the CPU time the server's thread spent per request (Linux).
// Knobs (environment): BENCH_INVITATIONS (5000, of which BENCH_ANSWERED (500) accepted), BENCH_CONCURRENCY (32), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2),
// BENCH_ONLY: a comma list of bare, get, accepted, post (all by default), e.g. get alone under --cpu-prof.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import express from 'express';
import mongoose from 'mongoose';
import type { LoadResult as BaseLoadResult, LoadSpec } from '../load.js';

/** What load.mjs measured, with the server thread's CPU time per request in the window (µs; Linux only). */
interface LoadResult extends BaseLoadResult {
  cpuUsPerRequest?: number;
}

const scratch = mkdtempSync(path.join(tmpdir(), 'convene-bench-'));
const env = process.env;
const INVITATIONS = Number(env.BENCH_INVITATIONS ?? 5000);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 32);
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const WARMUP = Number(env.BENCH_WARMUP_SECONDS ?? 2);
const ANSWERED = Math.min(INVITATIONS, Number(env.BENCH_ANSWERED ?? 500));
const ONLY = new Set((env.BENCH_ONLY ?? 'bare,get,accepted,post').split(','));
// Production settings (view cache on), quiet logs, and nothing from a developer's .env that matters here.
Object.assign(env, { NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), DATA_DIR: path.join(scratch, 'data'), LOG_LEVEL: env.LOG_LEVEL ?? 'warn', MONGODB_URI: '', SMTP_URL: '' });

const { openDatabase } = await import('../../src/db/index.js');
const { getConfig } = await import('../../src/config.js');
const { createApp } = await import('../../src/app.js');
const { Event } = await import('../../src/events/event.model.js');
const { Institution } = await import('../../src/institutions/institution.model.js');
const { Invitation } = await import('../../src/invitations/invitation.model.js');
const { RsvpToken } = await import('../../src/invitations/rsvp-token.model.js');
const { deriveRsvpToken } = await import('../../src/invitations/tokens.service.js');
const { newCheckInCode } = await import('../../src/invitations/answer.js');
const { linkCsrfToken } = await import('../../src/web/csrf.js');

/** One seeded RSVP link: the token in the email, and the hash stored for it. */
interface Link {
  token: string;
  hash: string;
}

/** The seeded links: unanswered ones, and the last BENCH_ANSWERED accepted with two delegates each. */
async function seed(): Promise<{ pending: Link[]; accepted: Link[] }> {
  const startsAt = new Date(Date.now() + 30 * 86400_000);
  const event = await Event.create({
    titleZh: '2019年度金融工作座谈会', titleEn: '2019 Annual Symposium on Financial Work', startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
    timezone: 'Asia/Shanghai', status: 'scheduled', rsvpDeadline: new Date(Date.now() + 20 * 86400_000), maxDelegates: 2,
    venue: { name: '高新区管委会', room: '第一会议室', address: '青岛市高新区' }, organiserContact: { name: '王秘书', email: 'wang@zone.test' },
  });
  const links: Link[] = [];
  const institutions = [];
  const invitations = [];
  const records = [];
  for (let i = 0; i < INVITATIONS; i += 1) {
    const institutionId = new mongoose.Types.ObjectId();
    const invitationId = new mongoose.Types.ObjectId();
    // The app's own derived links, as every email carries them.
    const { token, hash } = deriveRsvpToken(String(invitationId), 0);
    links.push({ token, hash });
    institutions.push({ _id: institutionId, nameZh: `测试银行${i}`, nameEn: `Test Bank ${i}`, type: 'bank', contacts: [{ name: `行长${i}`, email: `head${i}@bank.test`, primary: true }] });
    const answer =
      i >= INVITATIONS - ANSWERED
        ? { status: 'accepted', respondedAt: new Date(), delegates: [`行长${i}`, `副行长${i}`].map((name) => ({ name, title: '行长', checkInCode: newCheckInCode() })) }
        : {};
    invitations.push({ _id: invitationId, eventId: event._id, kind: 'institution', inviteeKey: `institution:${institutionId}`, institutionId, recipient: { name: `行长${i}`, email: `head${i}@bank.test`, organisation: `测试银行${i}` }, tokenHash: hash, ...answer });
    records.push({ _id: hash, invitationId, eventId: event._id, institutionId });
  }
  for (let i = 0; i < INVITATIONS; i += 1000) {
    await Institution.insertMany(institutions.slice(i, i + 1000));
    await Invitation.insertMany(invitations.slice(i, i + 1000));
    await RsvpToken.insertMany(records.slice(i, i + 1000));
  }
  return { pending: links.slice(0, INVITATIONS - ANSWERED), accepted: links.slice(INVITATIONS - ANSWERED) };
}

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * CPU time (user + system) of the main thread, which serves every request, in ms; undefined off Linux.
 * Steadier than requests/s on a shared machine, where the load generator and neighbours compete for cores.
 */
function serverThreadCpuMs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime and stime, in ticks of 10 ms
  } catch {
    return undefined;
  }
}

function load(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load.mjs', import.meta.url), { workerData: spec });
    let cpuAtStart: number | undefined;
    worker.on('message', (message: LoadResult | { windowStarted: true }) => {
      if ('windowStarted' in message) {
        cpuAtStart = serverThreadCpuMs();
        return;
      }
      const cpuAtEnd = serverThreadCpuMs();
      const cpuUsPerRequest = cpuAtStart !== undefined && cpuAtEnd !== undefined && message.requests ? ((cpuAtEnd - cpuAtStart) * 1000) / message.requests : undefined;
      resolve({ ...message, cpuUsPerRequest });
    });
    worker.once('error', reject);
  });
}

/** One answer per link, each with its own link's CSRF token (what its page's form carries), in link order. */
function answers(links: Link[]): string[] {
  const statuses = ['accepted', 'tentative', 'declined'];
  return links.map(({ hash }, i) =>
    new URLSearchParams({
      _csrf: linkCsrfToken(hash),
      status: statuses[i % 3]!,
      'delegates[0][name]': `代表${i}`,
      'delegates[0][title]': '副行长',
      'needs[dietary]': '',
      'needs[accessibility]': '',
      comment: `bench ${i}`,
    }).toString(),
  );
}

function row(name: string, result: LoadResult): { name: string; rps: number; cpu?: number; line: string } {
  const sorted = result.latenciesMs.sort((a, b) => a - b);
  const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1) : '–');
  const rps = result.requests / result.seconds;
  return { name, rps, cpu: result.cpuUsPerRequest, line: `| ${name} | ${result.requests} | ${rps.toFixed(0)} | ${pct(0.5)} | ${pct(0.99)} | ${result.cpuUsPerRequest?.toFixed(0) ?? '–'} | ${result.errors} |` };
}

// Opened exactly as the app opens it (embedded FerretDB under DATA_DIR, one connection), in a fresh directory.
const db = await openDatabase(getConfig());
try {
  const { pending, accepted } = await seed();
  const pathsOf = (links: Link[]) => links.map(({ token }) => `/rsvp/${token}`);
  const paths = pathsOf(pending);
  const app = createApp({ config: getConfig(), mailHealthy: async () => true });
  const bare = express();
  bare.get('/hello', (_req, res) => void res.send('hello'));
  const [appServer, bareServer] = await Promise.all([listen(app), listen(bare)]);
  const appPort = (appServer.address() as AddressInfo).port;
  const base = { concurrency: CONCURRENCY, warmupMs: WARMUP * 1000, durationMs: SECONDS * 1000 };

  // The first view loads the `_id` cache (whole collections, once per process): timed on its own, so the
  // window measures the steady state.
  const coldStarted = performance.now();
  const first = await fetch(`http://127.0.0.1:${appPort}${paths[0]}`);
  if (first.status !== 200) throw new Error(`the first RSVP page answered ${first.status}`);
  await first.text();
  const coldMs = performance.now() - coldStarted;

  const results = {
    bare: ONLY.has('bare') ? row('bare Express `GET /hello`', await load({ ...base, port: (bareServer.address() as AddressInfo).port, method: 'GET', paths: ['/hello'], expect: 200 })) : undefined,
    get: ONLY.has('get') ? row('`GET /rsvp/<token>`', await load({ ...base, port: appPort, method: 'GET', paths, expect: 200 })) : undefined,
    accepted: ONLY.has('accepted') ? row('`GET /rsvp/<token>`, accepted (two check-in QR codes)', await load({ ...base, port: appPort, method: 'GET', paths: pathsOf(accepted), expect: 200 })) : undefined,
    post: ONLY.has('post') ? row('`POST /rsvp/<token>` (303)', await load({ ...base, port: appPort, method: 'POST', paths, bodies: answers(pending), expect: 303 })) : undefined,
  };
  console.log(`\nRSVP benchmark: ${INVITATIONS} invitations, embedded FerretDB, ${CONCURRENCY} concurrent keep-alive connections, ${SECONDS} s per route after ${WARMUP} s warm-up, Node ${process.version}.\n`);
  console.log('| route | requests | req/s | p50 ms | p99 ms | server CPU µs/req | errors |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of Object.values(results)) if (r) console.log(r.line);
  console.log(`\nFirst RSVP page after start (loads the \`_id\` cache): ${coldMs.toFixed(0)} ms.`);
  if (results.bare && results.get) console.log(`\nGET / bare = ${(results.get.rps / results.bare.rps).toFixed(2)} (aim ≥ 0.33)`);
  if (results.bare?.cpu && results.get?.cpu) console.log(`CPU per request, bare / GET = ${(results.bare.cpu / results.get.cpu).toFixed(2)}`);
  if (results.bare && results.post) console.log(`POST / bare = ${(results.post.rps / results.bare.rps).toFixed(2)}`);
  await Promise.all([appServer, bareServer].map((s) => new Promise((resolve) => s.close(resolve))));
} finally {
  await db.close();
  rmSync(scratch, { recursive: true, force: true });
}
