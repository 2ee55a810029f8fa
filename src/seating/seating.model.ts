import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { CONVENTIONS, LAYOUT_KINDS } from './layout.js';

const layoutSchema = new Schema(
  {
    kind: { type: String, enum: LAYOUT_KINDS, required: true },
    convention: { type: String, enum: CONVENTIONS, required: true },
    mainSeats: { type: Number, required: true, min: 1 },
    otherSeats: { type: Number, default: 0, min: 0 },
    rows: { type: Number, default: 0, min: 0 },
  },
  { _id: false },
);

const snapshotSchema = new Schema(
  { key: String, name: String, title: String, organisation: String, invitationId: { type: String, default: null } },
  { _id: false },
);

const seatingPlanSchema = new Schema(
  {
    /** The event's id: one plan per event. */
    _id: { type: Schema.Types.ObjectId, ref: 'Event', required: true },
    layout: { type: layoutSchema, required: true },
    /** Per-event order of institutions (ids); empty: by type, then the directory's order. */
    institutionOrder: { type: [String], default: [] },
    /** Person keys in order of precedence, as the organiser left it. */
    precedence: { type: [String], default: [] },
    assignments: { type: [new Schema({ seat: Number, person: String }, { _id: false })], default: [] },
    /** The roster as the plan last saw it: a later change of answer or substitution shows as "out of date". */
    snapshot: { type: [snapshotSchema], default: [] },
    /** Bumped on every save, so a form sent from an older page is refused rather than undoing a newer change. */
    revision: { type: Number, default: 0 },
    updatedBy: { id: String, name: String },
  },
  { timestamps: true, versionKey: false },
);

/** A stored seating plan. */
export type SeatingPlanDoc = InferSchemaType<typeof seatingPlanSchema>;

/** The seating plan of an event: layout, precedence, who sits where. */
export const SeatingPlan = mongoose.model('SeatingPlan', seatingPlanSchema, 'seating_plans');
