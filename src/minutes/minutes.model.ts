import mongoose, { Schema } from 'mongoose';

/** The workflow of one version of the minutes. */
export const MINUTES_STATES = ['draft', 'in_review', 'approved', 'published'] as const;
/** Where the minutes stand. */
export type MinutesStateName = (typeof MINUTES_STATES)[number];

const stateFields = {
  state: { type: String, enum: MINUTES_STATES, default: 'draft' },
  /** The version being written (or the one last published, while published). */
  version: { type: Number, default: 1 },
  /** The newest published version; 0 before the first. */
  publishedVersion: { type: Number, default: 0 },
  /** How many transitions led here: the next one is claimed as `<eventId>:<seq + 1>`. */
  seq: { type: Number, default: 0 },
  /** Who approved this version and exactly which revision of each item they approved. */
  approved: { type: Schema.Types.Mixed, default: null },
};

const stateSchema = new Schema({ _id: { type: String, required: true }, ...stateFields }, { versionKey: false, timestamps: true });

/** The minutes' state, one document per event keyed by the event's id. */
export const MinutesState = mongoose.model('MinutesState', stateSchema, 'minutes');

const transitionSchema = new Schema(
  {
    /** `<eventId>:<seq>`: a unique insert, so of two concurrent transitions from the same state only one happens. */
    _id: { type: String, required: true },
    eventId: { type: String, required: true },
    seq: { type: Number, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    at: { type: Date, required: true },
    by: { id: String, email: String, name: String },
    /** The state after this transition, so a reader can finish a transition whose writer died. */
    result: { type: Schema.Types.Mixed, required: true },
    /** For a publication: the frozen minutes, inserted into minutes_published (again, if need be). */
    snapshot: { type: Schema.Types.Mixed, default: null },
  },
  { versionKey: false },
);

/** Every change of the minutes' state (the audit trail of the workflow). */
export const MinutesTransition = mongoose.model('MinutesTransition', transitionSchema, 'minutes_transitions');

const publishedSchema = new Schema(
  {
    /** `<eventId>:v<N>`. */
    _id: { type: String, required: true },
    eventId: { type: String, required: true },
    version: { type: Number, required: true },
    /** The PublishedMinutes, as they were published; never updated. */
    minutes: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false },
);

/** Published versions of minutes, frozen. */
export const PublishedMinutesRecord = mongoose.model('PublishedMinutesRecord', publishedSchema, 'minutes_published');
