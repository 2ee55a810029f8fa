// Engine bench: the queries Convene's pages make, against ten years of a busy zone, on one or more
// builds of the embedded FerretDB, in the same run. No app, no caches: what the engine itself answers.
//   node --import tsx bench/engine/run.ts [BINARY...]   (default: tools/ferretdb/bin/convene-ferretdb)
// BENCH_EVENTS (300), BENCH_INVITATIONS (15000), BENCH_CHECKINS (9000), BENCH_OUTBOX (20000), BENCH_SAMPLES (40)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { MongoClient, ObjectId, type Db } from 'mongodb';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const EVENTS = env('BENCH_EVENTS', 300);
const INVITATIONS = env('BENCH_INVITATIONS', 15_000);
const CHECKINS = env('BENCH_CHECKINS', 9_000);
const OUTBOX = env('BENCH_OUTBOX', 20_000);
const SAMPLES = env('BENCH_SAMPLES', 40);
const binaries = process.argv.slice(2).length ? process.argv.slice(2) : ['tools/ferretdb/bin/convene-ferretdb'];

/** Starts a FerretDB binary on a fresh data directory; resolves with its URI and a stop function. */
async function start(binary: string): Promise<{ uri: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'convene-bench-engine-'));
  const child = spawn(binary, ['--data-dir', dataDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const stop = async () => {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { uri: (JSON.parse(line) as { uri: string }).uri, stop };
}

/** Loads the history with the app's indexes (see the *.model.ts files). */
async function load(db: Db): Promise<ObjectId[]> {
  const events = Array.from({ length: EVENTS }, () => new ObjectId());
  await db.collection('invitations').createIndexes([
    { key: { eventId: 1, inviteeKey: 1 }, unique: true },
    { key: { eventId: 1, institutionId: 1 } },
  ]);
  await db.collection('checkins').createIndex({ eventId: 1, checkedInAt: 1 });
  await db.collection('outbox').createIndex({ status: 1 });
  const batch = async (name: string, count: number, make: (i: number) => object) => {
    for (let i = 0; i < count; i += 1000) {
      await db.collection(name).insertMany(Array.from({ length: Math.min(1000, count - i) }, (_, j) => make(i + j)));
    }
  };
  await batch('invitations', INVITATIONS, (i) => ({
    eventId: events[i % EVENTS], inviteeKey: `institution:${i}`, institutionId: new ObjectId(), tokenHash: `t${i}`,
    status: ['pending', 'accepted', 'declined'][i % 3], delegates: [{ name: `Delegate ${i}`, phone: '+86 532 0000 0000' }],
    history: [{ at: new Date(), status: 'sent' }], note: 'x'.repeat(200),
  }));
  await batch('checkins', CHECKINS, (i) => ({ eventId: events[i % EVENTS], code: `c${i}`, checkedInAt: new Date(), name: `Delegate ${i}` }));
  await batch('outbox', OUTBOX, (i) => ({ status: i % 1000 === 0 ? 'queued' : 'sent', to: [`a${i}@x.test`], subject: 's', html: 'y'.repeat(500) }));
  return events;
}

/** p50 and p95 of SAMPLES runs of fn, in ms. */
async function time(fn: (i: number) => Promise<unknown>): Promise<string> {
  const ms: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(1);
  return `${at(0.5)} / ${at(0.95)}`;
}

/** 30 concurrent $inc of one document over 8 connections: how many were applied. */
async function raceInc(db: Db): Promise<string> {
  const c = db.collection<{ _id: string; n: number }>('race');
  await c.insertOne({ _id: 'k', n: 0 });
  await Promise.all(Array.from({ length: 30 }, () => c.updateOne({ _id: 'k' }, { $inc: { n: 1 } })));
  return `${(await c.findOne({ _id: 'k' }))!.n} of 30`;
}

const rows: Record<string, string[]> = {};
for (const binary of binaries) {
  const server = await start(binary);
  const client = await new MongoClient(server.uri, { maxPoolSize: 8, minPoolSize: 8 }).connect();
  const db = client.db('bench');
  const loadStart = performance.now();
  const events = await load(db);
  const spread = (i: number) => (i * 1877 + 911) % INVITATIONS; // samples over the whole table, not its first rows
  const measures: Array<[string, (i: number) => Promise<unknown>]> = [
    ["an event's invitations: find({eventId})", (i) => db.collection('invitations').find({ eventId: events[i % EVENTS] }).toArray()],
    ['one invitation: findOne({eventId, inviteeKey})', (i) => db.collection('invitations').findOne({ eventId: events[spread(i) % EVENTS], inviteeKey: `institution:${spread(i)}` })],
    ['RSVP: updateOne({eventId, inviteeKey}, $set)', (i) => db.collection('invitations').updateOne({ eventId: events[spread(i) % EVENTS], inviteeKey: `institution:${spread(i)}` }, { $set: { status: 'accepted' } })],
    ['by token: findOne({tokenHash}) (no index)', (i) => db.collection('invitations').findOne({ tokenHash: `t${spread(i)}` })],
    ["count an event's invitations", (i) => db.collection('invitations').countDocuments({ eventId: events[i % EVENTS] })],
    ["an event's check-ins: find({eventId})", (i) => db.collection('checkins').find({ eventId: events[i % EVENTS] }).toArray()],
    ['queued outbox: find({status})', () => db.collection('outbox').find({ status: 'queued' }).toArray()],
    ["series report: find({eventId: {$in: 30 events}})", () => db.collection('invitations').find({ eventId: { $in: events.slice(0, 30) } }).toArray()],
  ];
  const column: string[] = [`${((performance.now() - loadStart) / 1000).toFixed(1)} s`];
  for (const [, fn] of measures) column.push(await time(fn));
  column.push(await raceInc(db));
  measures.forEach(([name], i) => (rows[name] ??= []).push(column[i + 1]!));
  (rows['load the history'] ??= []).push(column[0]!);
  (rows['30 concurrent $inc over 8 connections'] ??= []).push(column.at(-1)!);
  await client.close();
  await server.stop();
}

console.log(`\n${EVENTS} events, ${INVITATIONS} invitations, ${CHECKINS} check-ins, ${OUTBOX} outbox messages; p50 / p95 ms of ${SAMPLES} runs\n`);
console.log(`| measure | ${binaries.join(' | ')} |`);
console.log(`|---|${binaries.map(() => '---:').join('|')}|`);
for (const [name, values] of Object.entries(rows)) console.log(`| ${name} | ${values.join(' | ')} |`);
