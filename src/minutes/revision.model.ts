import mongoose, { Schema } from 'mongoose';

const actionSchema = new Schema(
  {
    text: { type: String, required: true },
    departmentId: { type: String, default: null },
    dueDate: { type: Date, default: null },
  },
  { _id: false },
);

const revisionSchema = new Schema(
  {
    /** `<eventId>:<itemId>:<n>`: inserting n+1 is the only way to save on top of n, so two saves on n cannot both win. */
    _id: { type: String, required: true },
    eventId: { type: String, required: true },
    itemId: { type: String, required: true },
    revision: { type: Number, required: true },
    /** The version of the minutes being written when this was saved. */
    version: { type: Number, required: true },
    notes: { type: String, default: '' },
    keyPoints: { type: [String], default: [] },
    decisions: { type: [String], default: [] },
    actions: { type: [actionSchema], default: [] },
    savedAt: { type: Date, required: true },
    savedBy: { id: String, email: String, name: String },
    /** Set when this revision brought back an older one. */
    restoredFrom: { type: Number, default: null },
  },
  { versionKey: false },
);

/** Every save of a minutes item, immutable once inserted. */
export const MinutesRevision = mongoose.model('MinutesRevision', revisionSchema, 'minutes_revisions');

const headSchema = new Schema(
  {
    /** `<eventId>:<itemId>`. */
    _id: { type: String, required: true },
    /** The newest revision known; may lag behind by a crash or a race, so readers look one further (see revisions.service). */
    revision: { type: Number, default: 0 },
  },
  { versionKey: false },
);

/** A pointer to each item's newest revision, so the current text is found without listing the revisions. */
export const MinutesItemHead = mongoose.model('MinutesItemHead', headSchema, 'minutes_items');
