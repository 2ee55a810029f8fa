import { DateTime } from 'luxon';
import type { Types } from 'mongoose';
import { hasUserWithRole } from '../auth/index.js';
import { findEvent } from '../events/index.js';
import { type RsvpStatus, listAnswerStatuses } from '../invitations/index.js';
import { DEMO_PASSWORD, DEMO_STAFF } from './demo-data.js';

/** How many records of one kind the load created and how many were already there. */
export interface Tally {
  created: number;
  existing: number;
}

/** A tally per kind of record, in the order the report lists them. */
export interface DemoTallies {
  departments: Tally;
  institutions: Tally;
  users: Tally;
  series: Tally;
  events: Tally;
  agendas: Tally;
  invitations: Tally;
}

const LABELS: Record<keyof DemoTallies, string> = {
  departments: 'departments',
  institutions: 'institutions',
  users: 'staff users',
  series: 'series',
  events: 'events',
  agendas: 'agendas',
  invitations: 'invitations',
};

// The board's order: who is coming first, who has not answered last.
const ANSWER_ORDER: readonly RsvpStatus[] = ['accepted', 'tentative', 'declined', 'pending'];

async function describeEvent(id: Types.ObjectId): Promise<string> {
  const event = await findEvent(id);
  if (!event) return '';
  const when = DateTime.fromJSDate(event.startsAt, { zone: event.timezone }).toFormat('yyyy-LL-dd HH:mm');
  const head = `  ${event.titleZh} (${event.titleEn}), ${when} ${event.timezone}, ${event.status}`;
  const statuses = await listAnswerStatuses(id);
  if (statuses.length === 0) return `${head}: no invitations yet, invite institutions from its page`;
  const counts = ANSWER_ORDER.map((s) => `${statuses.filter((status) => status === s).length} ${s}`);
  return `${head}: ${statuses.length} invited, ${counts.join(', ')}`;
}

/** The multi-line report `demo:load` prints: what was created, the events, and how to sign in. */
export async function formatReport(tallies: DemoTallies, eventIds: Types.ObjectId[]): Promise<string> {
  const created = Object.values(tallies).reduce((sum, t) => sum + t.created, 0);
  const lines = [
    created === 0 ? 'The demo data was already loaded: nothing changed.' : `Loaded the demo data: ${created} records created.`,
    ...Object.entries(tallies).map(([kind, t]) => `  ${LABELS[kind as keyof DemoTallies].padEnd(13)} ${String(t.created).padStart(3)} created, ${t.existing} already there`),
    '',
    'Events:',
    ...(await Promise.all(eventIds.map(describeEvent))),
    '',
    `Sign in with any of these; the demo password is ${DEMO_PASSWORD} (for demonstrations only: never use it on a real installation).`,
    ...DEMO_STAFF.map((u) => `  ${u.email.padEnd(28)} ${u.role.padEnd(10)} ${u.name}`),
  ];
  if (tallies.users.existing > 0) lines.push('  (users that were already there keep their own password)');
  if (!(await hasUserWithRole('admin'))) {
    lines.push('', 'There is no administrator yet: create one with', '  npm run cli -- user:create --role admin --email you@example.org --name "Your Name"');
  }
  return lines.join('\n');
}
