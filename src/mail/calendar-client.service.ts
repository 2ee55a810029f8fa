import ical, { ICalAttendeeStatus, ICalCalendarMethod } from 'ical-generator';
import ICAL from 'ical.js';
import type { Transporter } from 'nodemailer';
import { fixQuotedParameters } from '../calendar/index.js';
import { ConflictError } from '../web/errors.js';
import type { MailParts } from './mail-capture.js';

// The /mailbox stand-in for an invitee's calendar client: it answers a caught meeting request as Outlook,
// Gmail or Apple Calendar would, with an iTIP REPLY mailed to the ORGANIZER.

/** The answers a calendar client offers. */
export const CALENDAR_ANSWERS = ['ACCEPTED', 'TENTATIVE', 'DECLINED'] as const;
/** One of them. */
export type CalendarAnswer = (typeof CALENDAR_ANSWERS)[number];

const STATUS = { ACCEPTED: ICalAttendeeStatus.ACCEPTED, TENTATIVE: ICalAttendeeStatus.TENTATIVE, DECLINED: ICalAttendeeStatus.DECLINED };
const mailto = (value: unknown) => String(value ?? '').replace(/^mailto:/i, '');

/** The meeting request (METHOD:REQUEST) among a caught message's parts, parsed, or undefined. */
export function meetingRequestOf(parts: MailParts) {
  for (const part of parts.attachments) {
    if (!part.contentType.startsWith('text/calendar') || !part.content) continue;
    const calendar = new ICAL.Component(ICAL.parse(Buffer.from(part.content).toString('utf8')));
    const vevent = calendar.getFirstSubcomponent('vevent');
    const attendee = vevent?.getFirstProperty('attendee');
    if (String(calendar.getFirstPropertyValue('method')).toUpperCase() !== 'REQUEST' || !vevent || !attendee) continue;
    const event = new ICAL.Event(vevent);
    const organizer = vevent.getFirstProperty('organizer');
    return {
      uid: event.uid,
      sequence: event.sequence ?? 0,
      summary: event.summary,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
      organizer: { name: String(organizer?.getParameter('cn') ?? ''), email: mailto(organizer?.getFirstValue()) },
      attendee: { name: String(attendee.getParameter('cn') ?? ''), email: mailto(attendee.getFirstValue()) },
    };
  }
  return undefined;
}

/** Answer a caught meeting request as its attendee's calendar client: an iTIP REPLY built with ical-generator, mailed to the ORGANIZER. */
export async function replyFromCalendarClient(parts: MailParts, answer: CalendarAnswer, transport: Transporter): Promise<void> {
  const request = meetingRequestOf(parts);
  if (!request) throw new ConflictError('mail.calendarReply.noRequest');
  const calendar = ical({ prodId: { company: 'Convene', product: 'Mailbox calendar client', language: 'EN' }, method: ICalCalendarMethod.REPLY });
  const event = calendar.createEvent({ id: request.uid, sequence: request.sequence, stamp: new Date(), start: request.start, end: request.end, summary: request.summary, organizer: request.organizer });
  event.createAttendee({ name: request.attendee.name, email: request.attendee.email, status: STATUS[answer] });
  const verb = { ACCEPTED: 'Accepted', TENTATIVE: 'Tentative', DECLINED: 'Declined' }[answer];
  await transport.sendMail({
    from: { name: request.attendee.name, address: request.attendee.email },
    to: { name: request.organizer.name, address: request.organizer.email },
    subject: `${verb}: ${request.summary}`,
    text: `${request.attendee.name || request.attendee.email} ${verb.toLowerCase()} this invitation.`,
    // As in every calendar Convene writes: names in CN per RFC 6868, not with ical-generator's backslashes.
    icalEvent: { method: 'REPLY', content: `${fixQuotedParameters(calendar.toString())}\r\n` },
  });
}
