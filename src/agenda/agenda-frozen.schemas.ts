import { Schema } from 'mongoose';

// Schemas shared by the Agenda and AgendaVersion models: a speaker, and an item as it was published.

/** A speaker of an agenda item. */
export const speakerSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    title: { type: String, default: '', trim: true },
    /** Institution or department, as it should be printed. */
    organisation: { type: String, default: '', trim: true },
  },
  { _id: false },
);

/** A document reference inside a frozen version (plain ids, never changed). */
export const frozenDocumentSchema = new Schema(
  { documentId: { type: String, required: true }, filename: String, contentType: String, size: Number },
  { _id: false },
);

/** An item as it was published: its times worked out and frozen. */
export const frozenItemSchema = new Schema(
  {
    itemId: { type: String, required: true },
    order: Number,
    type: String,
    titleZh: String,
    titleEn: String,
    startsAt: Date,
    endsAt: Date,
    durationMinutes: Number,
    timeOverridden: Boolean,
    speakers: { type: [speakerSchema], default: [] },
    description: String,
    documents: { type: [frozenDocumentSchema], default: [] },
  },
  { _id: false },
);
