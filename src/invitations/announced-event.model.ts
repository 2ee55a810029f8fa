import mongoose, { Schema } from 'mongoose';

/**
 * An event's time and place as its invitees were last told by email (when invitations first went out,
 * then with each update), so an update can list what changed since: "09:30 → 14:00".
 */
const announcedEventSchema = new Schema(
  {
    /** The event's id: one record per event, read and written by `_id`. */
    _id: { type: Schema.Types.ObjectId, required: true },
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    timezone: { type: String, required: true },
    venue: { name: String, room: String, address: String },
    sequence: Number,
    at: { type: Date, default: () => new Date() },
  },
  { versionKey: false },
);

/** What invitees were last told of each event's time and place. */
export const AnnouncedEvent = mongoose.model('AnnouncedEvent', announcedEventSchema, 'announced_events');
