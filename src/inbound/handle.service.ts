import { simpleParser, type ParsedMail } from 'mailparser';
import { findEventByCalendarUid, type EventDoc } from '../events/index.js';
import { addInvitationNote, recordCalendarAnswer, recordInvitationBounce, type InvitationDoc, findInvitationOfAddress } from '../invitations/index.js';
import { findOutboxMessageByMessageIds, markOutboxBounced } from '../mail/index.js';
import { classifyMessage, type Classified } from './classify.js';
import type { ItipMessage } from './itip.js';

/** What handling one message decided: its kind, whether it is set aside, what it changed and for which invitation. */
export interface Handled {
  kind: Classified['kind'];
  status: 'processed' | 'quarantined';
  outcome?: string;
  reason?: string;
  details?: Record<string, unknown>;
  eventId?: unknown;
  invitationId?: unknown;
  from: string;
  subject: string;
}

const ANSWERS = { ACCEPTED: 'accepted', TENTATIVE: 'tentative', DECLINED: 'declined' } as const;
const NOTE_TEXT_LIMIT = 4000;

type Base = Pick<Handled, 'from' | 'subject'> & { id: string; parsed: ParsedMail };
const quarantine = (base: Base, kind: Handled['kind'], reason: string, extra: Partial<Handled> = {}): Handled => ({ from: base.from, subject: base.subject, kind, status: 'quarantined', reason, ...extra });
const processed = (base: Base, kind: Handled['kind'], outcome: string, extra: Partial<Handled> = {}): Handled => ({ from: base.from, subject: base.subject, kind, status: 'processed', outcome, ...extra });

/** The event and invitation an iTIP message names, or why it matches none; the sender must be the attendee. */
async function matchItip(base: Base, kind: Handled['kind'], itip: ItipMessage): Promise<{ event: EventDoc; invitation: InvitationDoc } | Handled> {
  const event = await findEventByCalendarUid(itip.uid);
  if (!event) return quarantine(base, kind, 'inbound.reason.unknownUid', { details: { uid: itip.uid } });
  const scope = { eventId: event._id, details: { attendee: itip.attendee.email } };
  if (event.status === 'cancelled') return quarantine(base, kind, 'inbound.reason.cancelled', scope);
  const email = itip.attendee.email;
  const invitation = email ? await findInvitationOfAddress(event._id, email) : null;
  if (!invitation) return quarantine(base, kind, 'inbound.reason.unknownAttendee', scope);
  // Mail is not authenticated, but a reply for someone else from a third address is the cheapest fake: refuse it.
  if (base.from !== email) return quarantine(base, kind, 'inbound.reason.senderMismatch', { ...scope, invitationId: invitation._id });
  return { event, invitation };
}

async function handleCalendar(base: Base, classified: Extract<Classified, { itip: ItipMessage }>): Promise<Handled> {
  const { itip, kind } = classified;
  const matched = await matchItip(base, kind, itip);
  if (!('invitation' in matched)) return matched;
  const scope = { eventId: matched.event._id, invitationId: matched.invitation._id };
  if (kind !== 'calendar-reply') {
    const text = kind === 'counter' ? [itip.proposed?.start?.toISOString(), itip.proposed?.end?.toISOString()].filter(Boolean).join(' – ') : itip.attendee.delegatedTo;
    await addInvitationNote(matched.invitation._id, { inboundId: base.id, kind, from: base.from, subject: base.subject, text: [text, itip.comment].filter(Boolean).join('\n'), at: new Date() });
    return processed(base, kind, 'inbound.outcome.noted', { ...scope, details: { proposed: text, comment: itip.comment } });
  }
  const status = ANSWERS[itip.attendee.partstat as keyof typeof ANSWERS];
  if (!status) return quarantine(base, kind, 'inbound.reason.noAnswer', scope);
  const result = await recordCalendarAnswer(matched.invitation._id, { inboundId: base.id, status, comment: itip.comment, stamp: itip.stamp ?? base.parsed.date ?? new Date(), sequence: itip.sequence, from: base.from });
  const details = { status, comment: itip.comment, before: matched.invitation.status };
  if (result === 'closed') return quarantine(base, kind, 'inbound.reason.closed', { ...scope, details });
  return processed(base, kind, result === 'stale' ? 'inbound.outcome.stale' : 'inbound.outcome.answered', { ...scope, details });
}

async function handleBounce(base: Base, classified: Extract<Classified, { kind: 'bounce' }>): Promise<Handled> {
  const { bounce } = classified;
  const details = { address: bounce.address, reason: bounce.reason };
  if (!bounce.failed) return processed(base, 'bounce', 'inbound.outcome.delayed', { details });
  const sent = await findOutboxMessageByMessageIds(bounce.messageIds);
  if (!sent) return quarantine(base, 'bounce', 'inbound.reason.unmatched', { details });
  const address = bounce.address || sent.to[0]?.email || '';
  await markOutboxBounced(sent._id, { reason: bounce.reason, address, at: new Date() });
  if (sent.invitationId) await recordInvitationBounce(sent.invitationId, { inboundId: base.id, reason: bounce.reason, address, at: new Date() });
  return processed(base, 'bounce', 'inbound.outcome.bounced', { eventId: sent.eventId, invitationId: sent.invitationId, details: { ...details, address } });
}

async function handleReply(base: Base, classified: Extract<Classified, { references: string[] }>): Promise<Handled> {
  const sent = await findOutboxMessageByMessageIds(classified.references);
  if (!sent?.invitationId) {
    return classified.kind === 'auto-reply' ? processed(base, 'auto-reply', 'inbound.outcome.ignored') : quarantine(base, 'reply', 'inbound.reason.unmatched');
  }
  const scope = { eventId: sent.eventId, invitationId: sent.invitationId };
  // Auto-replies are kept for the record, never answered and never counted as an answer.
  if (classified.kind === 'auto-reply') return processed(base, 'auto-reply', 'inbound.outcome.ignored', scope);
  const text = (base.parsed.text ?? '').trim().slice(0, NOTE_TEXT_LIMIT);
  await addInvitationNote(sent.invitationId, { inboundId: base.id, kind: 'reply', from: base.from, subject: base.subject, text, at: new Date() });
  return processed(base, 'reply', 'inbound.outcome.noted', scope);
}

/** Parse, classify and handle one stored message; a message that cannot be parsed is quarantined. */
export async function handleInbound(id: string, raw: Buffer): Promise<Handled> {
  let parsed: ParsedMail;
  let classified: Classified;
  try {
    parsed = await simpleParser(raw);
    classified = classifyMessage(parsed, raw);
  } catch (error) {
    return { kind: 'unknown', status: 'quarantined', reason: 'inbound.reason.unparsable', details: { error: (error as Error).message }, from: '', subject: '' };
  }
  const base: Base = { id, parsed, from: (parsed.from?.value[0]?.address ?? '').toLowerCase(), subject: parsed.subject ?? '' };
  switch (classified.kind) {
    case 'calendar-reply':
    case 'counter':
    case 'delegated':
      return handleCalendar(base, classified);
    case 'bounce':
      return handleBounce(base, classified);
    case 'reply':
    case 'auto-reply':
      return handleReply(base, classified);
    default:
      return quarantine(base, 'unknown', classified.reason);
  }
}
