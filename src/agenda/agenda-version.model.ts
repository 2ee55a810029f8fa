import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { frozenDocumentSchema, frozenItemSchema } from './agenda-frozen.schemas.js';

/** What kind of change a published version made to an item or to the agenda's documents. */
export const AGENDA_CHANGE_KINDS = ['added', 'removed', 'moved', 'retimed', 'retitled', 'speakers', 'details', 'documentAdded', 'documentRemoved'] as const;
/** A kind of change. */
export type AgendaChangeKind = (typeof AGENDA_CHANGE_KINDS)[number];

/** One side of a change: only the fields the kind needs are set. */
const changeSideSchema = new Schema(
  {
    order: Number,
    startsAt: Date,
    endsAt: Date,
    titleZh: String,
    titleEn: String,
    speakers: { type: [String], default: undefined },
    filename: String,
  },
  { _id: false },
);

const changeSchema = new Schema(
  {
    kind: { type: String, enum: AGENDA_CHANGE_KINDS, required: true },
    /** The item changed ('' for a document of the agenda as a whole). */
    itemId: { type: String, default: '' },
    titleZh: { type: String, default: '' },
    titleEn: { type: String, default: '' },
    before: { type: changeSideSchema, default: null },
    after: { type: changeSideSchema, default: null },
  },
  { _id: false },
);

const versionSchema = new Schema(
  {
    /** `<eventId>:<version>`: inserting it claims the version number, so two publications cannot both make N. */
    _id: { type: String, required: true },
    eventId: { type: Schema.Types.ObjectId, ref: 'Event', required: true },
    version: { type: Number, required: true },
    publishedAt: { type: Date, required: true },
    publishedBy: { id: String, email: String },
    /** The event's times when published: a later version whose event times differ carries a calendar update. */
    eventStartsAt: { type: Date, required: true },
    eventEndsAt: { type: Date, required: true },
    items: { type: [frozenItemSchema], default: [] },
    documents: { type: [frozenDocumentSchema], default: [] },
    /** What changed since the version before (empty for version 1). */
    changes: { type: [changeSchema], default: [] },
    /** Set once the update email for this version was queued. */
    notifiedAt: { type: Date, default: null },
    notifiedBy: { type: String, default: '' },
    notifiedCount: { type: Number, default: 0 },
    /** Sends that failed and were given back; the next send claims `agenda-notify:<_id>:<notifyAttempts>`. */
    notifyAttempts: { type: Number, default: 0 },
  },
  { timestamps: false },
);

versionSchema.index({ eventId: 1, version: -1 });

/** A published version as stored. */
export type AgendaVersionDoc = InferSchemaType<typeof versionSchema>;
/** A stored change. */
export type AgendaChangeDoc = InferSchemaType<typeof changeSchema>;

/** Published versions of agendas, frozen: written once, never changed (but for the notification stamp). */
export const AgendaVersion = mongoose.model('AgendaVersion', versionSchema, 'agenda_versions');

/** The `_id` of version N of an event's agenda. */
export function versionKey(eventId: string, version: number): string {
  return `${eventId}:${version}`;
}
