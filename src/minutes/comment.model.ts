import mongoose, { Schema } from 'mongoose';

const commentSchema = new Schema(
  {
    eventId: { type: String, required: true },
    itemId: { type: String, required: true },
    /** The version of the minutes the comment was made on. */
    version: { type: Number, required: true },
    invitationId: { type: String, required: true },
    institutionId: { type: String, default: null },
    /** The institution's name as it was, so the comment reads the same later. */
    institutionName: { zh: String, en: String },
    authorName: { type: String, default: '' },
    text: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

commentSchema.index({ eventId: 1, createdAt: 1 });

/** A comment of an invited institution on one item of the minutes under review. */
export const MinutesComment = mongoose.model('MinutesComment', commentSchema, 'minutes_comments');

const reviewInviteSchema = new Schema(
  {
    eventId: { type: String, required: true },
    version: { type: Number, required: true },
    at: { type: Date, required: true },
    by: { id: String, email: String, name: String },
    count: { type: Number, required: true },
    batchId: { type: String, required: true },
  },
  { versionKey: false },
);

reviewInviteSchema.index({ eventId: 1, at: -1 });

/** Each time the organiser invited the attending institutions to comment. */
export const MinutesReviewInvite = mongoose.model('MinutesReviewInvite', reviewInviteSchema, 'minutes_review_invites');
