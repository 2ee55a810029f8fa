import { logger } from '../logger.js';
import { ConflictError } from '../web/errors.js';
import type { EventStatus } from './event.model.js';
import type { Actor, EventChange } from './event-facts.js';
import { fireEventChanged } from './event-hooks.js';
import { allowedTransitions } from './event-rules.js';
import { setEventFieldsIf } from './event.store.js';
import { getEvent, type ChangeOptions } from './events.service.js';

/**
 * Move an event along its lifecycle (draft → scheduled → held → closed; draft|scheduled → cancelled).
 * Anything else is a ConflictError that says what the current status allows; nothing changes.
 * The onEventChanged listeners run after the change (`notify`: tell the invitees, e.g. of a cancellation).
 */
export async function transitionEvent(id: string, to: EventStatus, by: Actor, options: ChangeOptions = {}): Promise<EventChange> {
  const event = await getEvent(id);
  const from = event.status;
  if (!allowedTransitions(from).includes(to)) throw new ConflictError(`events.transitionFrom.${from}`);
  // The status in the filter stops two organisers from both moving the event on from the same state.
  const moved = await setEventFieldsIf(event._id, { status: from }, { status: to, 'calendar.sequence': (event.calendar?.sequence ?? 0) + 1 });
  if (!moved) throw new ConflictError();
  logger.info({ by: by.id, eventId: id, from, to }, 'Event status changed by %s: %s (%s → %s)', by.email, event.titleZh, from, to);
  await fireEventChanged(id, ['status'], options.notify ?? false);
  return { event: await getEvent(id), changed: ['status'] };
}
