import mongoose, { Schema } from 'mongoose';
import { findByIdCached, invalidateIdCacheOnWrite } from '../db/index.js';
import type { RsvpPageLink, RsvpPageLinkProvider } from '../invitations/index.js';
import { attendedEvent } from './neighbours.js';
import { isPdfAvailable } from './pdf-printer.js';

// The RSVP page may read by `_id` only, so the latest published version of each event's minutes is
// remembered here, under the event's id, when the minutes component announces a publication.

const noticeSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    publishedAt: { type: Date, required: true },
  },
  { collection: 'records_minutes_published' },
);

invalidateIdCacheOnWrite(noticeSchema, 'RecordsMinutesNotice', { cacheMisses: true });

/** Which version of an event's minutes was published last (one document per event, `_id` = event id). */
export const MinutesNotice = mongoose.model('RecordsMinutesNotice', noticeSchema);

/** Remember that version `version` of an event's minutes is published (an older announcement never wins over a newer one). */
export async function rememberPublishedMinutes(eventId: string, version: number): Promise<void> {
  const current = await MinutesNotice.findById(eventId).lean();
  if (current && current.version >= version) return;
  await MinutesNotice.updateOne({ _id: eventId }, { $set: { version, publishedAt: new Date() } }, { upsert: true });
}

/** Links to the published minutes on the invitee's RSVP page (one read by `_id`). */
export const minutesLinks: RsvpPageLinkProvider = async (context) => {
  const notice = await findByIdCached<{ version: number }>(MinutesNotice as never, context.event._id);
  if (!notice) return [];
  const links: RsvpPageLink[] = [{ path: 'minutes.docx', label: 'records.rsvp.minutesLink', note: 'records.rsvp.minutesNote', noteParams: { version: notice.version } }];
  // Only once minutes are published (after the meeting), so the check-ins are read only then.
  if (isPdfAvailable() && (await attendedEvent(context))) links.push({ path: 'minutes.pdf', label: 'records.rsvp.minutesPdfLink' });
  return links;
};
