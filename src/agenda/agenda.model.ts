import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** Kinds of agenda item. */
export const AGENDA_ITEM_TYPES = ['opening_address', 'address', 'report', 'exchange', 'qa', 'closing'] as const;
/** A kind of agenda item. */
export type AgendaItemType = (typeof AGENDA_ITEM_TYPES)[number];

const speakerSchema = new Schema(
  {
    name: { type: String, required: true, trim: true },
    title: { type: String, default: '', trim: true },
    /** Institution or department, as it should be printed. */
    organisation: { type: String, default: '', trim: true },
  },
  { _id: false },
);

const documentRefSchema = new Schema({
  filename: { type: String, required: true },
  contentType: { type: String, required: true },
  size: { type: Number, required: true },
});

const itemSchema = new Schema({
  type: { type: String, enum: AGENDA_ITEM_TYPES, required: true },
  titleZh: { type: String, required: true, trim: true },
  titleEn: { type: String, default: '', trim: true },
  durationMinutes: { type: Number, required: true, min: 0 },
  /** Set when the organiser overrides the time that follows from the items before. */
  startsAtOverride: { type: Date, default: null },
  speakers: { type: [speakerSchema], default: [] },
  description: { type: String, default: '' },
  documents: { type: [documentRefSchema], default: [] },
});

const agendaSchema = new Schema(
  {
    /** The event's id: one agenda per event, read by `_id` (fast on the embedded engine). */
    _id: { type: Schema.Types.ObjectId, required: true },
    /** The working copy, in order. */
    items: { type: [itemSchema], default: [] },
    /** Bumped on every save of the working copy. */
    revision: { type: Number, default: 0 },
    /** The latest published version (0: never published). */
    publishedVersion: { type: Number, default: 0 },
  },
  { timestamps: true },
);

/** An event's agenda (working copy). */
export type AgendaDoc = InferSchemaType<typeof agendaSchema>;
/** One stored agenda item. */
export type AgendaItemDoc = InferSchemaType<typeof itemSchema> & { _id: mongoose.Types.ObjectId };

/** One agenda per event, keyed by the event's id. */
export const Agenda = mongoose.model('Agenda', agendaSchema);
