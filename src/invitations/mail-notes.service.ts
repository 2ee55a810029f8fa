import { logger } from '../logger.js';
import { NotFoundError, ValidationError } from '../web/errors.js';
import { recordAudit } from './audit.service.js';
import type { InvitationDoc, NOTE_KINDS } from './invitation.model.js';
import { findInvitation, pushInvitationNote, setInvitationAddresses, setInvitationDelivery, setInvitationNotes } from './invitation.store.js';
import type { StaffActor } from './invitations.service.js';
import { correctContactEmail } from './neighbours.js';

/** A note from inbound mail, shown on the invitation and the board (never applied as an answer). */
export interface InvitationNote {
  inboundId: string;
  kind: (typeof NOTE_KINDS)[number];
  from: string;
  subject: string;
  text: string;
  at: Date;
}

/** Attach a note to an invitation, unread, once per inbound message. Returns whether it was added now. */
export async function addInvitationNote(invitationId: unknown, note: InvitationNote): Promise<boolean> {
  const invitation = await findInvitation(invitationId);
  if (!invitation) throw new NotFoundError();
  if ((invitation.notes ?? []).some((n) => n.inboundId === note.inboundId)) return false;
  await pushInvitationNote(invitation._id, { ...note });
  logger.info({ invitationId: String(invitation._id), kind: note.kind }, 'Mail note from %s attached: %s', note.from, note.subject);
  return true;
}

/** Mark an invitation's notes as read (an organiser opened the invitation). */
export async function markNotesRead(invitation: InvitationDoc): Promise<void> {
  if (!(invitation.notes ?? []).some((n) => !n.read)) return;
  const notes = (invitation.notes ?? []).map((n) => ({ ...n, read: true }));
  await setInvitationNotes(invitation._id, notes);
}

/** A bounce matched to a message sent for an invitation. */
export interface InvitationBounce {
  inboundId: string;
  reason: string;
  address: string;
  at: Date;
}

/** Show an invitation's mail as bounced, with the reason and the failing address (once per bounce message). */
export async function recordInvitationBounce(invitationId: unknown, bounce: InvitationBounce): Promise<boolean> {
  const invitation = await findInvitation(invitationId);
  if (!invitation) throw new NotFoundError();
  if (invitation.delivery?.inboundId === bounce.inboundId) return false;
  await setInvitationDelivery(invitation._id, { status: 'bounced', ...bounce });
  await recordAudit({
    eventId: invitation.eventId,
    invitationId: invitation._id,
    actor: { kind: 'mail', name: bounce.address },
    action: 'invitation.bounced',
    before: { delivery: invitation.delivery?.status ?? 'sent' },
    after: { delivery: 'bounced', address: bounce.address, reason: bounce.reason },
  });
  logger.warn({ invitationId: String(invitation._id) }, 'Mail to %s bounced: %s', bounce.address, bounce.reason);
  return true;
}

/**
 * An organiser corrects the address an invitation bounced from (the addressee's or a copied one): the invitation
 * takes the new address and forgets the bounce, the institution's contact with the old address takes it too (so
 * the next invitation goes right), and the trail records both. Sending again is the caller's next step.
 * ValidationError (422) when the address is the one that bounced or is already on the invitation.
 */
export async function correctBouncedAddress(invitation: InvitationDoc, email: string, by: StaffActor): Promise<void> {
  const recipient = invitation.recipient?.email ?? '';
  const wrong = (invitation.delivery?.address || recipient).toLowerCase();
  const cc = invitation.cc ?? [];
  if (email === wrong) throw new ValidationError({ email: 'invitations.readdress.same' });
  if (email === recipient.toLowerCase() || cc.some((c) => c.toLowerCase() === email)) throw new ValidationError({ email: 'invitations.readdress.alreadyThere' });
  const wasCc = recipient.toLowerCase() !== wrong && cc.some((c) => c.toLowerCase() === wrong);
  await setInvitationAddresses(invitation._id, wasCc ? recipient : email, wasCc ? cc.map((c) => (c.toLowerCase() === wrong ? email : c)) : cc);
  const directory = invitation.institutionId ? await correctContactEmail(String(invitation.institutionId), wrong, email) : false;
  await recordAudit({
    eventId: invitation.eventId,
    invitationId: invitation._id,
    actor: { kind: 'user', userId: by.id, name: by.name },
    action: 'invitation.readdressed',
    before: { address: wrong, delivery: invitation.delivery?.status ?? 'sent' },
    after: { address: email, directory },
  });
}
