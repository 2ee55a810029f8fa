import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** Where a suggestion came from: captured by the secretary on the day, or sent by the institution through its link. */
export const SUGGESTION_SOURCES = ['on_the_day', 'institution'] as const;
/** Where a suggestion came from. */
export type SuggestionSource = (typeof SUGGESTION_SOURCES)[number];

/** Where a suggestion is on its way to an answer. */
export const SUGGESTION_STATUSES = ['open', 'accepted', 'in_progress', 'answered', 'declined'] as const;
/** A suggestion's status. */
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

const suggestionSchema = new Schema(
  {
    eventId: { type: Schema.Types.ObjectId, ref: 'Event', required: true },
    source: { type: String, enum: SUGGESTION_SOURCES, required: true },
    /** The invitation of the institution (or guest) that made it: where the answer is emailed and whose token page shows it. */
    invitationId: { type: Schema.Types.ObjectId, ref: 'Invitation', default: null },
    institutionId: { type: Schema.Types.ObjectId, ref: 'Institution', default: null },
    /** Who spoke or wrote, when known (or the only attribution, for a person without an institution). */
    personName: { type: String, default: '', trim: true },
    agendaItemId: { type: Schema.Types.ObjectId, default: null },
    /** Key of a SuggestionCategory (stable across renames). */
    categoryKey: { type: String, required: true },
    text: { type: String, required: true },
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department', default: null },
    ownerId: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    /** The owner's name when assigned, so lists need no user lookups. */
    ownerName: { type: String, default: '' },
    /** Start of the due day in the event's zone; overdue from the start of the next day. */
    dueDate: { type: Date, default: null },
    status: { type: String, enum: SUGGESTION_STATUSES, default: 'open' },
    answer: { type: String, default: '' },
    declineReason: { type: String, default: '' },
    answeredAt: { type: Date, default: null },
    /**
     * Number of the last change; the history record `<id>:<revision>` describes it. A change claims the
     * next number by inserting that record (a unique `_id`), which is exact on FerretDB too.
     */
    revision: { type: Number, default: 1 },
    createdBy: {
      kind: { type: String, enum: ['user', 'token'], required: true },
      id: { type: String, default: '' },
      name: { type: String, default: '' },
    },
  },
  { timestamps: true },
);

/** A stored suggestion. */
export type SuggestionDoc = InferSchemaType<typeof suggestionSchema> & { _id: mongoose.Types.ObjectId; createdAt: Date; updatedAt: Date };

/** Suggestions made at or for an event, each followed to an answer. */
export const Suggestion = mongoose.model('Suggestion', suggestionSchema, 'suggestions');
