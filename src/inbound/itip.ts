import ICAL from 'ical.js';

/** An attendee's answer in an iTIP message. */
export type ItipPartstat = 'ACCEPTED' | 'TENTATIVE' | 'DECLINED' | 'DELEGATED' | 'NEEDS-ACTION';

/** What Convene reads of an iTIP REPLY or COUNTER (RFC 5546): one event, one answering attendee. */
export interface ItipMessage {
  method: string;
  uid: string;
  sequence: number;
  /** DTSTAMP: when the calendar client made the reply. */
  stamp?: Date;
  attendee: { email: string; partstat: ItipPartstat; delegatedTo: string };
  comment: string;
  /** For a COUNTER: the proposed start and end. */
  proposed?: { start?: Date; end?: Date };
}

/** The address of a `mailto:` URI, lower-cased (clients write `MAILTO:` too). */
export function mailtoAddress(value: unknown): string {
  return String(value ?? '').replace(/^mailto:/i, '').trim().toLowerCase();
}

function toDate(value: unknown): Date | undefined {
  return value instanceof ICAL.Time ? value.toJSDate() : undefined;
}

/**
 * Parse a calendar part sent back to the organiser. Returns undefined when it is not a REPLY or COUNTER
 * with one event and one attendee; throws when the text is not iCalendar at all.
 */
export function parseItip(text: string): ItipMessage | undefined {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const method = String(calendar.getFirstPropertyValue('method') ?? '').toUpperCase();
  const vevent = calendar.getFirstSubcomponent('vevent');
  if (!vevent || (method !== 'REPLY' && method !== 'COUNTER')) return undefined;
  const attendees = vevent.getAllProperties('attendee');
  if (attendees.length !== 1) return undefined;
  const attendee = attendees[0]!;
  const partstat = String(attendee.getParameter('partstat') ?? 'NEEDS-ACTION').toUpperCase() as ItipPartstat;
  const event = new ICAL.Event(vevent);
  return {
    method,
    uid: String(vevent.getFirstPropertyValue('uid') ?? ''),
    sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0) || 0,
    stamp: toDate(vevent.getFirstPropertyValue('dtstamp')),
    attendee: { email: mailtoAddress(attendee.getFirstValue()), partstat, delegatedTo: mailtoAddress(attendee.getParameter('delegated-to')) },
    // Gmail puts the note on the attendee (X-RESPONSE-COMMENT); Outlook and Apple write a COMMENT property.
    comment: String(vevent.getFirstPropertyValue('comment') ?? attendee.getParameter('x-response-comment') ?? '').trim(),
    proposed: method === 'COUNTER' ? { start: event.startDate?.toJSDate(), end: event.endDate?.toJSDate() } : undefined,
  };
}
