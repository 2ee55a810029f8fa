import { findEvent } from '../events/index.js';
import type { InstitutionDoc } from '../institutions/index.js';
import { logger } from '../logger.js';
import { ConflictError, NotFoundError } from '../web/errors.js';
import { answerSnapshot, storedDelegates, toDelegates, type AnswerFields } from './answer.js';
import { recordAudit, tokenRefOf } from './audit.service.js';
import type { InvitationDoc } from './invitation.model.js';
import { findInvitation, setRsvpAnswer } from './invitation.store.js';
import type { RsvpAnswerInput } from './invitations.schemas.js';
import { answersOpen, findInstitution, type EventView } from './neighbours.js';
import { findLiveToken } from './tokens.service.js';

/** Everything the RSVP page needs, found from the token in the link. */
export interface RsvpContext {
  tokenHash: string;
  invitation: InvitationDoc;
  event: EventView;
  institution?: InstitutionDoc;
}

/**
 * The invitation behind an RSVP link, with its event and institution: four lookups by `_id` (the token,
 * then the other three at once, from the ids the token carries), nothing else.
 * A wrong, revoked or replaced token is the same plain 404, so the answer reveals nothing.
 */
export async function loadRsvp(token: string): Promise<RsvpContext> {
  const record = await findLiveToken(token);
  if (!record) throw new NotFoundError();
  const [invitation, event, institution] = await Promise.all([
    findInvitation(record.invitationId),
    findEvent(String(record.eventId)),
    record.institutionId ? findInstitution(record.institutionId) : undefined,
  ]);
  if (!event) throw new NotFoundError();
  // Only the invitation's current token is live: a replaced one is refused even if its revocation was missed.
  if (!invitation || invitation.tokenHash !== record._id || String(invitation.eventId) !== String(record.eventId)) throw new NotFoundError();
  const sameInstitution = String(invitation.institutionId ?? '') === String(record.institutionId ?? '');
  return { tokenHash: record._id, invitation, event, institution: sameInstitution ? (institution ?? undefined) : await findInstitution(invitation.institutionId) };
}

/** Why answers are closed, as a message key, or undefined while they are open. */
export function closedReason(event: EventView, now: Date): string | undefined {
  if (event.status === 'cancelled') return 'rsvp.cancelled';
  return answersOpen(event, now) ? undefined : 'rsvp.closed';
}

/** Whom the delegates may stand in for: the person the invitation is addressed to. */
export function headNameOf(invitation: InvitationDoc): string {
  return invitation.recipient?.name ?? '';
}

/**
 * Record an answer from the RSVP link. The whole answer goes in one update by `_id`, so concurrent
 * answers leave exactly one of them, never a mix; each one is kept in the audit trail.
 */
export async function recordRsvp(context: RsvpContext, input: RsvpAnswerInput, now = new Date()): Promise<void> {
  const { invitation, event, tokenHash } = context;
  const reason = closedReason(event, now);
  if (reason) throw new ConflictError(reason);
  const tokenRef = tokenRefOf(tokenHash);
  const answer: AnswerFields = {
    status: input.status,
    delegates: input.status === 'declined' ? [] : toDelegates(input.delegates, storedDelegates(invitation), headNameOf(invitation)),
    needs: input.status === 'declined' ? { dietary: '', accessibility: '' } : input.needs,
    comment: input.comment,
    respondedAt: now,
    respondedBy: { kind: 'token', name: tokenRef },
  };
  await writeAnswer(invitation._id, answer);
  await recordAudit({
    eventId: invitation.eventId,
    invitationId: invitation._id,
    actor: { kind: 'token', tokenRef },
    action: 'rsvp.answered',
    before: answerSnapshot(invitation),
    after: answerSnapshot(answer),
  });
  logger.info({ invitationId: String(invitation._id), tokenRef }, 'RSVP answered by link %s: %s', tokenRef, answer.status);
}

/** One update by `_id`: the whole answer in `$set`, and the revision bumped alongside. */
export async function writeAnswer(invitationId: unknown, answer: AnswerFields): Promise<void> {
  if (!(await setRsvpAnswer(invitationId, answer))) throw new NotFoundError();
}
