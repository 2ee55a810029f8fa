import mongoose, { Schema, type InferSchemaType } from 'mongoose';
import { LOCALES } from '../web/i18n.js';

/** Answers to an invitation; `pending` until someone replies. */
export const RSVP_STATUSES = ['pending', 'accepted', 'tentative', 'declined'] as const;
/** An invitation's answer. */
export type RsvpStatus = (typeof RSVP_STATUSES)[number];

/** Who an invitation is for. */
export const INVITATION_KINDS = ['institution', 'department', 'guest'] as const;
/** Who an invitation is for. */
export type InvitationKind = (typeof INVITATION_KINDS)[number];

/** Roles a participant can have (kept in step with the events component's list). */
export const DELEGATE_ROLES = ['host', 'chair', 'guest_of_honour', 'speaker', 'attendee', 'secretary', 'observer', 'press'] as const;
/** A delegate's role at the event. */
export type DelegateRole = (typeof DELEGATE_ROLES)[number];

const delegateSchema = new Schema({
  name: { type: String, required: true, trim: true },
  title: { type: String, default: '', trim: true },
  email: { type: String, default: '', trim: true, lowercase: true },
  phone: { type: String, default: '', trim: true },
  /** Attending in place of the institution's head. */
  substituteFor: { type: String, default: '' },
  role: { type: String, enum: DELEGATE_ROLES, default: 'attendee' },
  /** Shown as a QR code on the RSVP page and confirmation; scanned at check-in. */
  checkInCode: { type: String, required: true },
});

/** Kinds of note an invitation keeps from inbound mail. */
export const NOTE_KINDS = ['reply', 'counter', 'delegated', 'auto-reply'] as const;

const noteSchema = new Schema(
  {
    /** The inbound message it came from: a note is added once however often the message is handled. */
    inboundId: { type: String, required: true },
    kind: { type: String, enum: NOTE_KINDS, required: true },
    from: { type: String, default: '' },
    subject: { type: String, default: '' },
    text: { type: String, default: '' },
    at: { type: Date, required: true },
    read: { type: Boolean, default: false },
  },
  { _id: false },
);

const invitationSchema = new Schema(
  {
    eventId: { type: Schema.Types.ObjectId, ref: 'Event', required: true },
    /** `institution` invitations address the institution's primary contact; `department` ones a zone department; `guest` ones a named person. */
    kind: { type: String, enum: INVITATION_KINDS, required: true },
    /** `institution:<id>`, `department:<id>` or `guest:<email>`: unique per event, so nobody is invited twice even by concurrent requests. */
    inviteeKey: { type: String, required: true },
    institutionId: { type: Schema.Types.ObjectId, ref: 'Institution' },
    departmentId: { type: Schema.Types.ObjectId, ref: 'Department' },
    /** Who the invitation is addressed to, as it was when invited. */
    recipient: {
      name: { type: String, required: true },
      title: { type: String, default: '' },
      email: { type: String, required: true, lowercase: true },
      organisation: { type: String, default: '' },
    },
    cc: { type: [String], default: [] },
    locale: { type: String, enum: LOCALES, default: 'zh' },
    guestRole: { type: String, enum: DELEGATE_ROLES, default: 'attendee' },
    status: { type: String, enum: RSVP_STATUSES, default: 'pending' },
    delegates: { type: [delegateSchema], default: [] },
    needs: {
      dietary: { type: String, default: '' },
      accessibility: { type: String, default: '' },
    },
    comment: { type: String, default: '' },
    respondedAt: Date,
    /** How the current answer came: from the link, or set by an organiser (e.g. after a phone call). */
    respondedBy: { kind: { type: String, enum: ['token', 'organiser', 'calendar'] }, userId: Schema.Types.ObjectId, name: String },
    /** The last calendar (iTIP) reply applied: an older one (by DTSTAMP or SEQUENCE) never overwrites it. */
    calendarReply: { stamp: Date, sequence: Number, inboundId: String },
    /** How mail to the addressee went: `bounced` with the reason and the failing address, once a bounce comes back. */
    delivery: { status: { type: String, enum: ['sent', 'bounced'] }, reason: String, address: String, at: Date, inboundId: String },
    /** What came back by mail and is shown, not applied: plain replies, proposed times, delegations, auto-replies. */
    notes: { type: [noteSchema], default: [] },
    /** Hash of the live RSVP token; reissuing replaces it and revokes the old one. */
    tokenHash: String,
    /** The live token is derived from the invitation's id and this version; reissuing adds one. */
    tokenVersion: { type: Number, default: 0 },
    sentAt: Date,
    lastRemindedAt: Date,
    /** Bumped on every change to the answer, so concurrent writers can tell who came last. */
    revision: { type: Number, default: 0 },
  },
  { timestamps: true },
);
invitationSchema.index({ eventId: 1, institutionId: 1 });
invitationSchema.index({ eventId: 1, inviteeKey: 1 }, { unique: true });

/** An invitation. */
export type InvitationDoc = InferSchemaType<typeof invitationSchema> & { _id: mongoose.Types.ObjectId };

/** One invitation of one institution (or guest) to one event, with its answer. */
export const Invitation = mongoose.model('Invitation', invitationSchema);
