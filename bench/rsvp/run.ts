// RSVP page throughput, run by hand:  node --import tsx bench/rsvp/run.ts
// A fresh database on the embedded FerretDB with 5,000 invitations; GET and POST of /rsvp/<token>, and a
// bare Express "hello" route in the same run for the ratio. Prints a Markdown table.
// Knobs (environment): BENCH_INVITATIONS (5000), BENCH_CONCURRENCY (32), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2),
// BENCH_ONLY=get (only the RSVP GET, e.g. under --cpu-prof).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import express from 'express';
import mongoose from 'mongoose';

/** What load.mjs hammers and how hard. */
interface LoadSpec {
  port: number;
  method: 'GET' | 'POST';
  /** Paths picked in turn (from a random start). */
  paths: string[];
  /** Form-encoded bodies used in turn, for POST. */
  bodies?: string[];
  headers?: Record<string, string>;
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** The status every request should answer with. */
  expect: number;
}

/** What load.mjs measured. */
interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

const scratch = mkdtempSync(path.join(tmpdir(), 'convene-bench-'));
const env = process.env;
const INVITATIONS = Number(env.BENCH_INVITATIONS ?? 5000);
const CONCURRENCY = Number(env.BENCH_CONCURRENCY ?? 32);
const SECONDS = Number(env.BENCH_SECONDS ?? 10);
const WARMUP = Number(env.BENCH_WARMUP_SECONDS ?? 2);
const ONLY_GET = env.BENCH_ONLY === 'get';
// Production settings (view cache on), quiet logs, and nothing from a developer's .env that matters here.
Object.assign(env, { NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), DATA_DIR: path.join(scratch, 'data'), LOG_LEVEL: env.LOG_LEVEL ?? 'warn', MONGODB_URI: '', SMTP_URL: '' });

const { openDatabase } = await import('../../src/db/index.js');
const { getConfig } = await import('../../src/config.js');
const { createApp } = await import('../../src/app.js');
const { Event } = await import('../../src/events/index.js');
const { Institution } = await import('../../src/institutions/index.js');
const { Invitation, RsvpToken } = await import('../../src/invitations/index.js');
const { deriveRsvpToken } = await import('../../src/invitations/tokens.service.js');

async function seed(): Promise<string[]> {
  const startsAt = new Date(Date.now() + 30 * 86400_000);
  const event = await Event.create({
    titleZh: '2019年度金融工作座谈会', titleEn: '2019 Annual Symposium on Financial Work', startsAt, endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
    timezone: 'Asia/Shanghai', status: 'scheduled', rsvpDeadline: new Date(Date.now() + 20 * 86400_000), maxDelegates: 2,
    venue: { name: '高新区管委会', room: '第一会议室', address: '青岛市高新区' }, organiserContact: { name: '王秘书', email: 'wang@zone.test' },
  });
  const tokens: string[] = [];
  const institutions = [];
  const invitations = [];
  const records = [];
  for (let i = 0; i < INVITATIONS; i += 1) {
    const institutionId = new mongoose.Types.ObjectId();
    const invitationId = new mongoose.Types.ObjectId();
    // The app's own derived links, as every email carries them.
    const { token, hash } = deriveRsvpToken(String(invitationId), 0);
    tokens.push(token);
    institutions.push({ _id: institutionId, nameZh: `测试银行${i}`, nameEn: `Test Bank ${i}`, type: 'bank', contacts: [{ name: `行长${i}`, email: `head${i}@bank.test`, primary: true }] });
    invitations.push({ _id: invitationId, eventId: event._id, kind: 'institution', inviteeKey: `institution:${institutionId}`, institutionId, recipient: { name: `行长${i}`, email: `head${i}@bank.test`, organisation: `测试银行${i}` }, tokenHash: hash });
    records.push({ _id: hash, invitationId, eventId: event._id, institutionId });
  }
  for (let i = 0; i < INVITATIONS; i += 1000) {
    await Institution.insertMany(institutions.slice(i, i + 1000));
    await Invitation.insertMany(invitations.slice(i, i + 1000));
    await RsvpToken.insertMany(records.slice(i, i + 1000));
  }
  return tokens;
}

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}

function load(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load.mjs', import.meta.url), { workerData: spec });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

async function csrfFor(port: number, token: string): Promise<{ csrf: string; cookie: string }> {
  const res = await fetch(`http://127.0.0.1:${port}/rsvp/${token}`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1];
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  if (!csrf) throw new Error(`no CSRF token on the RSVP page (status ${res.status})`);
  return { csrf, cookie };
}

function answers(csrf: string): string[] {
  const statuses = ['accepted', 'tentative', 'declined'];
  return Array.from({ length: 30 }, (_, i) =>
    new URLSearchParams({ _csrf: csrf, status: statuses[i % 3]!, 'delegates[0][name]': `代表${i}`, 'delegates[0][title]': '副行长', 'needs[dietary]': '', 'needs[accessibility]': '', comment: `bench ${i}` }).toString(),
  );
}

function row(name: string, result: LoadResult): { name: string; rps: number; line: string } {
  const sorted = result.latenciesMs.sort((a, b) => a - b);
  const pct = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1) : '–');
  const rps = result.requests / result.seconds;
  return { name, rps, line: `| ${name} | ${result.requests} | ${rps.toFixed(0)} | ${pct(0.5)} | ${pct(0.99)} | ${result.errors} |` };
}

// Opened exactly as the app opens it (embedded FerretDB under DATA_DIR, one connection), in a fresh directory.
const db = await openDatabase(getConfig());
try {
  const tokens = await seed();
  const app = createApp({ config: getConfig(), mailHealthy: async () => true });
  const bare = express();
  bare.get('/hello', (_req, res) => void res.send('hello'));
  const [appServer, bareServer] = await Promise.all([listen(app), listen(bare)]);
  const appPort = (appServer.address() as AddressInfo).port;
  const base = { concurrency: CONCURRENCY, warmupMs: WARMUP * 1000, durationMs: SECONDS * 1000 };
  const { csrf, cookie } = await csrfFor(appPort, tokens[0]!);

  const getRsvp = async () => row('`GET /rsvp/<token>`', await load({ ...base, port: appPort, method: 'GET', paths: tokens.map((t) => `/rsvp/${t}`), expect: 200 }));
  if (ONLY_GET) {
    console.log((await getRsvp()).line);
    process.exit(0);
  }
  const rows = [
    row('bare Express `GET /hello`', await load({ ...base, port: (bareServer.address() as AddressInfo).port, method: 'GET', paths: ['/hello'], expect: 200 })),
    await getRsvp(),
    row('`POST /rsvp/<token>` (303)', await load({ ...base, port: appPort, method: 'POST', paths: tokens.map((t) => `/rsvp/${t}`), bodies: answers(csrf), headers: { cookie }, expect: 303 })),
  ];
  console.log(`\nRSVP benchmark: ${INVITATIONS} invitations, embedded FerretDB, ${CONCURRENCY} concurrent keep-alive connections, ${SECONDS} s per route after ${WARMUP} s warm-up, Node ${process.version}.\n`);
  console.log('| route | requests | req/s | p50 ms | p99 ms | errors |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) console.log(r.line);
  const [bareRow, getRow, postRow] = rows;
  console.log(`\nGET / bare = ${(getRow!.rps / bareRow!.rps).toFixed(2)} (aim ≥ 0.33); POST / bare = ${(postRow!.rps / bareRow!.rps).toFixed(2)}`);
  await Promise.all([appServer, bareServer].map((s) => new Promise((resolve) => s.close(resolve))));
} finally {
  await db.close();
  rmSync(scratch, { recursive: true, force: true });
}
