import { cancelJob, registerJobHandler, scheduleJob } from '../jobs/index.js';
import { NotFoundError } from '../web/errors.js';
import { answersOpen, loadEvent, type EventView } from './neighbours.js';
import { remindAttending, remindPending } from './send.service.js';

/** Job kinds of the scheduled reminders. */
export const REMINDER_JOBS = { pending: 'reminder-pending', dayBefore: 'reminder-day-before' } as const;

const DAY_MS = 24 * 3600_000;

/** Facts whose change moves the reminders. */
export const REMINDER_FACTS = ['status', 'startsAt', 'rsvpDeadline', 'reminders'] as const;

/** The keys of an event's two reminder jobs (one of each per event: scheduling again moves it). */
export function reminderJobKeys(eventId: string) {
  return { pending: `${REMINDER_JOBS.pending}:${eventId}`, dayBefore: `${REMINDER_JOBS.dayBefore}:${eventId}` };
}

/** When each reminder of an event is due, per its settings; undefined when there is none. */
export function reminderTimes(event: EventView): { pending?: Date; dayBefore?: Date } {
  if (event.status !== 'scheduled') return {};
  const days = event.reminders?.pendingDaysBeforeDeadline ?? 3;
  const dayBefore = event.reminders?.dayBefore ?? true;
  return {
    pending: event.rsvpDeadline && days > 0 ? new Date(event.rsvpDeadline.getTime() - days * DAY_MS) : undefined,
    dayBefore: dayBefore ? new Date(event.startsAt.getTime() - DAY_MS) : undefined,
  };
}

async function place(key: string, kind: string, at: Date | undefined, eventId: string, now: Date): Promise<void> {
  // A time already past is skipped rather than sent late.
  if (at && at.getTime() > now.getTime()) await scheduleJob(key, kind, at, { eventId });
  else await cancelJob(key);
}

/** (Re)schedule an event's reminders after a change; an event no longer scheduled has none. */
export async function scheduleReminders(event: EventView, now = new Date()): Promise<void> {
  const eventId = String(event._id);
  const keys = reminderJobKeys(eventId);
  const times = reminderTimes(event);
  await place(keys.pending, REMINDER_JOBS.pending, times.pending, eventId, now);
  await place(keys.dayBefore, REMINDER_JOBS.dayBefore, times.dayBefore, eventId, now);
}

/** The event a job is for, if it still exists and is scheduled. */
async function scheduledEvent(payload: Record<string, unknown>): Promise<EventView | undefined> {
  const event = await loadEvent(String(payload.eventId)).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
  return event?.status === 'scheduled' ? event : undefined;
}

/** Register what the reminder jobs do (called once, from index.ts). */
export function registerReminderJobs(): void {
  registerJobHandler(REMINDER_JOBS.pending, async (payload) => {
    const event = await scheduledEvent(payload);
    if (event && answersOpen(event, new Date())) await remindPending(event, undefined);
  });
  registerJobHandler(REMINDER_JOBS.dayBefore, async (payload) => {
    const event = await scheduledEvent(payload);
    if (event) await remindAttending(event);
  });
}
