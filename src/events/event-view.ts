import { DateTime } from 'luxon';
import { formatDateTime, formatRange, toLocalInputValue } from '../web/dates.js';
import type { Locale } from '../web/i18n.js';
import type { EventStatus } from './event.model.js';
import { factsOf, type EventRecord } from './event-facts.js';
import { eventDescription, eventTitle, isRsvpOpen, seriesName } from './event-rules.js';
import type { SeriesRecord } from './series.service.js';

/** Badge style of each status. */
const STATUS_BADGE: Record<EventStatus, string> = {
  draft: 'badge--warn',
  scheduled: 'badge--ok',
  held: '',
  closed: '',
  cancelled: 'badge--bad',
};

/** An event written out for a page, in its own zone and the viewer's language. */
export function toEventView(event: EventRecord, locale: Locale, series: Map<string, SeriesRecord>) {
  const inSeries = event.seriesId ? series.get(String(event.seriesId)) : undefined;
  const facts = factsOf(event);
  return {
    id: String(event._id),
    title: eventTitle(event, locale),
    kind: event.kind,
    status: event.status,
    statusBadge: STATUS_BADGE[event.status],
    seriesId: inSeries ? String(inSeries._id) : '',
    seriesName: inSeries ? seriesName(inSeries, locale) : '',
    edition: event.edition ?? null,
    when: formatRange(event.startsAt, event.endsAt, event.timezone, locale),
    startsAtIso: event.startsAt.toISOString(),
    timezone: event.timezone,
    rsvpDeadline: formatDateTime(event.rsvpDeadline, event.timezone, locale),
    rsvpOpen: isRsvpOpen(event),
    venue: facts.venue,
    descriptionParagraphs: eventDescription(event, locale).split(/\r?\n/).filter((line) => line.trim() !== ''),
    organiserContact: facts.organiserContact,
    maxDelegates: facts.maxDelegates,
    zoneParticipants: facts.zoneParticipants,
    calendar: { uid: event.calendar?.uid ?? '', sequence: event.calendar?.sequence ?? 0 },
  };
}

/** The type of toEventView's result. */
export type EventView = ReturnType<typeof toEventView>;

/** The edit form's values: datetime-local strings in the event's zone, flat fields as the form posts them. */
export function toFormValues(event: EventRecord): Record<string, string | number> {
  const facts = factsOf(event);
  const zone = facts.timezone;
  return {
    titleZh: facts.titleZh,
    titleEn: facts.titleEn,
    kind: facts.kind,
    seriesId: facts.seriesId ?? '',
    edition: facts.edition ?? '',
    timezone: zone,
    startsAt: toLocalInputValue(facts.startsAt, zone),
    endsAt: toLocalInputValue(facts.endsAt, zone),
    rsvpDeadline: toLocalInputValue(facts.rsvpDeadline, zone),
    venueName: facts.venue.name,
    venueAddress: facts.venue.address,
    venueRoom: facts.venue.room,
    venueMapUrl: facts.venue.mapUrl,
    descriptionZh: facts.descriptionZh,
    descriptionEn: facts.descriptionEn,
    contactName: facts.organiserContact.name,
    contactEmail: facts.organiserContact.email,
    contactPhone: facts.organiserContact.phone,
    maxDelegates: facts.maxDelegates,
    reminderDays: facts.reminders.pendingDaysBeforeDeadline,
    reminderDayBefore: facts.reminders.dayBefore ? '1' : '0',
    calendarAlarm: facts.reminders.calendarAlarmMinutes === null ? '' : String(facts.reminders.calendarAlarmMinutes),
  };
}

/** The clone form's suggestion: the same wall-clock times one year later, in the source event's zone. */
export function cloneFormDefaults(event: EventRecord): Record<string, string> {
  const zone = event.timezone;
  const nextYear = (date: Date | null | undefined) => (date ? DateTime.fromJSDate(date, { zone }).plus({ years: 1 }).toJSDate() : undefined);
  return {
    timezone: zone,
    startsAt: toLocalInputValue(nextYear(event.startsAt), zone),
    endsAt: toLocalInputValue(nextYear(event.endsAt), zone),
    rsvpDeadline: toLocalInputValue(nextYear(event.rsvpDeadline), zone),
  };
}

/** Series by id, for looking up names. */
export function seriesById(list: SeriesRecord[]): Map<string, SeriesRecord> {
  return new Map(list.map((s) => [String(s._id), s]));
}

/** Every IANA zone the runtime knows, for the time zone field's suggestions. */
export function timeZoneNames(): string[] {
  return Intl.supportedValuesOf('timeZone');
}
