import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAlarmType, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { fixQuotedParameters } from './ics-text.js';

/** iTIP methods Convene sends: requests and updates, cancellations, and subscription feeds. */
export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';
/** An attendee's answer, as calendars know it. */
export type PartStat = 'NEEDS-ACTION' | 'ACCEPTED' | 'TENTATIVE' | 'DECLINED';

/** One attendee of a meeting request. */
export interface CalendarAttendee {
  name: string;
  email: string;
  partstat: PartStat;
  role?: 'CHAIR' | 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT';
}

/** The facts of one event, in its own time zone. */
export interface CalendarEvent {
  uid: string;
  sequence: number;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  cancelled?: boolean;
  attendees?: CalendarAttendee[];
  /** Minutes before the start for a display alarm in requests; none when absent or null. */
  alarmMinutes?: number | null;
}

const METHODS = { REQUEST: ICalCalendarMethod.REQUEST, CANCEL: ICalCalendarMethod.CANCEL, PUBLISH: ICalCalendarMethod.PUBLISH };
const PARTSTATS = {
  'NEEDS-ACTION': ICalAttendeeStatus.NEEDSACTION,
  ACCEPTED: ICalAttendeeStatus.ACCEPTED,
  TENTATIVE: ICalAttendeeStatus.TENTATIVE,
  DECLINED: ICalAttendeeStatus.DECLINED,
};
const ROLES = { CHAIR: ICalAttendeeRole.CHAIR, 'REQ-PARTICIPANT': ICalAttendeeRole.REQ, 'OPT-PARTICIPANT': ICalAttendeeRole.OPT };

/**
 * The name and address of "Name <address>". A quoted name may hold the quoted pairs \" and \\ (RFC 5322), as in
 * `"Office \"A\"" <a@b>`, which nodemailer reads as `Office "A"` for the From header; any other backslash is
 * kept as typed.
 */
export function senderAddress(from: string): { name: string; email: string } {
  const quoted = /^\s*"((?:[^"\\]|\\.)*)"\s*<([^>]+)>\s*$/.exec(from);
  const match = quoted ?? /^\s*"?([^"<]*?)"?\s*<([^>]+)>\s*$/.exec(from);
  if (!match) return { name: from.trim(), email: from.trim() };
  const name = quoted ? match[1]!.replace(/\\(["\\])/g, '$1') : match[1]!;
  return { name: name.trim() || match[2]!, email: match[2]!.trim() };
}

/**
 * Build an iCalendar text (RFC 5545, iTIP method) for Outlook, Gmail and Apple Calendar: stable UID and
 * SEQUENCE, ORGANIZER mailto equal to the sender, one ATTENDEE per recipient, times in the event's zone with
 * its VTIMEZONE. Luxon DateTimes are passed because ical-generator formats a plain Date plus a zone in the
 * server's local time.
 */
export function buildCalendar(input: { method: CalendarMethod; from: string; name?: string; events: CalendarEvent[] }): string {
  const organizer = senderAddress(input.from);
  const calendar = ical({
    prodId: { company: 'Convene', product: 'Convene', language: 'EN' },
    method: METHODS[input.method],
    name: input.name,
    timezone: { name: null, generator: (zone) => getVtimezoneComponent(zone) },
  });
  for (const event of input.events) {
    const cancelled = input.method === 'CANCEL' || event.cancelled;
    const entry = calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      stamp: new Date(),
      start: DateTime.fromJSDate(event.startsAt, { zone: event.timezone }),
      end: DateTime.fromJSDate(event.endsAt, { zone: event.timezone }),
      timezone: event.timezone,
      summary: event.summary,
      description: event.description,
      location: event.location,
      url: event.url,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      organizer,
    });
    for (const attendee of event.attendees ?? []) {
      entry.createAttendee({
        name: attendee.name,
        email: attendee.email,
        // Once answered, requests carry that answer and ask for none (RSVP=FALSE), so calendars stop prompting.
        rsvp: input.method !== 'PUBLISH' && attendee.partstat === 'NEEDS-ACTION',
        status: PARTSTATS[attendee.partstat],
        role: ROLES[attendee.role ?? 'REQ-PARTICIPANT'],
      });
    }
    if (!cancelled && input.method === 'REQUEST' && event.alarmMinutes) entry.createAlarm({ type: ICalAlarmType.display, trigger: event.alarmMinutes * 60, description: event.summary });
  }
  // RFC 5545: every content line, the last one too, ends with CRLF.
  return `${fixQuotedParameters(calendar.toString())}\r\n`;
}
