import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { frozenDocumentSchema, frozenItemSchema, speakerSchema } from './agenda-frozen.schemas.js';

/** Kinds of agenda item. */
export const AGENDA_ITEM_TYPES = ['opening_address', 'address', 'report', 'exchange', 'qa', 'closing'] as const;
/** A kind of agenda item. */
export type AgendaItemType = (typeof AGENDA_ITEM_TYPES)[number];

/** A document attached to an item or to the agenda; `_id` is the AgendaDocument's (the file lives there). */
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

/** What invitees see: the latest published version, copied here so the RSVP page reads one document by `_id`. */
const publishedSchema = new Schema(
  {
    version: { type: Number, required: true },
    publishedAt: { type: Date, required: true },
    items: { type: [frozenItemSchema], default: [] },
    documents: { type: [frozenDocumentSchema], default: [] },
  },
  { _id: false },
);

const agendaSchema = new Schema(
  {
    /** The event's id: one agenda per event. */
    _id: { type: Schema.Types.ObjectId, required: true },
    /** The working copy, in order. */
    items: { type: [itemSchema], default: [] },
    /** Documents of the agenda as a whole (not of one item), e.g. last edition's suggestions report. */
    documents: { type: [documentRefSchema], default: [] },
    /** Bumped on every save of the working copy; saves are conditional on it (see agenda.store.ts). */
    revision: { type: Number, default: 0 },
    /** The latest published version (0: never published). */
    publishedVersion: { type: Number, default: 0 },
    /** A copy of version `publishedVersion` (null until the first publication). */
    published: { type: publishedSchema, default: null },
  },
  { timestamps: true },
);

/** An event's agenda (working copy). */
export type AgendaDoc = InferSchemaType<typeof agendaSchema>;
/** One stored agenda item. */
export type AgendaItemDoc = InferSchemaType<typeof itemSchema> & { _id: mongoose.Types.ObjectId };
/** A stored reference to a document. */
export type DocumentRefDoc = InferSchemaType<typeof documentRefSchema> & { _id: mongoose.Types.ObjectId };

/** One agenda per event, keyed by the event's id. */
export const Agenda = mongoose.model('Agenda', agendaSchema);
