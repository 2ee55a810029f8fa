import type { Types } from 'mongoose';
import { MinutesNotice } from './minutes-notice.model.js';

// The only file that reads or writes the records component's notes of which minutes are published.

/** The latest published version of an event's minutes as noted here, or null before the first. */
export async function findPublishedMinutesVersion(eventId: string | Types.ObjectId): Promise<number | null> {
  const notice = await MinutesNotice.findById(eventId, { version: 1 }).lean<{ version: number }>();
  return notice?.version ?? null;
}

/** Note that version `version` of an event's minutes is published, unless a later one is noted already. */
export async function notePublishedMinutesVersion(eventId: string, version: number): Promise<void> {
  const current = await findPublishedMinutesVersion(eventId);
  if (current !== null && current >= version) return;
  await MinutesNotice.updateOne({ _id: eventId }, { $set: { version, publishedAt: new Date() } }, { upsert: true });
}
