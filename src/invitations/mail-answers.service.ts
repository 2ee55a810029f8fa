import { createHash } from 'node:crypto';
import mongoose from 'mongoose';
import { logger } from '../logger.js';
import { answerSnapshot, newCheckInCode, storedDelegates, type AnswerFields, type StoredDelegate } from './answer.js';
import { insertAuditEntryOnce } from './audit-entry.store.js';
import type { InvitationDoc, RsvpStatus } from './invitation.model.js';
import { findInvitation, setCalendarAnswer } from './invitation.store.js';
import { closedReason } from './rsvp.service.js';
import { loadEvent } from './neighbours.js';
import { sendRsvpConfirmation } from './send.service.js';

// What comes back by mail, applied to invitations: calendar replies, bounces and notes.

/** A calendar client's answer (an iTIP REPLY), already matched to an invitation. */
export interface CalendarAnswer {
  /** The inbound message it came in: applying the same message twice changes nothing the second time. */
  inboundId: string;
  status: Exclude<RsvpStatus, 'pending'>;
  comment: string;
  /** DTSTAMP and SEQUENCE of the REPLY: an older reply never overwrites a newer answer. */
  stamp: Date;
  sequence: number;
  /** The attendee's address, for the audit trail. */
  from: string;
}

/** What applying a calendar answer did: `applied`, `already` (this message was applied before), `stale` or `closed`. */
export type CalendarAnswerOutcome = 'applied' | 'already' | 'stale' | 'closed';

/** An ObjectId derived from an inbound message's id, so its audit entry is written once however often it is handled. */
export function auditIdOf(inboundId: string, purpose: string): mongoose.Types.ObjectId {
  return new mongoose.Types.ObjectId(createHash('sha256').update(`${purpose}:${inboundId}`).digest('hex').slice(0, 24));
}

function isStale(invitation: InvitationDoc, answer: CalendarAnswer): boolean {
  const last = invitation.calendarReply;
  if (typeof last?.sequence === 'number' && answer.sequence < last.sequence) return true;
  if (last?.stamp && answer.sequence === last.sequence && answer.stamp <= last.stamp) return true;
  // An answer from the link or an organiser made after the calendar stamped its reply is the newer one.
  return invitation.respondedBy?.kind !== 'calendar' && Boolean(invitation.respondedAt && invitation.respondedAt > answer.stamp);
}

/** The delegates after a calendar answer: those named on the page stay; an acceptance with none names the head. */
function delegatesAfter(invitation: InvitationDoc, status: CalendarAnswer['status']): StoredDelegate[] {
  const named = storedDelegates(invitation);
  if (named.length || status === 'declined') return named;
  const head = invitation.recipient;
  return [{ _id: new mongoose.Types.ObjectId(), name: head?.name ?? '', title: head?.title ?? '', email: head?.email ?? '', phone: '', substituteFor: '', role: 'attendee', checkInCode: newCheckInCode() }];
}

async function auditOnce(invitation: InvitationDoc, answer: CalendarAnswer, after: AnswerFields): Promise<boolean> {
  return insertAuditEntryOnce({
    _id: auditIdOf(answer.inboundId, 'calendar-reply'),
    eventId: invitation.eventId,
    invitationId: invitation._id,
    at: new Date(),
    actor: { kind: 'mail', name: answer.from },
    action: 'rsvp.calendarReply',
    before: answerSnapshot(invitation),
    after: answerSnapshot(after),
  });
}

/**
 * Record an answer from a calendar client like one from the link (audit "from a calendar reply", the same
 * confirmation), except that it never removes delegates named on the page and an older REPLY never overwrites
 * a newer answer. Safe to run again for the same message after a crash: it completes what was left undone.
 */
export async function recordCalendarAnswer(invitationId: unknown, answer: CalendarAnswer, now = new Date()): Promise<CalendarAnswerOutcome> {
  const invitation = await findInvitation(invitationId);
  if (!invitation) throw new Error(`invitation ${String(invitationId)} vanished`);
  const fields: AnswerFields = {
    status: answer.status,
    delegates: delegatesAfter(invitation, answer.status),
    needs: { dietary: invitation.needs?.dietary ?? '', accessibility: invitation.needs?.accessibility ?? '' },
    comment: answer.comment || (invitation.comment ?? ''),
    respondedAt: now,
    respondedBy: { kind: 'calendar', name: answer.from },
  };
  const already = invitation.calendarReply?.inboundId === answer.inboundId;
  if (!already) {
    if (closedReason(await loadEvent(String(invitation.eventId)), now)) return 'closed';
    if (isStale(invitation, answer)) return 'stale';
    // Only if nobody answered meanwhile (the revision read above is still current): else the caller handles it again.
    const written = await setCalendarAnswer(invitation._id, invitation.revision, fields, { stamp: answer.stamp, sequence: answer.sequence, inboundId: answer.inboundId });
    if (!written) return recordCalendarAnswer(invitationId, answer, now);
  }
  // The audit entry's fixed _id makes it the one-time gate for what follows the answer.
  if (await auditOnce(invitation, answer, fields)) {
    await sendRsvpConfirmation(String(invitation._id)).catch((error: unknown) => logger.error({ err: error }, 'Calendar reply confirmation could not be queued'));
    logger.info({ invitationId: String(invitation._id) }, 'RSVP answered by calendar reply from %s: %s', answer.from, answer.status);
  }
  return already ? 'already' : 'applied';
}
