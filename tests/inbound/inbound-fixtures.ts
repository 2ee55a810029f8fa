import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { Event } from '../../src/events/event.model.js';
import { Invitation } from '../../src/invitations/invitation.model.js';
import { sendInvitations, type InvitationDoc } from '../../src/invitations/index.js';
import { OutboxMessage } from '../../src/mail/outbox.model.js';
import { inviteInstitution, organiser } from '../invitations/fixtures.js';

const FIXTURES = new URL('./fixtures/', import.meta.url);

/** A fixture file with its `{{NAME}}` slots filled, line ends as on the wire (CRLF). */
export function fixture(name: string, slots: Record<string, string>): Buffer {
  const text = readFileSync(new URL(name, FIXTURES), 'utf8').replace(/\{\{([A-Z0-9_]+)\}\}/g, (_m, key: string) => {
    if (!(key in slots)) throw new Error(`fixture ${name}: no value for {{${key}}}`);
    return slots[key]!;
  });
  return Buffer.from(text.replace(/\r?\n/g, '\r\n'));
}

/** Base64 in 76-character lines, as mail clients write it. */
function base64Lines(content: Buffer): string {
  return content.toString('base64').replace(/.{76}/g, '$&\r\n').trim();
}

/** iCalendar's UTC form of a time (DTSTAMP). */
export function icalStamp(date: Date): string {
  return DateTime.fromJSDate(date, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
}

/** The calendar clients whose REPLY formats the fixtures follow. */
export type CalendarClient = 'outlook' | 'gmail' | 'apple';

/** A calendar client's iTIP REPLY, as that client mails it to the organiser. */
export function calendarReply(client: CalendarClient, reply: { uid: string; attendee: string; from?: string; name?: string; partstat: string; comment?: string; sequence?: number; stamp?: Date; summary?: string }): Buffer {
  const slots = {
    UID: reply.uid,
    ATTENDEE: reply.attendee,
    ATTENDEE_UPPER: reply.attendee.toUpperCase(),
    FROM: reply.from ?? reply.attendee,
    NAME: reply.name ?? 'Zhang Wei',
    PARTSTAT: reply.partstat,
    COMMENT: reply.comment ?? '',
    SEQUENCE: String(reply.sequence ?? 0),
    DTSTAMP: icalStamp(reply.stamp ?? new Date()),
    SUMMARY: reply.summary ?? '2019 Annual Symposium on Financial Work',
    LOCALID: randomBytes(8).toString('hex'),
  };
  let calendar = fixture(`${client}-reply.ics`, slots);
  // Without a comment, Outlook leaves out the COMMENT line and Gmail the X-RESPONSE-COMMENT parameter.
  if (!reply.comment) calendar = Buffer.from(calendar.toString('utf8').replace(/^COMMENT;[^\r\n]*\r\n/m, '').replace(';X-RESPONSE-COMMENT=""', ''));
  return fixture(`${client}-reply.eml`, { ...slots, CALENDAR_BASE64: base64Lines(calendar), COMMENT_BASE64: base64Lines(Buffer.from(reply.comment ?? '')) });
}

/** An event on the 12th of next month, 09:30–12:30 in Shanghai, replies open until the 10th. */
export async function makeWallClockEvent(overrides: Record<string, unknown> = {}) {
  const month = DateTime.now().setZone('Asia/Shanghai').plus({ months: 1 });
  const startsAt = month.set({ day: 12, hour: 9, minute: 30, second: 0, millisecond: 0 });
  return Event.create({
    titleZh: '2019年度金融工作座谈会',
    titleEn: '2019 Annual Symposium on Financial Work',
    startsAt: startsAt.toJSDate(),
    endsAt: startsAt.plus({ hours: 3 }).toJSDate(),
    timezone: 'Asia/Shanghai',
    venue: { name: '高新区管委会', room: '第一会议室', address: '青岛市高新区智力岛路1号' },
    organiserContact: { name: '王秘书', email: 'wang.mishu@zone.test', phone: '+86 532 8888 0000' },
    rsvpDeadline: startsAt.set({ day: 10, hour: 18 }).toJSDate(),
    maxDelegates: 2,
    status: 'scheduled',
    ...overrides,
  });
}

/** An institution invited to an event and sent its invitation: the invitation, its head's address and the Message-ID we sent. */
export async function invitedAndSent(eventId: string) {
  const invited = await inviteInstitution(eventId);
  const event = (await Event.findById(eventId).lean())!;
  await sendInvitations(event as never, [invited.invitationId], organiser);
  const sent = (await OutboxMessage.findOne({ invitationId: invited.invitationId }).lean())!;
  const invitation = (await Invitation.findById(invited.invitationId).lean<InvitationDoc>())!;
  return { ...invited, email: invitation.recipient!.email, name: invitation.recipient!.name, messageId: sent.messageId, uid: event.calendar!.uid! };
}
