import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** Where a message is in its life. */
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
/** An outbox message's status. */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

const addressSchema = new Schema({ name: { type: String, default: '' }, email: { type: String, required: true } }, { _id: false });

const outboxMessageSchema = new Schema(
  {
    /** What the message is for, so pages can group and filter. */
    eventId: { type: Schema.Types.ObjectId, ref: 'Event' },
    invitationId: { type: Schema.Types.ObjectId, ref: 'Invitation' },
    batchId: String,
    kind: { type: String, required: true },
    template: { type: String, required: true },
    locale: { type: String, required: true },
    to: { type: [addressSchema], required: true },
    cc: { type: [addressSchema], default: [] },
    subject: { type: String, required: true },
    /** Fixed when queued, so a resend after a crash carries the same Message-ID. */
    messageId: { type: String, required: true },
    status: { type: String, enum: OUTBOX_STATUSES, default: 'queued' },
    attempts: { type: Number, default: 0 },
    nextAttemptAt: { type: Date, default: () => new Date() },
    lastAttemptAt: Date,
    lastError: String,
    workerId: String,
    sentAt: Date,
    /** Set when a bounce for this message comes back: the failing address and the reason it gives. */
    bounce: { reason: String, address: String, at: Date },
  },
  { timestamps: true },
);

/** An outbox message. */
export type OutboxMessageDoc = InferSchemaType<typeof outboxMessageSchema> & { _id: mongoose.Types.ObjectId };

/** Every email, recorded before it is sent: its addressing and state (the body is in OutboxBody). */
export const OutboxMessage = mongoose.model('OutboxMessage', outboxMessageSchema, 'outbox_messages');

const outboxBodySchema = new Schema(
  {
    text: { type: String, required: true },
    html: { type: String, required: true },
    /** The calendar part: sent with nodemailer's icalEvent, `method` equal to the calendar's METHOD. */
    calendar: { method: String, content: String },
    attachments: { type: [{ filename: String, contentType: String, content: Buffer, cid: String, _id: false }], default: [] },
    /** Set once the message was sent and the RSVP tokens in it were removed (see redact.ts). */
    redactedAt: Date,
  },
  { versionKey: false },
);

/** An outbox message's body. */
export type OutboxBodyDoc = InferSchemaType<typeof outboxBodySchema> & { _id: mongoose.Types.ObjectId };

/**
 * Message bodies, under the same `_id` as their OutboxMessage; a sent one keeps no RSVP token. Kept apart so the worker's frequent
 * queries and updates of message state touch small documents.
 */
export const OutboxBody = mongoose.model('OutboxBody', outboxBodySchema, 'outbox_bodies');

/** One attempt to send one message, claimed by inserting `<messageId>:<attempt>` as `_id`: only one process can. */
export const OutboxLease = mongoose.model(
  'OutboxLease',
  new Schema({ _id: String, workerId: String, at: { type: Date, default: () => new Date() } }, { versionKey: false }),
  'outbox_leases',
);

/** Heartbeats of running outbox workers, so a message stuck in `sending` by a dead one can be taken over. */
export const OutboxWorkerBeat = mongoose.model(
  'OutboxWorkerBeat',
  new Schema({ _id: String, beatAt: Date, pid: Number, host: String }, { versionKey: false }),
  'outbox_workers',
);
