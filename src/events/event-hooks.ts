/**
 * Called after an event's facts or status changed: `changed` names them (`startsAt`, `venue`, `status`…),
 * `notify` says whether the organiser asked for invitees to be told (an update or a cancellation).
 */
export type EventChangedListener = (eventId: string, changed: string[], notify: boolean) => Promise<void>;

const changedListeners: EventChangedListener[] = [];

/** Register a listener for event changes (the invitations component reschedules reminders and sends updates). */
export function onEventChanged(listener: EventChangedListener): void {
  changedListeners.push(listener);
}

/** Run the listeners one after the other; the change is already stored, so a failing listener fails the request but undoes nothing. */
export async function fireEventChanged(eventId: string, changed: readonly string[], notify: boolean): Promise<void> {
  for (const listener of changedListeners) await listener(eventId, [...changed], notify);
}
