import { departmentExists } from '../institutions/index.js';
import { logger } from '../logger.js';
import { ConflictError, NotFoundError, ValidationError, type FieldErrors } from '../web/errors.js';
import { createOnce } from '../web/submission.js';
import type { EventStatus } from './event.model.js';
import { changedFacts, factsOf, mergeFacts, withDefaults, type Actor, type EventChange, type EventFacts, type EventInput, type EventPatch, type EventRecord } from './event-facts.js';
import { fireEventChanged } from './event-hooks.js';
import { CALENDAR_FACTS, eventTimeErrors, isEditable } from './event-rules.js';
import { findEvent, findEvents, insertEvent, listEventsOfEdition, setEventFieldsIf } from './event.store.js';
import { seriesExists } from './series.store.js';

/** Filters of listEvents. */
export interface EventFilter {
  status?: EventStatus;
  seriesId?: string;
  /** Upcoming: not yet ended; past: ended. Relative to `now`. */
  when?: 'upcoming' | 'past';
  now?: Date;
}

const isObjectId = (id: string): boolean => /^[0-9a-f]{24}$/i.test(id);

/** One event, or NotFoundError for an unknown or malformed id. */
export async function getEvent(id: string): Promise<EventRecord> {
  const event = await findEvent(id);
  if (!event) throw new NotFoundError();
  return event;
}

/** Events matching a filter: upcoming ones soonest first, past ones latest first. */
export async function listEvents(filter: EventFilter = {}): Promise<EventRecord[]> {
  const now = filter.now ?? new Date();
  return findEvents({
    status: filter.status || undefined,
    seriesId: filter.seriesId || undefined,
    endsFrom: filter.when === 'upcoming' ? now : undefined,
    endsBefore: filter.when === 'past' ? now : undefined,
    latestFirst: filter.when === 'past',
  });
}

/** These events, in one read, by start time; unknown and malformed ids are left out. */
export async function listEventsByIds(ids: readonly string[]): Promise<EventRecord[]> {
  return ids.length ? findEvents({ ids: [...new Set(ids)] }) : [];
}

/** Rules that need the database: the series exists, its edition is free, departments exist. */
async function checkFacts(facts: EventFacts, selfId?: string): Promise<void> {
  const errors: FieldErrors = { ...eventTimeErrors(facts) };
  if (facts.seriesId) {
    if (!(await seriesExists(facts.seriesId))) errors.seriesId = 'events.seriesUnknown';
    else if (facts.edition === null) errors.edition = 'events.editionRequired';
    else if (await findEdition(facts.seriesId, facts.edition, selfId)) errors.edition = 'events.editionTaken';
  }
  const departmentIds = [...new Set(facts.zoneParticipants.map((p) => p.departmentId).filter((id): id is string => Boolean(id)))];
  for (const id of departmentIds) {
    if (!(await departmentExists(id))) errors.zoneParticipants = 'events.departmentUnknown';
  }
  if (Object.keys(errors).length) throw new ValidationError(errors);
}

/** The live (not cancelled) event holding an edition of a series, other than `exceptId`. */
export async function findEdition(seriesId: string, edition: number, exceptId?: string): Promise<EventRecord | undefined> {
  const events = await listEventsOfEdition(seriesId, edition);
  return events.find((e) => e.status !== 'cancelled' && String(e._id) !== exceptId);
}

/** Create a draft event; with the form's submission id, the same form sent twice creates one (src/web/submission.ts). */
export async function createEvent(input: EventInput, by: Actor, submissionId?: string): Promise<EventRecord> {
  const facts = withDefaults(input);
  const { record, created } = await createOnce({
    submissionId,
    sent: { ...facts },
    find: (id) => findEvent(id),
    create: async (id) => {
      await checkFacts(facts);
      const fields = { ...facts, status: 'draft', createdBy: isObjectId(by.id) ? by.id : undefined };
      return insertEvent(fields, id);
    },
  });
  if (created) logger.info({ by: by.id, eventId: String(record._id) }, 'Event created by %s: %s', by.email, facts.titleZh);
  return getEvent(String(record._id));
}

/** Refuse changes to closed and cancelled events. */
export function assertEditable(event: EventRecord): void {
  if (!isEditable(event)) throw new ConflictError('events.notEditable');
}

/** How a change is announced: `notify` asks the onEventChanged listeners to tell the invitees. */
export interface ChangeOptions {
  notify?: boolean;
}

/** Change an event's facts; a change of time, zone or venue raises its calendar SEQUENCE. Listeners run after the change. */
export async function updateEvent(id: string, patch: EventPatch, by: Actor, options: ChangeOptions = {}): Promise<EventChange> {
  return applyEventPatch(await getEvent(id), patch, by, options);
}

/** updateEvent on an event already loaded. */
export async function applyEventPatch(old: EventRecord, patch: EventPatch, by: Actor, options: ChangeOptions = {}): Promise<EventChange> {
  assertEditable(old);
  const before = factsOf(old);
  const after = mergeFacts(before, patch);
  await checkFacts(after, String(old._id));
  const changed = changedFacts(before, after);
  if (changed.length === 0) return { event: old, changed };
  const set: Record<string, unknown> = Object.fromEntries(changed.map((name) => [name, after[name]]));
  if (changed.some((name) => (CALENDAR_FACTS as readonly string[]).includes(name))) set['calendar.sequence'] = (old.calendar?.sequence ?? 0) + 1;
  // Stale edits lose: the filter on updatedAt makes a second writer with an old copy get 409.
  if (!(await setEventFieldsIf(old._id, { updatedAt: old.updatedAt, status: old.status }, set))) throw new ConflictError();
  logger.info({ by: by.id, eventId: String(old._id), changed }, 'Event updated by %s: %s (%s)', by.email, after.titleZh, changed.join(', '));
  await fireEventChanged(String(old._id), changed, options.notify ?? false);
  return { event: await getEvent(String(old._id)), changed };
}
