import mongoose, { Schema } from 'mongoose';

const feedTokenSchema = new Schema(
  {
    /** SHA-256 of the token in the subscription URL; the token itself is shown once. */
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    revokedAt: Date,
    lastUsedAt: Date,
  },
  { timestamps: true },
);

/** Secret URLs at which a staff member's calendar app subscribes to the feed of scheduled events. */
export const FeedToken = mongoose.model('FeedToken', feedTokenSchema, 'calendar_feed_tokens');
