import { logger } from '../logger.js';
import type { Locale } from '../web/i18n.js';
import { findAnnouncedEvent, insertAnnouncedEventIfAbsent, saveAnnouncedEvent } from './announced-event.store.js';
import { recordAudit, type Actor } from './audit.service.js';
import { queueBatch, type QueuedBatch } from './batch.service.js';
import { changesFor, type AnnouncedFacts, type FactChange } from './email-view.js';
import type { InvitationDoc } from './invitation.model.js';
import { listInvitationsOfEvent } from './invitation.store.js';
import type { EventView } from './neighbours.js';

// Telling invitees that a scheduled event moved, or was cancelled.

/** Facts whose change invitees' calendars must learn of (the status aside). */
export const TIME_AND_PLACE = ['startsAt', 'endsAt', 'timezone', 'venue'] as const;

function announcedFactsOf(event: EventView) {
  const venue = event.venue;
  return {
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timezone: event.timezone,
    venue: { name: venue?.name ?? '', room: venue?.room ?? '', address: venue?.address ?? '' },
    sequence: event.calendar?.sequence ?? 0,
    at: new Date(),
  };
}

/** Remember the event's time and place as invitees are told it now; `firstOnly` keeps an earlier record. */
export async function recordAnnounced(event: EventView, options: { firstOnly: boolean }): Promise<void> {
  if (options.firstOnly) await insertAnnouncedEventIfAbsent(event._id, announcedFactsOf(event));
  else await saveAnnouncedEvent(event._id, announcedFactsOf(event));
}

/** The event's time and place as invitees were last told, if they were told by email. */
export async function announcedFacts(eventId: unknown): Promise<AnnouncedFacts | undefined> {
  const record = await findAnnouncedEvent(eventId);
  return record ? { startsAt: record.startsAt, endsAt: record.endsAt, timezone: record.timezone, venue: record.venue ?? {} } : undefined;
}

/** An update waiting to be sent: what it lists and to whom (everyone who has not declined). */
export interface PendingUpdate {
  changes: (locale: Locale) => FactChange[];
  recipients: InvitationDoc[];
}

/** What an update of a scheduled event would list and to whom; nothing when there is no change of time or place to tell. */
export async function pendingUpdate(event: EventView, changed: readonly string[]): Promise<PendingUpdate> {
  const announced = await announcedFacts(event._id);
  const changes = (locale: Locale) => changesFor(event, announced, changed, locale);
  if (event.status !== 'scheduled' || changes('en').length === 0) return { changes, recipients: [] };
  const recipients = (await listInvitationsOfEvent(String(event._id))).filter((inv) => inv.status !== 'declined');
  return { changes, recipients };
}

const auditActor = (by?: Actor): Actor => by ?? { kind: 'system', name: 'notify' };

/** Send the update (a REQUEST with the stored, higher SEQUENCE) to everyone who has not declined. */
export async function sendUpdates(event: EventView, changed: readonly string[], by?: Actor): Promise<QueuedBatch> {
  const { changes, recipients } = await pendingUpdate(event, changed);
  const batch = await queueBatch('update', event, recipients, { changes });
  if (!batch.queued) return batch;
  await recordAnnounced(event, { firstOnly: false });
  await recordAudit({ eventId: event._id, actor: auditActor(by), action: 'invitation.updateSent', after: { count: batch.queued, changed: changed.join(', ') } });
  logger.info({ eventId: String(event._id), batchId: batch.batchId }, 'Event update queued for %d invitees: %s', batch.queued, event.titleZh);
  return batch;
}

/** Send the cancellation (METHOD:CANCEL, STATUS:CANCELLED) to every invitee. */
export async function sendCancellations(event: EventView, by?: Actor): Promise<QueuedBatch> {
  const batch = await queueBatch('cancellation', event, await listInvitationsOfEvent(String(event._id)));
  if (!batch.queued) return batch;
  await recordAudit({ eventId: event._id, actor: auditActor(by), action: 'invitation.cancellationSent', after: { count: batch.queued } });
  logger.info({ eventId: String(event._id), batchId: batch.batchId }, 'Cancellation queued for %d invitees: %s', batch.queued, event.titleZh);
  return batch;
}

/** The events hook, when the organiser asked to notify: a cancellation, or an update of time or place. */
export async function announceChange(event: EventView, changed: readonly string[]): Promise<QueuedBatch> {
  if (event.status === 'cancelled' && changed.includes('status')) return sendCancellations(event);
  if (changed.some((name) => (TIME_AND_PLACE as readonly string[]).includes(name))) return sendUpdates(event, changed);
  return { batchId: null, queued: 0 };
}
