import mongoose, { Schema } from 'mongoose';

const apiTokenSchema = new Schema(
  {
    /** SHA-256 of the token: the token itself is shown once and never stored. */
    _id: { type: String, required: true },
    userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    label: { type: String, default: '' },
    /** The first characters, so a person can tell tokens apart. */
    prefix: { type: String, required: true },
    lastUsedAt: Date,
    revokedAt: Date,
  },
  { timestamps: true },
);

/** API tokens for `Authorization: Bearer`, keyed by their hash so lookups are by `_id`. */
export const ApiToken = mongoose.model('ApiToken', apiTokenSchema);
