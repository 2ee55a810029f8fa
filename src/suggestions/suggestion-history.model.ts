import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const changeSchema = new Schema(
  {
    field: { type: String, required: true },
    from: { type: Schema.Types.Mixed, default: null },
    to: { type: Schema.Types.Mixed, default: null },
  },
  { _id: false },
);

const historySchema = new Schema(
  {
    /** `<suggestionId>:<revision>`: inserting it claims that revision, so two changes can never both win. */
    _id: { type: String, required: true },
    suggestionId: { type: Schema.Types.ObjectId, ref: 'Suggestion', required: true },
    revision: { type: Number, required: true },
    action: { type: String, required: true },
    at: { type: Date, required: true },
    by: {
      kind: { type: String, enum: ['user', 'token'], required: true },
      id: { type: String, default: '' },
      name: { type: String, default: '' },
      email: { type: String, default: '' },
    },
    /** What changed, old → new, as shown on the suggestion page. */
    changes: { type: [changeSchema], default: [] },
    /** The exact `$set` the change makes, so a change whose writer died half-way can be completed. */
    set: { type: Schema.Types.Mixed, default: {} },
  },
  { versionKey: false, minimize: false },
);

/** One recorded change of a suggestion. */
export type SuggestionHistoryDoc = InferSchemaType<typeof historySchema>;

/** Every change of every suggestion, append-only (inserted, never updated). */
export const SuggestionHistory = mongoose.model('SuggestionHistory', historySchema, 'suggestion_history');
