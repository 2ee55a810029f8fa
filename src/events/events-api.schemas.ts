import { z } from 'zod';
import { EVENT_KINDS, PARTICIPANT_ROLES } from './event.model.js';
import type { EventRecord } from './event-facts.js';
import { mapUrl, objectId, optionalEmail, requiredText, text, timezoneSchema, wholeNumber } from './events.schemas.js';

/** An ISO 8601 instant with a zone designator (`2019-04-12T01:30:00.000Z` or `…+08:00`). */
const instant = z.iso.datetime({ offset: true, error: 'events.instantInvalid' }).transform((value) => new Date(value));

// No defaults here: a PATCH must leave out what it does not change (the service fills a new event's defaults).
const fields = {
  titleZh: requiredText(200),
  titleEn: text(200),
  kind: z.enum(EVENT_KINDS, 'validation.invalid'),
  seriesId: objectId.nullable(),
  edition: wholeNumber(1, 9999, 'events.editionInvalid').nullable(),
  startsAt: instant,
  endsAt: instant,
  timezone: timezoneSchema,
  venue: z.object({ name: text(200), address: text(500), room: text(200), mapUrl }).partial(),
  descriptionZh: text(10_000),
  descriptionEn: text(10_000),
  organiserContact: z.object({ name: text(100), email: optionalEmail, phone: text(50) }).partial(),
  rsvpDeadline: instant.nullable(),
  maxDelegates: wholeNumber(1, 20, 'events.maxDelegatesRange'),
  zoneParticipants: z
    .array(
      z.object({
        name: requiredText(100),
        title: text(100).default(''),
        email: optionalEmail.default(''),
        departmentId: objectId.nullable().default(null),
        role: z.enum(PARTICIPANT_ROLES, 'validation.invalid').default('attendee'),
      }),
    )
    .max(200, 'events.tooLong'),
  reminders: z
    .object({ pendingDaysBeforeDeadline: wholeNumber(0, 60, 'events.reminderDaysRange'), dayBefore: z.boolean('validation.invalid'), calendarAlarmMinutes: wholeNumber(0, 10_080, 'events.calendarAlarmRange').nullable() })
    .partial(),
};

/** `notify: true` asks for the invitees to be told of the change (an update or a cancellation). */
const notify = z.boolean('validation.invalid').optional();

/** `POST /api/v1/events`. */
export const apiEventCreateSchema = z.object(fields).partial().required({ titleZh: true, startsAt: true, endsAt: true });

/** `PATCH /api/v1/events/:id`: any subset of the fields, and `notify`. */
export const apiEventPatchSchema = z.object(fields).partial().extend({ notify });

/** `POST /api/v1/events/:id/cancel`. */
export const apiCancelSchema = z.object({ notify });

/** `POST /api/v1/events/:id/clone`. */
export const apiCloneSchema = z.object({ startsAt: instant, endsAt: instant, rsvpDeadline: instant.nullable().optional(), timezone: timezoneSchema.optional() });

const iso = (date: Date | null | undefined): string | null => (date ? date.toISOString() : null);

/** An event as the API returns it: instants in ISO 8601 (UTC) plus the event's zone. */
export function toApiEvent(event: EventRecord) {
  return {
    id: String(event._id),
    titleZh: event.titleZh,
    titleEn: event.titleEn ?? '',
    kind: event.kind,
    status: event.status,
    seriesId: event.seriesId ? String(event.seriesId) : null,
    edition: event.edition ?? null,
    startsAt: iso(event.startsAt),
    endsAt: iso(event.endsAt),
    timezone: event.timezone,
    rsvpDeadline: iso(event.rsvpDeadline),
    venue: { name: event.venue?.name ?? '', address: event.venue?.address ?? '', room: event.venue?.room ?? '', mapUrl: event.venue?.mapUrl ?? '' },
    descriptionZh: event.descriptionZh ?? '',
    descriptionEn: event.descriptionEn ?? '',
    organiserContact: { name: event.organiserContact?.name ?? '', email: event.organiserContact?.email ?? '', phone: event.organiserContact?.phone ?? '' },
    maxDelegates: event.maxDelegates ?? 2,
    zoneParticipants: (event.zoneParticipants ?? []).map((p) => ({
      id: String(p._id),
      name: p.name,
      title: p.title ?? '',
      email: p.email ?? '',
      departmentId: p.departmentId ? String(p.departmentId) : null,
      role: p.role,
    })),
    calendar: { uid: event.calendar?.uid ?? '', sequence: event.calendar?.sequence ?? 0 },
    reminders: { pendingDaysBeforeDeadline: event.reminders?.pendingDaysBeforeDeadline ?? 3, dayBefore: event.reminders?.dayBefore ?? true, calendarAlarmMinutes: event.reminders?.calendarAlarmMinutes ?? null },
    createdAt: iso(event.createdAt),
    updatedAt: iso(event.updatedAt),
  };
}
