import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** Whether the news summary shows on its public page. */
export const NEWS_STATUSES = ['draft', 'published'] as const;

const newsSchema = new Schema(
  {
    /** The event's id: one summary per event. */
    _id: { type: Schema.Types.ObjectId, required: true },
    titleZh: { type: String, default: '' },
    bodyZh: { type: String, default: '' },
    titleEn: { type: String, default: '' },
    bodyEn: { type: String, default: '' },
    /** Lines the organiser typed for the draft ("31 financial projects introduced in 2018"). */
    figures: { type: [String], default: [] },
    status: { type: String, enum: NEWS_STATUSES, default: 'draft' },
    /** The text as last published: what the public page shows, so a plain save of later edits stays private. */
    published: { type: { titleZh: String, bodyZh: String, titleEn: String, bodyEn: String }, default: undefined },
    /** When it was first published: the date the public page shows, kept through later edits. */
    firstPublishedAt: Date,
    publishedAt: Date,
    updatedBy: { id: String, email: String },
    /** Bumped by every save; a save names the revision it was edited from, so a concurrent one is refused. */
    revision: { type: Number, default: 0 },
  },
  { timestamps: true, collection: 'news_summaries' },
);

// The public list of published summaries, newest first.
newsSchema.index({ status: 1, firstPublishedAt: -1 });

/** A stored news summary. */
export type NewsDoc = InferSchemaType<typeof newsSchema> & { _id: mongoose.Types.ObjectId; updatedAt: Date };

/** The news summary of an event, edited by the organiser and published at `/news/<eventId>`. */
export const NewsSummary = mongoose.model('NewsSummary', newsSchema);
