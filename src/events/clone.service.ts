import { logger } from '../logger.js';
import { ConflictError } from '../web/errors.js';
import type { Actor, EventRecord } from './event-facts.js';
import { factsOf } from './event-facts.js';
import { deleteEvent, listEventsBeforeEdition } from './event.store.js';
import { createEvent, findEdition, getEvent } from './events.service.js';

/** Called after an event has been cloned into its next edition (the invitations component copies the invitee list). */
export type EventClonedListener = (fromId: string, toId: string) => Promise<void>;

const clonedListeners: EventClonedListener[] = [];

/** Register a listener that cloneEvent awaits after creating the new edition. */
export function onEventCloned(listener: EventClonedListener): void {
  clonedListeners.push(listener);
}

/** The new edition's times; the zone defaults to the source event's. */
export interface CloneInput {
  startsAt: Date;
  endsAt: Date;
  rsvpDeadline?: Date | null;
  timezone?: string;
}

/**
 * Clone an event into the next edition of its series: same titles, kind, venue, descriptions, contact,
 * delegate limit and zone participants; new times, a new calendar UID, status draft. Then the listeners
 * run; if one fails the new edition is removed again, so the organiser can simply retry.
 */
export async function cloneEvent(id: string, input: CloneInput, by: Actor): Promise<EventRecord> {
  const source = await getEvent(id);
  const facts = factsOf(source);
  const edition = facts.seriesId && facts.edition !== null ? facts.edition + 1 : null;
  if (facts.seriesId && edition !== null && (await findEdition(facts.seriesId, edition))) throw new ConflictError('events.nextEditionExists');
  const created = await createEvent(
    {
      ...facts,
      edition,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      rsvpDeadline: input.rsvpDeadline ?? null,
      timezone: input.timezone ?? facts.timezone,
      zoneParticipants: facts.zoneParticipants.map(({ _id: _ignored, ...participant }) => participant),
    },
    by,
  );
  const toId = String(created._id);
  try {
    for (const listener of clonedListeners) await listener(id, toId);
  } catch (error) {
    await deleteEvent(created._id);
    throw error;
  }
  logger.info({ by: by.id, eventId: toId, from: id }, 'Event cloned by %s: %s, edition %s', by.email, created.titleZh, String(edition ?? '-'));
  return created;
}

/** The latest earlier edition of the same series that was not cancelled (else the latest earlier one), or undefined. */
export async function previousEdition(eventId: string): Promise<EventRecord | undefined> {
  const event = await getEvent(eventId);
  if (!event.seriesId || typeof event.edition !== 'number') return undefined;
  // The latest earlier edition that took place: a series may skip a year (2019, then 2021), and a cancelled
  // edition invited people but held no meeting.
  const earlier = await listEventsBeforeEdition(event.seriesId, event.edition);
  return earlier.find((e) => e.status !== 'cancelled') ?? earlier[0];
}
