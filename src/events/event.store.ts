import type { Types } from 'mongoose';
import type { EventRecord } from './event-facts.js';
import { Event, type EventDoc, type EventStatus } from './event.model.js';

// The only file that reads or writes events.

const OBJECT_ID = /^[0-9a-f]{24}$/i;
const isObjectId = (id: unknown): boolean => OBJECT_ID.test(String(id));

/** An id as callers hold it: text from a URL or an ObjectId from another record. */
export type EventId = string | Types.ObjectId;

/** Fields of a new event, as the schema takes them (it validates and fills defaults). */
export type NewEvent = { [K in Exclude<keyof EventDoc, '_id'>]?: unknown };

/** Filters of findEvents (already resolved: no relative dates). */
export interface EventQuery {
  status?: EventStatus;
  /** A malformed series id matches nothing. */
  seriesId?: string;
  /** Only these events (malformed ids match nothing). */
  ids?: readonly string[];
  endsFrom?: Date;
  endsBefore?: Date;
  /** Latest start first instead of soonest. */
  latestFirst?: boolean;
}

/** One event, or null for an unknown or malformed id. */
export async function findEvent(id: EventId): Promise<EventRecord | null> {
  if (!isObjectId(id)) return null;
  return Event.findById(id).lean<EventRecord>();
}

/** The event with this calendar UID (what iTIP replies name), or null. */
export async function findEventByCalendarUid(uid: string): Promise<EventRecord | null> {
  return Event.findOne({ 'calendar.uid': uid }).lean<EventRecord>();
}

/** Events matching a query, by start time. */
export async function findEvents(query: EventQuery): Promise<EventRecord[]> {
  const filter: Record<string, unknown> = {};
  if (query.status) filter.status = query.status;
  if (query.seriesId !== undefined) {
    if (!isObjectId(query.seriesId)) return [];
    filter.seriesId = query.seriesId;
  }
  if (query.ids) filter._id = { $in: query.ids.filter(isObjectId) };
  if (query.endsFrom) filter.endsAt = { $gte: query.endsFrom };
  if (query.endsBefore) filter.endsAt = { $lt: query.endsBefore };
  return Event.find(filter)
    .sort({ startsAt: query.latestFirst ? -1 : 1 })
    .lean<EventRecord[]>();
}

/** The events holding an edition of a series (cancelled ones included), newest first. */
export async function listEventsOfEdition(seriesId: EventId, edition: number): Promise<EventRecord[]> {
  return Event.find({ seriesId, edition }).sort({ createdAt: -1 }).lean<EventRecord[]>();
}

/** The events of a series with an earlier edition than this one, latest edition first (cancelled ones included). */
export async function listEventsBeforeEdition(seriesId: EventId, edition: number): Promise<EventRecord[]> {
  return Event.find({ seriesId, edition: { $lt: edition } }).sort({ edition: -1, createdAt: -1 }).lean<EventRecord[]>();
}

/** The id of an event of the series with this edition, or null. */
export async function findEventIdOfEdition(seriesId: EventId, edition: number): Promise<{ _id: Types.ObjectId } | null> {
  return Event.findOne({ seriesId, edition }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
}

/** The id of an event of the series with a later edition than this one, or null. */
export async function findEventIdAfterEdition(seriesId: EventId, edition: number): Promise<{ _id: Types.ObjectId } | null> {
  return Event.findOne({ seriesId, edition: { $gt: edition } }, { _id: 1 }).lean<{ _id: Types.ObjectId }>();
}

/** Insert an event, under `id` when given; returns it as stored. */
export async function insertEvent(fields: NewEvent, id?: string): Promise<EventRecord> {
  return (await Event.create(id ? { _id: id, ...fields } : fields)).toObject() as EventRecord;
}

/** Set fields of an event only if it is still as `expected` says (its updatedAt, status…); false when it was not. */
export async function setEventFieldsIf(id: EventId, expected: Record<string, unknown>, set: Record<string, unknown>): Promise<boolean> {
  const result = await Event.updateOne({ ...expected, _id: id }, { $set: set });
  return result.matchedCount > 0;
}

/** Delete an event (a clone whose listeners failed). */
export async function deleteEvent(id: EventId): Promise<void> {
  await Event.deleteOne({ _id: id });
}
