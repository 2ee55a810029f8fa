// Check-in on the day against a database with years of history, run by hand:  node --import tsx bench/checkin/run.ts
// A fresh embedded database holding BENCH_PAST_EVENTS past events (150) of BENCH_PER_EVENT invitations (30)
// each, with BENCH_CHECKINS_PER_EVENT (20) check-ins each, and today's event: 30 institutions accepted with
// two delegates. Times, one after the other as a desk does them (the app has one FerretDB connection):
//   1. a delegate checked in by code (the QR scan), for 30 of the 60 codes;
//   2. the desk's cycle for the other 30: the scan, then the desk page's attendance read after it;
//   3. the desk's live counts (counts.json: attendance read and counted), polled with nothing new.
// Prints a Markdown table.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';

const scratch = mkdtempSync(path.join(tmpdir(), 'convene-bench-checkin-'));
const env = process.env;
const PAST_EVENTS = Number(env.BENCH_PAST_EVENTS ?? 150);
const PER_EVENT = Number(env.BENCH_PER_EVENT ?? 30);
const CHECKINS_PER_EVENT = Math.min(PER_EVENT, Number(env.BENCH_CHECKINS_PER_EVENT ?? 20));
const COUNTS_POLLS = 20;
Object.assign(env, { NODE_ENV: 'production', SESSION_SECRET: randomBytes(32).toString('hex'), DATA_DIR: path.join(scratch, 'data'), LOG_LEVEL: 'warn', MONGODB_URI: '', SMTP_URL: '' });

const { openDatabase } = await import('../../src/db/index.js');
const { getConfig } = await import('../../src/config.js');
const { Event } = await import('../../src/events/event.model.js');
const { getEvent } = await import('../../src/events/index.js');
const { Institution } = await import('../../src/institutions/institution.model.js');
const { Invitation } = await import('../../src/invitations/invitation.model.js');
const { newCheckInCode } = await import('../../src/invitations/answer.js');
const { checkInDelegate } = await import('../../src/checkin/index.js');
const { CheckIn } = await import('../../src/checkin/checkin.model.js');
const { countsOf, loadAttendance } = await import('../../src/checkin/attendance.service.js');

const actor = { id: new mongoose.Types.ObjectId().toHexString(), name: '王秘书', email: 'wang@zone.test' };
const HOUR = 3600_000;

/** One event with `count` accepted institutions of two delegates each; returns the event id and the delegates' codes. */
async function seedEvent(startsAt: Date, count: number, status: string) {
  const event = await Event.create({
    titleZh: `金融工作座谈会 ${startsAt.toISOString().slice(0, 10)}`, startsAt, endsAt: new Date(startsAt.getTime() + 3 * HOUR),
    timezone: 'Asia/Shanghai', status, maxDelegates: 2,
  });
  const institutions = [];
  const invitations = [];
  const codes: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const institutionId = new mongoose.Types.ObjectId();
    const delegates = ['行长', '副行长'].map((title) => ({ name: `${title}${i}`, title, checkInCode: newCheckInCode() }));
    codes.push(...delegates.map((d) => d.checkInCode));
    institutions.push({ _id: institutionId, nameZh: `测试银行${String(event._id).slice(-6)}-${i}`, type: 'bank' });
    invitations.push({
      eventId: event._id, kind: 'institution', inviteeKey: `institution:${institutionId}`, institutionId,
      recipient: { name: `行长${i}`, email: `head${i}@bank.test` }, tokenHash: randomBytes(32).toString('hex'),
      status: 'accepted', respondedAt: new Date(), delegates,
    });
  }
  await Institution.insertMany(institutions);
  await Invitation.insertMany(invitations);
  return { eventId: String(event._id), codes };
}

function summary(name: string, timesMs: number[]): string {
  const sorted = [...timesMs].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!.toFixed(0);
  return `| ${name} | ${sorted.length} | ${at(0.5)} | ${at(0.99)} | ${sorted.at(-1)!.toFixed(0)} |`;
}

const db = await openDatabase(getConfig());
try {
  const seedStarted = performance.now();
  for (let e = 0; e < PAST_EVENTS; e += 1) {
    const past = await seedEvent(new Date(Date.now() - (e + 1) * 7 * 24 * HOUR), PER_EVENT, 'closed');
    await CheckIn.insertMany(
      past.codes.slice(0, CHECKINS_PER_EVENT).map((code) => ({
        _id: `${past.eventId}:code:${code}`, eventId: past.eventId, kind: 'delegate', name: code, checkInCode: code, checkedInAt: new Date(), checkedInBy: actor,
      })),
    );
  }
  const today = await seedEvent(new Date(Date.now() - HOUR / 2), 30, 'scheduled');
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const event = await getEvent(today.eventId);

  const scans: number[] = [];
  const cycles: number[] = [];
  for (const [i, code] of today.codes.entries()) {
    const started = performance.now();
    await checkInDelegate(today.eventId, code, actor);
    if (i < today.codes.length / 2) scans.push(performance.now() - started);
    else {
      await loadAttendance(event);
      cycles.push(performance.now() - started);
    }
  }
  const polls: number[] = [];
  for (let i = 0; i < COUNTS_POLLS; i += 1) {
    const started = performance.now();
    const counts = countsOf(await loadAttendance(event));
    polls.push(performance.now() - started);
    if (counts.present !== today.codes.length) throw new Error(`counted ${counts.present} present, expected ${today.codes.length}`);
  }

  const invitations = await Invitation.estimatedDocumentCount();
  const checkIns = await CheckIn.estimatedDocumentCount();
  console.log(`\nCheck-in benchmark: embedded FerretDB, ${invitations} invitations and ${checkIns} check-ins in ${PAST_EVENTS + 1} events (seeded in ${seedSeconds.toFixed(0)} s), Node ${process.version}.\n`);
  console.log('| operation | times | p50 ms | p99 ms | max ms |');
  console.log('|---|---:|---:|---:|---:|');
  console.log(summary('check in a delegate by code (`checkInDelegate`)', scans));
  console.log(summary('check in, then the desk page’s attendance (`loadAttendance`)', cycles));
  console.log(summary('live counts of the desk (`counts.json`)', polls));
} finally {
  await db.close();
  rmSync(scratch, { recursive: true, force: true });
}
