import { isDuplicateKeyError } from '../db/index.js';
import { AnnouncedEvent } from './announced-event.model.js';

// The only file that reads or writes what invitees were last told of each event.

/** An event's time and place as announced. */
export interface AnnouncedRecord {
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  venue?: { name?: string | null; room?: string | null; address?: string | null } | null;
  sequence?: number | null;
  at?: Date;
}

/** What invitees were last told of the event, or null if they were never told by email. */
export function findAnnouncedEvent(eventId: unknown): Promise<AnnouncedRecord | null> {
  return AnnouncedEvent.findById(eventId).lean<AnnouncedRecord>();
}

/** Record what invitees are told, unless a record is there already (the first announcement stays). */
export async function insertAnnouncedEventIfAbsent(eventId: unknown, facts: AnnouncedRecord): Promise<void> {
  if (await AnnouncedEvent.exists({ _id: eventId })) return;
  await AnnouncedEvent.create({ _id: eventId, ...facts }).catch((error: unknown) => {
    if (!isDuplicateKeyError(error)) throw error;
  });
}

/** Record what invitees are told now, replacing any earlier record. */
export async function saveAnnouncedEvent(eventId: unknown, facts: AnnouncedRecord): Promise<void> {
  await AnnouncedEvent.updateOne({ _id: eventId }, { $set: facts }, { upsert: true });
}
