import mongoose, { Schema } from 'mongoose';

const noticeSchema = new Schema(
  {
    /** The event's id. */
    _id: { type: Schema.Types.ObjectId, required: true },
    version: { type: Number, required: true },
    publishedAt: { type: Date, required: true },
  },
  { collection: 'records_minutes_published' },
);

/** Which version of an event's minutes was published last (one document per event, `_id` = event id). */
export const MinutesNotice = mongoose.model('RecordsMinutesNotice', noticeSchema);
