import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** Who a check-in is for: a registered delegate, a walk-in, or a zone leader or department staff member. */
export const CHECK_IN_KINDS = ['delegate', 'walk_in', 'zone'] as const;
/** A kind of check-in. */
export type CheckInKind = (typeof CHECK_IN_KINDS)[number];

/** A name in both languages, as it was when the person was checked in. */
const bilingualSchema = new Schema({ zh: { type: String, default: '' }, en: { type: String, default: '' } }, { _id: false });

const checkInSchema = new Schema(
  {
    /**
     * `<eventId>:code:<checkInCode>` for delegates, `<eventId>:zone:<participantId>` for the event's zone
     * participants, `<eventId>:other:<uuid>` for walk-ins and typed zone staff. A duplicate `_id` insert
     * fails, so a person is checked in once.
     */
    _id: { type: String, required: true },
    eventId: { type: Schema.Types.ObjectId, ref: 'Event', required: true },
    kind: { type: String, enum: CHECK_IN_KINDS, required: true },
    name: { type: String, required: true },
    title: { type: String, default: '' },
    /** The delegate's check-in code ('' for others). */
    checkInCode: { type: String, default: '' },
    /** The event's zone participant ('' for others). */
    participantId: { type: String, default: '' },
    invitationId: { type: Schema.Types.ObjectId, ref: 'Invitation', default: null },
    institutionId: { type: Schema.Types.ObjectId, ref: 'Institution', default: null },
    /** A copy, so the record stays as it was if the directory changes; typed organisations have no id. */
    institutionName: { type: bilingualSchema, default: null },
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department', default: null },
    departmentName: { type: bilingualSchema, default: null },
    /** The name of the registered delegate (or head) this person came in place of. */
    substituteFor: { type: String, default: '' },
    /** That delegate's check-in code, when they were registered. */
    substituteForCode: { type: String, default: '' },
    checkedInAt: { type: Date, required: true },
    checkedInBy: {
      id: { type: String, required: true },
      name: { type: String, default: '' },
      email: { type: String, default: '' },
    },
  },
  { versionKey: false },
);
checkInSchema.index({ eventId: 1, checkedInAt: 1 });

/** A stored check-in. */
export type CheckInDoc = InferSchemaType<typeof checkInSchema>;

/** Who is present at an event: one document per person checked in. */
export const CheckIn = mongoose.model('CheckIn', checkInSchema, 'checkins');
