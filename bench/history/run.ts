// The pages of a zone with ten years of history, run by hand:
//   node --import tsx bench/history/run.ts [BINARY...]   (default: tools/ferretdb/bin/convene-ferretdb)
// For each FerretDB build given (e.g. an unpatched one, then ours), in one run: start it on a fresh data
// directory, write the history (seed.ts), start the app as production runs it (`node scripts/start.mjs`,
// its own process, no caches, the driver's normal pool) pointed at it, sign in, and time the pages one
// request at a time; then the mixed load (a report, 3 desks polling and 32 RSVP connections at once),
// and the app's RSS. Prints one Markdown table with a column per build.
// Knobs: BENCH_EVENTS (300), BENCH_INVITATIONS (15000), BENCH_CHECKINS (9000), BENCH_SUGGESTIONS (3000),
// BENCH_OUTBOX (20000), BENCH_SAMPLES (40), BENCH_MIXED_SECONDS (10; 0 skips the mixed load).
// Finding where time goes: BENCH_APP_LOG_LEVEL=debug logs every database command of the app with its time;
// BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profiles the app; CONVENE_FERRETDB_PPROF=127.0.0.1:6060 serves
// the engine's Go profiles (docs/performance.md).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';
import { runLoad, type LoadSpec } from '../load.js';
import { startAppProcess } from './app-process.js';
import { seedHistory } from './seed.js';
import { signIn, type Session } from './session.js';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SIZE = { events: env('BENCH_EVENTS', 300), invitations: env('BENCH_INVITATIONS', 15_000), checkIns: env('BENCH_CHECKINS', 9_000), suggestions: env('BENCH_SUGGESTIONS', 3_000), outbox: env('BENCH_OUTBOX', 20_000) };
const SAMPLES = env('BENCH_SAMPLES', 40);
const MIXED_SECONDS = env('BENCH_MIXED_SECONDS', 10);
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const binaries = process.argv.slice(2).length ? process.argv.slice(2) : [path.join(ROOT, 'tools/ferretdb/bin/convene-ferretdb')];

/** Start a FerretDB build on a fresh directory; resolves with its URI and how to stop it. */
async function startEngine(binary: string, dataDir: string): Promise<{ uri: string; process: ChildProcess }> {
  const child = spawn(binary, ['--data-dir', dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${binary} exited with ${code}`)));
  });
  return { uri: (JSON.parse(line) as { uri: string }).uri, process: child };
}

/** The app pointed at the bench's engine, as production runs it. */
function startApp(mongoUri: string, dataDir: string, admin: { email: string; password: string }) {
  return startAppProcess({ ...process.env, NODE_ENV: 'production', MONGODB_URI: mongoUri, DATA_DIR: dataDir, SMTP_URL: '', LOG_LEVEL: process.env.BENCH_APP_LOG_LEVEL ?? 'warn', MAIL_FROM: 'convene@zone.example', SESSION_SECRET: randomBytes(32).toString('hex'), ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
}

/** p50 / p95 / max of timings in ms. */
function spread(ms: number[]): string {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(1);
  return sorted.length ? `${at(0.5)} / ${at(0.95)} / ${sorted.at(-1)!.toFixed(1)}` : 'n/a';
}

/** Time `SAMPLES` requests one after another; every answer must have the expected status. */
async function timeRequests(make: (i: number) => Promise<Response>, expect: number): Promise<string> {
  const ms: number[] = [];
  for (let i = 0; i < SAMPLES; i += 1) {
    const started = performance.now();
    const res = await make(i);
    await res.arrayBuffer();
    ms.push(performance.now() - started);
    if (res.status !== expect) throw new Error(`${res.url}: status ${res.status}, expected ${expect}`);
  }
  return spread(ms);
}

/** The app's resident memory now and at its peak, from /proc (Linux). */
function rssOf(pid: number): string {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return `${(kb('VmRSS') / 1024).toFixed(0)} MB (peak ${(kb('VmHWM') / 1024).toFixed(0)} MB)`;
}

/** Everything measured on one build, by row name. */
async function measure(binary: string): Promise<Map<string, string>> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'convene-bench-history-'));
  const rows = new Map<string, string>();
  const engine = await startEngine(binary, path.join(scratch, 'engine'));
  const mongoUri = new URL('convene_history', engine.uri.endsWith('/') ? engine.uri : `${engine.uri}/`).toString();
  let app: { port: number; process: ChildProcess } | undefined;
  try {
    await mongoose.connect(mongoUri);
    const seedStarted = performance.now();
    const history = await seedHistory(SIZE);
    rows.set('write the history', `${((performance.now() - seedStarted) / 1000).toFixed(0)} s`);
    await mongoose.disconnect();
    const admin = { email: 'admin@zone.example', password: `Bench-${randomBytes(12).toString('hex')}` };
    app = await startApp(mongoUri, path.join(scratch, 'app'), admin);
    const base = `http://127.0.0.1:${app.port}`;
    const session: Session = await signIn(base, admin);
    const event = `${base}/events/${history.todayId}`;
    rows.set('RSVP page (`GET /rsvp/:token`)', await timeRequests((i) => fetch(`${base}/rsvp/${history.links[i % history.links.length]}`), 200));
    rows.set('board (`/events/:id/board`)', await timeRequests(() => session.get(`${event}/board`), 200));
    rows.set('desk page (`/events/:id/checkin`)', await timeRequests(() => session.get(`${event}/checkin`), 200));
    rows.set('check in by code (`POST …/checkin/code`)', await timeRequests((i) => session.post(`${event}/checkin/code`, { code: history.codes[i % history.codes.length]! }), 303));
    rows.set('suggestion register (`/suggestions`)', await timeRequests(() => session.get(`${base}/suggestions`), 200));
    rows.set('series report (`/reports?seriesId=`)', await timeRequests((i) => session.get(`${base}/reports?seriesId=${history.seriesIds[i % history.seriesIds.length]}`), 200));
    if (MIXED_SECONDS > 0) {
      const common = { port: app.port, warmupMs: 1000, durationMs: MIXED_SECONDS * 1000, method: 'GET' as const, expect: 200 };
      const rsvp: LoadSpec = { ...common, paths: history.links.map((link) => `/rsvp/${link}`), concurrency: 32 };
      const desks: LoadSpec = { ...common, paths: [`/events/${history.todayId}/checkin/counts.json`], concurrency: 3, headers: { cookie: session.cookie } };
      const report: LoadSpec = { ...common, paths: history.seriesIds.map((id) => `/reports?seriesId=${id}`), concurrency: 1, headers: { cookie: session.cookie } };
      const alone = await runLoad({ ...rsvp, concurrency: 32 });
      const desksAlone = await runLoad(desks);
      const [rsvpMixed, desksMixed, reportMixed] = await Promise.all([runLoad(rsvp), runLoad(desks), runLoad(report)]);
      rows.set('alone: 32 RSVP connections', `${spread(alone.latenciesMs)} (${alone.requests} req, ${alone.errors} errors)`);
      rows.set('alone: 3 desks polling counts.json', `${spread(desksAlone.latenciesMs)} (${desksAlone.requests} req)`);
      rows.set('mixed: 32 RSVP connections', `${spread(rsvpMixed.latenciesMs)} (${rsvpMixed.requests} req, ${rsvpMixed.errors} errors)`);
      rows.set('mixed: 3 desks polling counts.json', `${spread(desksMixed.latenciesMs)} (${desksMixed.requests} req, ${desksMixed.errors} errors)`);
      rows.set('mixed: series report, one after another', `${spread(reportMixed.latenciesMs)} (${reportMixed.requests} req, ${reportMixed.errors} errors)`);
    }
    rows.set('app RSS after all this', rssOf(app.process.pid!));
  } finally {
    app?.process.kill('SIGTERM');
    if (app && app.process.exitCode === null) await new Promise((resolve) => app!.process.once('exit', resolve));
    await mongoose.disconnect();
    engine.process.kill('SIGTERM');
    await new Promise((resolve) => engine.process.once('exit', resolve));
    rmSync(scratch, { recursive: true, force: true });
  }
  return rows;
}

const columns: Array<Map<string, string>> = [];
for (const binary of binaries) {
  console.error(`measuring ${binary}…`);
  columns.push(await measure(binary));
}
const names = [...new Set(columns.flatMap((column) => [...column.keys()]))];
console.log(`\n${SIZE.events} events, ${SIZE.invitations} invitations, ${SIZE.checkIns} check-ins, ${SIZE.suggestions} suggestions, ${SIZE.outbox} outbox messages; ms p50 / p95 / max of ${SAMPLES} requests one at a time, Node ${process.version}, ${new Date().toISOString()}\n`);
console.log(`| measure | ${binaries.map((b) => path.basename(b)).join(' | ')} |`);
console.log(`|---|${binaries.map(() => '---:').join('|')}|`);
for (const name of names) console.log(`| ${name} | ${columns.map((column) => column.get(name) ?? '–').join(' | ')} |`);
process.exit(0);
