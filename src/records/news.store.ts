import mongoose from 'mongoose';
import { NewsSummary, type NewsDoc } from './news.model.js';

// The only file that reads or writes news summaries.

export type { NewsDoc } from './news.model.js';

/** Who last changed a summary. */
export interface NewsEditor {
  id: string;
  email: string;
}

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/** The event's news summary, or null (also for an id that is not an event's). */
export async function findNews(eventId: string): Promise<NewsDoc | null> {
  if (!OBJECT_ID.test(eventId)) return null;
  return NewsSummary.findById(eventId).lean<NewsDoc>();
}

/** The published summaries, first published newest first (at most `limit`). */
export function listPublishedNews(limit: number): Promise<NewsDoc[]> {
  return NewsSummary.find({ status: 'published' }).sort({ firstPublishedAt: -1, _id: -1 }).limit(limit).lean<NewsDoc[]>();
}

/** Write these fields of the event's summary, creating it on the first save. */
export async function setNewsFields(eventId: string, fields: Record<string, unknown>): Promise<void> {
  await NewsSummary.updateOne({ _id: new mongoose.Types.ObjectId(eventId) }, { $set: fields }, { upsert: true });
}

/** Turn a summary back into a draft (its text stays). */
export async function setNewsDraft(eventId: string | mongoose.Types.ObjectId, by: NewsEditor): Promise<void> {
  await NewsSummary.updateOne({ _id: eventId }, { $set: { status: 'draft', updatedBy: { id: by.id, email: by.email } } });
}
