import { getConfig } from '../config.js';
import type { EVENT_KINDS, EventDoc, ParticipantRole } from './event.model.js';

/** A kind of event. */
export type EventKind = (typeof EVENT_KINDS)[number];

/** An event as services return it (a plain object). */
export type EventRecord = EventDoc & { createdAt: Date; updatedAt: Date };

/** Who is making a change, for the log. */
export interface Actor {
  id: string;
  email: string;
}

/** Where the event takes place. */
export interface Venue {
  name: string;
  address: string;
  room: string;
  /** http(s) only. */
  mapUrl: string;
}

/** Who institutions contact with questions. */
export interface OrganiserContact {
  name: string;
  email: string;
  phone: string;
}

/** When the invitations component reminds invitees (see docs/invitations.md). */
export interface Reminders {
  /** Days before the RSVP deadline to remind those who have not answered; 0 sends none. */
  pendingDaysBeforeDeadline: number;
  /** Remind those attending the day before. */
  dayBefore: boolean;
  /** Minutes before the start at which calendars sound an alarm (a VALARM in meeting requests); null: none. */
  calendarAlarmMinutes: number | null;
}

/** A zone leader or department staff member taking part; `_id` keeps an existing one's identity. */
export interface ZoneParticipant {
  _id?: string;
  name: string;
  title: string;
  email: string;
  departmentId: string | null;
  role: ParticipantRole;
}

/** Everything an organiser decides about an event (its status and calendar identity aside). */
export interface EventFacts {
  titleZh: string;
  titleEn: string;
  kind: EventKind;
  seriesId: string | null;
  edition: number | null;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  venue: Venue;
  descriptionZh: string;
  descriptionEn: string;
  organiserContact: OrganiserContact;
  rsvpDeadline: Date | null;
  maxDelegates: number;
  zoneParticipants: ZoneParticipant[];
  reminders: Reminders;
}

/** Input of createEvent: the title and times are required, the rest has defaults. */
export type EventInput = Partial<Omit<EventFacts, 'venue' | 'organiserContact' | 'reminders'>> &
  Pick<EventFacts, 'titleZh' | 'startsAt' | 'endsAt'> & { venue?: Partial<Venue>; organiserContact?: Partial<OrganiserContact>; reminders?: Partial<Reminders> };

/** Input of updateEvent: any facts; venue and contact are merged field by field. */
export type EventPatch = Partial<EventInput>;

/** An update's outcome: the event as now stored, and which facts changed (for update mails). */
export interface EventChange {
  event: EventRecord;
  changed: (keyof EventFacts | 'status')[];
}

const FACT_NAMES = [
  'titleZh', 'titleEn', 'kind', 'seriesId', 'edition', 'startsAt', 'endsAt', 'timezone', 'venue',
  'descriptionZh', 'descriptionEn', 'organiserContact', 'rsvpDeadline', 'maxDelegates', 'zoneParticipants', 'reminders',
] as const satisfies readonly (keyof EventFacts)[];

const idOrNull = (value: unknown): string | null => (value ? String(value) : null);

/** A stored event's facts, normalised (ids as strings, missing values filled). */
export function factsOf(event: EventRecord): EventFacts {
  return {
    titleZh: event.titleZh,
    titleEn: event.titleEn ?? '',
    kind: event.kind as EventKind,
    seriesId: idOrNull(event.seriesId),
    edition: event.edition ?? null,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timezone: event.timezone,
    venue: { name: event.venue?.name ?? '', address: event.venue?.address ?? '', room: event.venue?.room ?? '', mapUrl: event.venue?.mapUrl ?? '' },
    descriptionZh: event.descriptionZh ?? '',
    descriptionEn: event.descriptionEn ?? '',
    organiserContact: {
      name: event.organiserContact?.name ?? '',
      email: event.organiserContact?.email ?? '',
      phone: event.organiserContact?.phone ?? '',
    },
    rsvpDeadline: event.rsvpDeadline ?? null,
    maxDelegates: event.maxDelegates ?? 2,
    zoneParticipants: (event.zoneParticipants ?? []).map((p) => ({
      _id: String(p._id),
      name: p.name,
      title: p.title ?? '',
      email: p.email ?? '',
      departmentId: idOrNull(p.departmentId),
      role: p.role as ParticipantRole,
    })),
    reminders: {
      pendingDaysBeforeDeadline: event.reminders?.pendingDaysBeforeDeadline ?? 3,
      dayBefore: event.reminders?.dayBefore ?? true,
      calendarAlarmMinutes: event.reminders?.calendarAlarmMinutes ?? null,
    },
  };
}

/** A new event's facts: the input over the defaults (zone from the configuration, two delegates). */
export function withDefaults(input: EventInput): EventFacts {
  const empty: EventFacts = {
    titleZh: '', titleEn: '', kind: 'symposium', seriesId: null, edition: null,
    startsAt: input.startsAt, endsAt: input.endsAt, timezone: getConfig().defaultTimezone,
    venue: { name: '', address: '', room: '', mapUrl: '' }, descriptionZh: '', descriptionEn: '',
    organiserContact: { name: '', email: '', phone: '' }, rsvpDeadline: null, maxDelegates: 2, zoneParticipants: [],
    reminders: { pendingDaysBeforeDeadline: 3, dayBefore: true, calendarAlarmMinutes: null },
  };
  return mergeFacts(empty, input);
}

function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Apply a patch to facts; undefined leaves a fact alone, null clears an optional one; no series means no edition. */
export function mergeFacts(old: EventFacts, patch: EventPatch): EventFacts {
  const defined = definedOnly(patch);
  const next: EventFacts = {
    ...old,
    ...defined,
    venue: { ...old.venue, ...definedOnly(defined.venue ?? {}) },
    organiserContact: { ...old.organiserContact, ...definedOnly(defined.organiserContact ?? {}) },
    reminders: { ...old.reminders, ...definedOnly(defined.reminders ?? {}) },
  };
  if (!next.seriesId) next.edition = null;
  return next;
}

function comparable(name: keyof EventFacts, value: unknown): string {
  if (name === 'zoneParticipants') {
    // Identity is not content: the same people in the same roles is no change.
    return JSON.stringify((value as ZoneParticipant[]).map(({ name, title, email, departmentId, role }) => [name, title, email, departmentId, role]));
  }
  if (name === 'venue') {
    const { name: venueName, address, room, mapUrl } = value as Venue;
    return JSON.stringify([venueName, address, room, mapUrl]);
  }
  if (name === 'reminders') {
    const { pendingDaysBeforeDeadline, dayBefore, calendarAlarmMinutes } = value as Reminders;
    return JSON.stringify([pendingDaysBeforeDeadline, dayBefore, calendarAlarmMinutes]);
  }
  if (name === 'organiserContact') {
    const { name: contactName, email, phone } = value as OrganiserContact;
    return JSON.stringify([contactName, email, phone]);
  }
  return JSON.stringify(value ?? null);
}

/** The names of the facts that differ between two versions of an event. */
export function changedFacts(before: EventFacts, after: EventFacts): (keyof EventFacts)[] {
  return FACT_NAMES.filter((name) => comparable(name, before[name]) !== comparable(name, after[name]));
}
