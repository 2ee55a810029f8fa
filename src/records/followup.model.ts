import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const recipientSchema = new Schema(
  {
    invitationId: { type: Schema.Types.ObjectId, required: true },
    institutionId: Schema.Types.ObjectId,
    email: { type: String, required: true },
    locale: { type: String, required: true },
    attended: { type: Boolean, required: true },
  },
  { _id: false },
);

const followUpSchema = new Schema(
  {
    /**
     * `<eventId>:<n>`, n = 1, 2, … for the event's n-th follow-up. Two organisers sending at once both try
     * to insert the same `_id` and only one can.
     */
    _id: { type: String, required: true },
    eventId: { type: Schema.Types.ObjectId, required: true },
    sequence: { type: Number, required: true },
    /** The outbox batch its messages were queued under (its progress page is /events/:id/batches/:batchId). */
    batchId: { type: String, required: true },
    minutesVersion: { type: Number, required: true },
    includeAbsent: { type: Boolean, default: false },
    recipients: { type: [recipientSchema], default: [] },
    sentBy: { id: String, email: String, name: String },
    sentAt: { type: Date, required: true },
  },
  { collection: 'followups' },
);

followUpSchema.index({ eventId: 1, sequence: 1 });

/** One follow-up sending. */
export type FollowUpDoc = InferSchemaType<typeof followUpSchema>;

/** Each follow-up sent for an event: to whom, with which minutes, by whom; a second one is warned about. */
export const FollowUp = mongoose.model('FollowUp', followUpSchema);
