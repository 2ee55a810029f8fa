import ejs from 'ejs';
import { buildCalendar, type CalendarMethod, type PartStat } from '../calendar/index.js';
import { getConfig } from '../config.js';
import { renderEmail, type OutgoingMessage, type RenderedEmail } from '../mail/index.js';
import { isLocale, translate, type Locale } from '../web/i18n.js';
import { checkInQrPng } from './check-in-qr.js';
import { agendaFor, answerFor, factsFor, locationOf, oneLine, type EmailDelegate, type FactChange } from './email-view.js';
import type { DelegateRole, InvitationDoc, RsvpStatus } from './invitation.model.js';
import { descriptionOf, titleOf, type EventView } from './neighbours.js';

/** The messages invitees receive. */
export const EMAIL_KINDS = ['invitation', 'rsvp-confirmation', 'reminder', 'day-before', 'update', 'cancellation'] as const;
/** One kind of invitee message. */
export type EmailKind = (typeof EMAIL_KINDS)[number];

interface Template {
  view: string;
  subject: string;
  method: Extract<CalendarMethod, 'REQUEST' | 'CANCEL'>;
  /** Whether the message asks for (or allows changing) a reply, so it shows the deadline. */
  asksReply: boolean;
}

const TEMPLATES: Record<EmailKind, Template> = {
  invitation: { view: 'invitations/emails/invitation', subject: 'invitations.email.invitation.subject', method: 'REQUEST', asksReply: true },
  'rsvp-confirmation': { view: 'invitations/emails/confirmation', subject: 'invitations.email.confirmation.subject', method: 'REQUEST', asksReply: true },
  reminder: { view: 'invitations/emails/reminder', subject: 'invitations.email.reminder.subject', method: 'REQUEST', asksReply: true },
  'day-before': { view: 'invitations/emails/day-before', subject: 'invitations.email.dayBefore.subject', method: 'REQUEST', asksReply: false },
  update: { view: 'invitations/emails/update', subject: 'invitations.email.update.subject', method: 'REQUEST', asksReply: true },
  cancellation: { view: 'invitations/emails/cancellation', subject: 'invitations.email.cancellation.subject', method: 'CANCEL', asksReply: false },
};

const PARTSTAT: Record<RsvpStatus, PartStat> = { pending: 'NEEDS-ACTION', accepted: 'ACCEPTED', tentative: 'TENTATIVE', declined: 'DECLINED' };

/** Chairs and hosts chair; observers and press are optional; everyone else is required. */
function calendarRole(role: DelegateRole | undefined): 'CHAIR' | 'REQ-PARTICIPANT' | 'OPT-PARTICIPANT' {
  if (role === 'chair' || role === 'host') return 'CHAIR';
  return role === 'observer' || role === 'press' ? 'OPT-PARTICIPANT' : 'REQ-PARTICIPANT';
}

/** What composing needs of an invitation. */
export type MailableInvitation = Pick<InvitationDoc, '_id' | 'status' | 'delegates' | 'needs' | 'comment' | 'recipient' | 'cc' | 'locale' | 'guestRole'>;

/** One message to compose. */
export interface ComposeInput {
  kind: EmailKind;
  event: EventView;
  invitation: MailableInvitation;
  /** The invitee (institution, department or guest) in the message's language. */
  inviteeName: string;
  rsvpUrl: string;
  batchId?: string;
  /** For updates: what changed, in the invitation's language. */
  changes?: FactChange[];
  /** A test copy goes to this person only, is marked as a test, and names no invitation. */
  testCopyTo?: { name: string; email: string };
  /** Overrides the invitation's language (test copies). */
  locale?: Locale;
}

/**
 * An invitation's meeting request (or cancellation): the event's stored UID and SEQUENCE, ORGANIZER the
 * sender, an ATTENDEE for the addressee with their current answer, and one for each address copied (cc) as
 * an optional participant with the same answer: a copied secretary's Accept is the institution's answer
 * (inbound mail matches it to the invitation). Used by emails and the `.ics` download.
 */
export function invitationCalendar(input: {
  method: CalendarMethod;
  event: EventView;
  invitation: Pick<MailableInvitation, 'status' | 'guestRole'>;
  addressee: { name: string; email: string };
  locale: Locale;
  partstat?: PartStat;
  /** A UID other than the event's (test copies: accepting one must not put the real meeting in a calendar). */
  uid?: string;
  /** Addresses copied on the message. */
  cc?: readonly string[];
}): string {
  const { event, invitation, locale } = input;
  const partstat = input.partstat ?? PARTSTAT[invitation.status];
  return buildCalendar({
    method: input.method,
    from: getConfig().mail.from,
    events: [
      {
        uid: input.uid ?? event.calendar?.uid ?? `${String(event._id)}@convene`,
        sequence: event.calendar?.sequence ?? 0,
        summary: titleOf(event, locale),
        description: descriptionOf(event, locale) || undefined,
        location: locationOf(event) || undefined,
        startsAt: event.startsAt,
        endsAt: event.endsAt,
        timezone: event.timezone,
        cancelled: input.method === 'PUBLISH' && event.status === 'cancelled',
        alarmMinutes: event.reminders?.calendarAlarmMinutes ?? null,
        attendees: [
          { ...input.addressee, partstat, role: calendarRole(invitation.guestRole as DelegateRole) },
          ...(input.cc ?? []).filter((email) => email.toLowerCase() !== input.addressee.email.toLowerCase()).map((email) => ({ name: email, email, partstat, role: 'OPT-PARTICIPANT' as const })),
        ],
      },
    ],
  });
}

/** A test copy's own UID, stable per event, never the real meeting's. */
export function testCopyUid(event: EventView): string {
  return `test-copy-${event.calendar?.uid ?? `${String(event._id)}@convene`}`;
}

/**
 * The calendar part of a message; a test copy invites the organiser, who has not answered, under its own UID.
 * Someone who declined gets no meeting request at all (their confirmation is plain mail): a REQUEST would put
 * the meeting back in a calendar that their Decline took it out of.
 */
function calendarFor(input: ComposeInput, locale: Locale, addressee: { name: string; email: string }) {
  const method = TEMPLATES[input.kind].method;
  if (method === 'REQUEST' && !input.testCopyTo && input.invitation.status === 'declined') return undefined;
  const partstat = input.testCopyTo ? 'NEEDS-ACTION' : undefined;
  const uid = input.testCopyTo ? testCopyUid(input.event) : undefined;
  const cc = input.testCopyTo ? [] : input.invitation.cc;
  return { method, content: invitationCalendar({ method, event: input.event, invitation: input.invitation, addressee, locale, partstat, uid, cc }) };
}

/** Each delegate's check-in QR code as an inline image (`cid:`), for mail clients that block data: URLs. */
function qrAttachments(delegates: EmailDelegate[]) {
  return Promise.all(
    delegates
      .filter((d) => d.cid)
      .map(async (d) => ({ filename: `checkin-${d.code}.png`, contentType: 'image/png', content: await checkInQrPng(d.code), cid: d.cid })),
  );
}

/** What differs between the invitees of one batch in messages that show no answer: names and link. */
interface Slots {
  recipientName: string;
  inviteeName: string;
  rsvpUrl: string;
}

/** Markers rendered in place of the slots (no character EJS escapes or html-to-text changes), filled in per invitee. */
const MARKERS: Slots = { recipientName: '%%CONVENE:RECIPIENT%%', inviteeName: '%%CONVENE:INVITEE%%', rsvpUrl: '%%CONVENE:LINK%%' };
const MARKER = /%%CONVENE:(RECIPIENT|INVITEE|LINK)%%/g;
const SLOT_OF = { RECIPIENT: 'recipientName', INVITEE: 'inviteeName', LINK: 'rsvpUrl' } as const;

/** Kinds whose text is the same for every invitee of a batch but for the slots (no answer or delegates shown). */
const STENCIL_KINDS: ReadonlySet<EmailKind> = new Set(['invitation', 'reminder', 'update', 'cancellation']);

/** Renderings shared within a batch, by kind and language. */
export type StencilCache = Map<string, Promise<RenderedEmail>>;

function fill(stencil: RenderedEmail, slots: Slots): RenderedEmail {
  const value = (escape: boolean) => (_match: string, name: keyof typeof SLOT_OF) => (escape ? ejs.escapeXML(slots[SLOT_OF[name]]) : slots[SLOT_OF[name]]);
  return { subject: stencil.subject.replace(MARKER, value(false)), html: stencil.html.replace(MARKER, value(true)), text: stencil.text.replace(MARKER, value(false)) };
}

async function render(input: ComposeInput, locale: Locale, slots: Slots): Promise<RenderedEmail> {
  const template = TEMPLATES[input.kind];
  const facts = factsFor(input.event, locale, template.asksReply);
  const subject = translate(locale, template.subject, { title: oneLine(facts.title) });
  return renderEmail(template.view, locale, input.testCopyTo ? translate(locale, 'invitations.email.testSubject', { subject }) : subject, {
    facts,
    answer: answerFor(input.invitation),
    ...slots,
    agenda: await agendaFor(input.event, locale),
    changes: input.changes ?? [],
    testCopy: Boolean(input.testCopyTo),
  });
}

/**
 * Render one message in the invitation's language, with its calendar part, ready for the outbox. With a
 * `stencils` cache (one per batch), messages that differ only in names and link are rendered once per
 * language and filled in: rendering a template costs milliseconds, filling it microseconds.
 */
export async function composeEmail(input: ComposeInput, stencils?: StencilCache): Promise<OutgoingMessage> {
  const { event, invitation, testCopyTo } = input;
  const locale: Locale = input.locale ?? (isLocale(invitation.locale) ? invitation.locale : 'zh');
  const addressee = testCopyTo ?? { name: invitation.recipient?.name ?? '', email: invitation.recipient?.email ?? '' };
  const slots = { recipientName: addressee.name, inviteeName: input.inviteeName, rsvpUrl: input.rsvpUrl };
  let rendered: RenderedEmail;
  if (stencils && STENCIL_KINDS.has(input.kind)) {
    const key = `${input.kind}:${locale}:${testCopyTo ? 'test' : ''}`;
    if (!stencils.has(key)) stencils.set(key, render(input, locale, MARKERS));
    rendered = fill(await stencils.get(key)!, slots);
  } else {
    rendered = await render(input, locale, slots);
  }
  return {
    kind: testCopyTo ? 'test-copy' : input.kind,
    template: TEMPLATES[input.kind].view,
    locale,
    to: [addressee],
    cc: testCopyTo ? [] : (invitation.cc ?? []).map((email) => ({ email })),
    ...rendered,
    calendar: calendarFor(input, locale, addressee),
    attachments: input.kind === 'rsvp-confirmation' ? await qrAttachments(answerFor(invitation).delegates) : [],
    eventId: String(event._id),
    invitationId: testCopyTo ? undefined : String(invitation._id),
    batchId: input.batchId,
  };
}
