import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { getConfig } from '../config.js';
import { logger } from '../logger.js';
import { enqueueMessages } from '../mail/index.js';
import { ConflictError } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import { recordAnnounced } from './announce.service.js';
import { recordAudit, type Actor } from './audit.service.js';
import { invitationsByIds, queueBatch, type QueuedBatch } from './batch.service.js';
import { composeEmail, type MailableInvitation } from './compose.service.js';
import { findInvitation, listInvitationsOfEvent, stampInvitations } from './invitation.store.js';
import type { StaffActor } from './invitations.service.js';
import { answersOpen, loadEvent, type EventView } from './neighbours.js';

// Sending from the RSVP board and the scheduler: invitations, test copies, reminders; and the RSVP confirmation.

const userActor = (by: StaffActor): Actor => ({ kind: 'user', userId: by.id, name: by.name });

/** Invitations announce an event: only once it is scheduled (a draft can be previewed with a test copy). */
function assertScheduled(event: EventView): void {
  if (event.status !== 'scheduled') throw new ConflictError('invitations.notScheduled');
}

/** Mark invitations with the time something was queued for them. */
const stamp = (field: 'sentAt' | 'lastRemindedAt') => (ids: mongoose.Types.ObjectId[]) => stampInvitations(ids, field, new Date());

/** Send the invitation email (with its calendar REQUEST) to the given invitations, or to every one not yet sent. */
export async function sendInvitations(event: EventView, ids: readonly string[] | undefined, by: StaffActor): Promise<QueuedBatch> {
  assertScheduled(event);
  const eventId = String(event._id);
  const invitations = ids ? await invitationsByIds(eventId, ids) : (await listInvitationsOfEvent(eventId)).filter((inv) => !inv.sentAt);
  if (invitations.length) await recordAnnounced(event, { firstOnly: true });
  const batch = await queueBatch('invitation', event, invitations, { onQueued: stamp('sentAt') });
  if (batch.queued) await recordAudit({ eventId, actor: userActor(by), action: 'invitation.sent', after: { count: batch.queued } });
  logger.info({ by: by.id, eventId, batchId: batch.batchId }, 'Invitations queued by %s: %d for %s', by.email, batch.queued, event.titleZh);
  return batch;
}

/** How many invitations sendInvitations would send now (to confirm before sending). */
export async function countToSend(event: EventView, ids?: readonly string[]): Promise<number> {
  const eventId = String(event._id);
  return ids ? (await invitationsByIds(eventId, ids)).length : (await listInvitationsOfEvent(eventId)).filter((inv) => !inv.sentAt).length;
}

/** How many reminders remindPending would send now (to confirm before sending). */
export async function countToRemind(event: EventView, ids?: readonly string[]): Promise<number> {
  const eventId = String(event._id);
  return (ids ? await invitationsByIds(eventId, ids) : await listInvitationsOfEvent(eventId)).filter((inv) => inv.status === 'pending').length;
}

/** A test copy of the invitation, to the organiser only, in a language they pick: marked as a test, with an example link, recorded against no invitation. */
export async function sendTestCopy(event: EventView, to: { name: string; email: string }, locale: Locale, by: StaffActor): Promise<QueuedBatch> {
  const batchId = randomUUID();
  const sample = {
    _id: new mongoose.Types.ObjectId(),
    status: 'pending',
    delegates: [],
    needs: { dietary: '', accessibility: '' },
    comment: '',
    recipient: { name: to.name, email: to.email, title: '', organisation: '' },
    cc: [],
    locale,
    guestRole: 'attendee',
  } as unknown as MailableInvitation;
  const rsvpUrl = `${getConfig().http.publicUrl}/rsvp/test-copy`;
  const message = await composeEmail({ kind: 'invitation', event, invitation: sample, inviteeName: to.name, rsvpUrl, batchId, testCopyTo: to, locale });
  await enqueueMessages([message], getConfig().mail.from);
  logger.info({ by: by.id, eventId: String(event._id) }, 'Test copy of the invitation queued by %s to %s', by.email, to.email);
  return { batchId, queued: 1 };
}

/** Remind invitations that have not answered: the given ones (answered ones are left out) or all pending. `by` is absent for scheduled reminders. */
export async function remindPending(event: EventView, ids: readonly string[] | undefined, by?: StaffActor): Promise<QueuedBatch> {
  assertScheduled(event);
  if (!answersOpen(event, new Date())) throw new ConflictError('invitations.remindClosed');
  const eventId = String(event._id);
  const candidates = ids ? await invitationsByIds(eventId, ids) : await listInvitationsOfEvent(eventId);
  const pending = candidates.filter((inv) => inv.status === 'pending');
  const batch = await queueBatch('reminder', event, pending, { onQueued: stamp('lastRemindedAt') });
  if (batch.queued) await recordAudit({ eventId, actor: by ? userActor(by) : { kind: 'system', name: 'reminders' }, action: 'invitation.reminded', after: { count: batch.queued } });
  logger.info({ by: by?.id ?? 'scheduler', eventId, batchId: batch.batchId }, 'Reminders queued by %s: %d for %s', by?.email ?? 'the scheduler', batch.queued, event.titleZh);
  return batch;
}

/** The day-before reminder, to invitations that accepted or may attend. */
export async function remindAttending(event: EventView): Promise<QueuedBatch> {
  const attending = (await listInvitationsOfEvent(String(event._id))).filter((inv) => inv.status === 'accepted' || inv.status === 'tentative');
  const batch = await queueBatch('day-before', event, attending);
  if (batch.queued) await recordAudit({ eventId: event._id, actor: { kind: 'system', name: 'reminders' }, action: 'invitation.remindedDayBefore', after: { count: batch.queued } });
  logger.info({ eventId: String(event._id), batchId: batch.batchId }, 'Day-before reminders queued: %d for %s', batch.queued, event.titleZh);
  return batch;
}

/** Confirm an answer saved through the RSVP link: the answer, delegates' QR codes and the calendar showing it. */
export async function sendRsvpConfirmation(invitationId: string): Promise<void> {
  const invitation = await findInvitation(invitationId);
  if (!invitation || invitation.status === 'pending') return;
  await queueBatch('rsvp-confirmation', await loadEvent(String(invitation.eventId)), [invitation]);
}
