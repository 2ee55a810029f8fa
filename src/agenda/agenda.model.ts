import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { invalidateIdCacheOnWrite } from '../db/index.js';

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

/** A document reference inside a frozen version (plain ids, never changed). */
const frozenDocumentSchema = new Schema(
  { documentId: { type: String, required: true }, filename: String, contentType: String, size: Number },
  { _id: false },
);

/** An item as it was published: its times worked out and frozen. */
const frozenItemSchema = new Schema(
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
    /** The event's id: one agenda per event, read by `_id` (fast on the embedded engine). */
    _id: { type: Schema.Types.ObjectId, required: true },
    /** The working copy, in order. */
    items: { type: [itemSchema], default: [] },
    /** Documents of the agenda as a whole (not of one item), e.g. last edition's suggestions report. */
    documents: { type: [documentRefSchema], default: [] },
    /** Bumped on every save of the working copy; saves are conditional on it (see agenda-store.ts). */
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
/** One item of a published version. */
export type FrozenItemDoc = InferSchemaType<typeof frozenItemSchema>;
/** A document reference of a published version. */
export type FrozenDocumentDoc = InferSchemaType<typeof frozenDocumentSchema>;

// The RSVP page reads the agenda through the embedded engine's `_id` cache; every write must forget it.
invalidateIdCacheOnWrite(agendaSchema, 'Agenda', { cacheMisses: true });

/** One agenda per event, keyed by the event's id. */
export const Agenda = mongoose.model('Agenda', agendaSchema);

/** The schemas of a frozen version, shared with the AgendaVersion model. */
export const frozenSchemas = { item: frozenItemSchema, document: frozenDocumentSchema };
