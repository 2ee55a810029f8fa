import mongoose from 'mongoose';
import { logger } from '../logger.js';
import { NotFoundError } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import { answerSnapshot, storedDelegates, toDelegates, type AnswerFields } from './answer.js';
import { recordAudit, tokenRefOf } from './audit.service.js';
import type { InvitationDoc } from './invitation.model.js';
import { deleteInvitationsOfEvent, findInvitation, insertInvitation, listInvitationsOfEvent } from './invitation.store.js';
import type { InviteeListInput, ManualStatusInput } from './invitations.schemas.js';
import { planInvitations, type InvitationPlan, type LeftOut, type PlannedInvitation } from './invitee-list.service.js';
import { writeAnswer } from './rsvp.service.js';
import { insertRsvpToken } from './rsvp-token.store.js';
import { deriveRsvpToken, hashRsvpToken, issueRsvpToken, rsvpUrl } from './tokens.service.js';

/** A staff member acting on invitations. */
export interface StaffActor {
  id: string;
  email: string;
  name: string;
}

/** An invitation just created, with its RSVP link. */
export interface CreatedInvitation extends PlannedInvitation {
  id: string;
  url: string;
}

/** What creating a list did. */
export interface CreationResult {
  created: CreatedInvitation[];
  skipped: LeftOut[];
  errors: LeftOut[];
  unknown: InvitationPlan['unknown'];
}

/** The invitation with this id within this event, or 404. */
export async function getInvitation(eventId: string, invitationId: string): Promise<InvitationDoc> {
  const invitation = await findInvitation(invitationId);
  if (!invitation || String(invitation.eventId) !== eventId) throw new NotFoundError();
  return invitation;
}

async function insertPlanned(eventId: string, planned: PlannedInvitation): Promise<CreatedInvitation | undefined> {
  // The id is chosen first: the link is derived from it, and is the same one the invitation email carries.
  const _id = new mongoose.Types.ObjectId();
  const { token, hash } = deriveRsvpToken(String(_id), 0);
  const { label: _label, ...fields } = planned;
  const invitation = await insertInvitation({ ...fields, _id, eventId, tokenHash: hash, tokenVersion: 0 });
  // Someone else invited them between the preview and now: the unique (event, invitee) index says so.
  if (!invitation) return undefined;
  await insertRsvpToken(hash, { _id: invitation._id, eventId, institutionId: invitation.institutionId });
  return { ...planned, id: String(invitation._id), url: rsvpUrl(token) };
}

/** Create the invitations of a list (skipping anyone already invited), each with a fresh RSVP link. */
export async function createInvitations(eventId: string, input: InviteeListInput, by: StaffActor, locale: Locale): Promise<CreationResult> {
  const plan = await planInvitations(eventId, input, locale);
  const created: CreatedInvitation[] = [];
  for (const planned of plan.planned) {
    const result = await insertPlanned(eventId, planned);
    if (!result) {
      plan.skipped.push({ key: planned.inviteeKey, label: planned.label, reason: 'invitations.alreadyInvited' });
      continue;
    }
    created.push(result);
    await recordAudit({ eventId, invitationId: result.id, actor: { kind: 'user', userId: by.id, name: by.name }, action: 'invitation.created', after: { recipient: `${planned.recipient.name} <${planned.recipient.email}>`, cc: planned.cc } });
  }
  logger.info({ by: by.id, eventId }, 'Invitations created by %s: %d created, %d skipped, %d errors', by.email, created.length, plan.skipped.length, plan.errors.length);
  return { created, skipped: plan.skipped, errors: plan.errors, unknown: plan.unknown };
}

/** Replace an invitation's RSVP link; the old one stops working at once. Returns the new URL (shown once). */
export async function reissueLink(invitation: InvitationDoc, by: StaffActor): Promise<string> {
  const token = await issueRsvpToken(String(invitation._id));
  await recordAudit({
    eventId: invitation.eventId,
    invitationId: invitation._id,
    actor: { kind: 'user', userId: by.id, name: by.name },
    action: 'invitation.linkReissued',
    before: { link: invitation.tokenHash ? tokenRefOf(invitation.tokenHash) : '' },
    after: { link: tokenRefOf(hashRsvpToken(token)) },
  });
  logger.info({ by: by.id, invitationId: String(invitation._id) }, 'RSVP link reissued by %s for %s', by.email, invitation.recipient?.email);
  return rsvpUrl(token);
}

/** An organiser sets the answer by hand (e.g. after a phone call); recorded with who and when. */
export async function setStatusByOrganiser(invitation: InvitationDoc, input: ManualStatusInput, by: StaffActor, now = new Date()): Promise<void> {
  const coming = input.status === 'accepted' || input.status === 'tentative';
  const answer: AnswerFields = {
    status: input.status,
    delegates: coming ? toDelegates(input.delegates, storedDelegates(invitation), invitation.recipient?.name ?? '') : [],
    needs: { dietary: invitation.needs?.dietary ?? '', accessibility: invitation.needs?.accessibility ?? '' },
    comment: invitation.comment ?? '',
    respondedAt: now,
    respondedBy: { kind: 'organiser', userId: new mongoose.Types.ObjectId(by.id), name: by.name },
  };
  await writeAnswer(invitation._id, answer);
  await recordAudit({
    eventId: invitation.eventId,
    invitationId: invitation._id,
    actor: { kind: 'user', userId: by.id, name: by.name },
    action: 'invitation.statusSet',
    before: answerSnapshot(invitation),
    after: { ...answerSnapshot(answer), note: input.note },
  });
  logger.info({ by: by.id, invitationId: String(invitation._id) }, 'RSVP status set by %s for %s: %s', by.email, invitation.recipient?.email, input.status);
}

/** Copy an event's invitee list to another event (its next edition): same invitees and roles, pending, no links. */
export async function copyInvitees(fromId: string, toId: string): Promise<number> {
  const source = await listInvitationsOfEvent(fromId);
  let copied = 0;
  try {
    for (const inv of source) {
      const { kind, inviteeKey, institutionId, departmentId, recipient, cc, locale, guestRole } = inv;
      const fresh = await insertInvitation({ eventId: toId, kind, inviteeKey, institutionId, departmentId, recipient, cc, locale, guestRole });
      if (fresh) copied += 1;
    }
  } catch (error) {
    // The clone is undone when a listener fails, so leave no orphaned invitations behind either.
    await deleteInvitationsOfEvent(toId);
    throw error;
  }
  if (copied) await recordAudit({ eventId: toId, actor: { kind: 'system', name: 'clone' }, action: 'invitation.copied', after: { from: fromId, count: copied } });
  return copied;
}
