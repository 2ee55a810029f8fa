import ical, { ICalCalendarMethod } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Locale } from '../web/i18n.js';
import { titleOf, type EventView } from './neighbours.js';

/**
 * A fixed-offset VTIMEZONE for the event's zone at its start, so clients read the times correctly
 * without a time zone database. (A later mail issue replaces this with full DST rules.)
 */
function fixedOffsetZone(zone: string, at: Date): string {
  const offset = DateTime.fromJSDate(at, { zone }).toFormat('ZZZ');
  return ['BEGIN:VTIMEZONE', `TZID:${zone}`, 'BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, 'END:STANDARD', 'END:VTIMEZONE'].join('\r\n');
}

/**
 * The event as a small METHOD:PUBLISH calendar (its own UID and sequence; times in the event's zone).
 * The RSVP link is left out on purpose: calendar files get forwarded, the link is a secret.
 */
export function buildRsvpCalendar(event: EventView, locale: Locale): string {
  const calendar = ical({ prodId: { company: 'Convene', product: 'RSVP', language: locale.toUpperCase() }, method: ICalCalendarMethod.PUBLISH });
  // No calendar-wide zone (DTSTAMP stays UTC); the generator still writes the VTIMEZONE the event's TZID needs.
  calendar.timezone({ name: null, generator: (zone) => fixedOffsetZone(zone, event.startsAt) });
  const venue = event.venue ?? { name: '', address: '', room: '' };
  calendar.createEvent({
    id: event.calendar?.uid ?? String(event._id),
    sequence: event.calendar?.sequence ?? 0,
    start: DateTime.fromJSDate(event.startsAt, { zone: event.timezone }),
    end: DateTime.fromJSDate(event.endsAt, { zone: event.timezone }),
    timezone: event.timezone,
    summary: titleOf(event, locale),
    location: [venue.name, venue.room, venue.address].filter(Boolean).join(', ') || null,
  });
  return calendar.toString();
}
