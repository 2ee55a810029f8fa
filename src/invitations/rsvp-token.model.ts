import mongoose, { Schema } from 'mongoose';

const rsvpTokenSchema = new Schema(
  {
    /** SHA-256 (hex) of the token in the link; the token itself is never stored. */
    _id: { type: String, required: true },
    invitationId: { type: Schema.Types.ObjectId, ref: 'Invitation', required: true },
    eventId: { type: Schema.Types.ObjectId, ref: 'Event', required: true },
    /** Copied from the invitation so the RSVP page can fetch invitation, event and institution at once. */
    institutionId: { type: Schema.Types.ObjectId, ref: 'Institution' },
    revokedAt: Date,
  },
  { timestamps: true },
);

/** RSVP link tokens, keyed by hash so `/rsvp/<token>` is a lookup by `_id`. */
export const RsvpToken = mongoose.model('RsvpToken', rsvpTokenSchema);
