import { randomUUID } from 'node:crypto';
import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** Kinds of event. */
export const EVENT_KINDS = ['symposium', 'meeting', 'forum'] as const;
/** Lifecycle states. */
export const EVENT_STATUSES = ['draft', 'scheduled', 'held', 'closed', 'cancelled'] as const;
/** An event's lifecycle state. */
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Roles a participant can have at an event. */
export const PARTICIPANT_ROLES = ['host', 'chair', 'guest_of_honour', 'speaker', 'attendee', 'secretary', 'observer', 'press'] as const;
/** A participant's role. */
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

const venueSchema = new Schema(
  {
    name: { type: String, default: '' },
    address: { type: String, default: '' },
    room: { type: String, default: '' },
    mapUrl: { type: String, default: '' },
  },
  { _id: false },
);

/** Zone leaders, department staff and other named people taking part (delegates come from invitations). */
const zoneParticipantSchema = new Schema({
  name: { type: String, required: true },
  title: { type: String, default: '' },
  email: { type: String, default: '' },
  departmentId: { type: Schema.Types.ObjectId, ref: 'Department' },
  role: { type: String, enum: PARTICIPANT_ROLES, default: 'attendee' },
});

const eventSchema = new Schema(
  {
    titleZh: { type: String, required: true, trim: true },
    titleEn: { type: String, default: '', trim: true },
    kind: { type: String, enum: EVENT_KINDS, default: 'symposium' },
    seriesId: { type: Schema.Types.ObjectId, ref: 'Series' },
    edition: Number,
    startsAt: { type: Date, required: true },
    endsAt: { type: Date, required: true },
    timezone: { type: String, required: true },
    venue: { type: venueSchema, default: () => ({}) },
    descriptionZh: { type: String, default: '' },
    descriptionEn: { type: String, default: '' },
    organiserContact: {
      name: { type: String, default: '' },
      email: { type: String, default: '' },
      phone: { type: String, default: '' },
    },
    rsvpDeadline: Date,
    maxDelegates: { type: Number, default: 2, min: 1, max: 20 },
    /** When reminders go out: N days before the RSVP deadline to those who have not answered (0: none), and the day before to those attending. */
    reminders: {
      pendingDaysBeforeDeadline: { type: Number, default: 3, min: 0, max: 60 },
      dayBefore: { type: Boolean, default: true },
      /** Minutes before the start for the alarm in meeting requests; null (the default): no alarm. */
      calendarAlarmMinutes: { type: Number, default: null, min: 0, max: 10_080 },
    },
    status: { type: String, enum: EVENT_STATUSES, default: 'draft' },
    zoneParticipants: { type: [zoneParticipantSchema], default: [] },
    /** Calendar identity: the UID never changes; SEQUENCE rises with every change of time, place or status. */
    calendar: {
      uid: { type: String, default: () => `${randomUUID()}@convene` },
      sequence: { type: Number, default: 0 },
    },
    createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
  },
  { timestamps: true },
);

/** An event. */
export type EventDoc = InferSchemaType<typeof eventSchema> & { _id: mongoose.Types.ObjectId };

/** Symposiums, meetings and forums. */
export const Event = mongoose.model('Event', eventSchema);
