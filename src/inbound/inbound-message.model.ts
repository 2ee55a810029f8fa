import mongoose, { Schema, type InferSchemaType } from 'mongoose';

/** Where an inbound message is: waiting to be handled, handled, or set aside for an organiser to read. */
export const INBOUND_STATUSES = ['received', 'processed', 'quarantined'] as const;
/** An inbound message's status. */
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

/** What an inbound message turned out to be. */
export const INBOUND_KINDS = ['calendar-reply', 'counter', 'delegated', 'bounce', 'reply', 'auto-reply', 'unknown'] as const;
/** The kind of an inbound message. */
export type InboundKind = (typeof INBOUND_KINDS)[number];

/** How a message reached Convene. */
export const INBOUND_CHANNELS = ['imap', 'smtp', 'embedded'] as const;
/** A channel of inbound mail. */
export type InboundChannel = (typeof INBOUND_CHANNELS)[number];

const inboundMessageSchema = new Schema(
  {
    /** The Message-ID's digest (or the raw message's): the same message stored twice is one document. */
    _id: { type: String, required: true },
    channel: { type: String, enum: INBOUND_CHANNELS, required: true },
    /** The message as it arrived; absent when it was over the size limit. */
    raw: Buffer,
    size: { type: Number, required: true },
    envelopeFrom: { type: String, default: '' },
    from: { type: String, default: '' },
    subject: { type: String, default: '' },
    messageId: { type: String, default: '' },
    receivedAt: { type: Date, required: true },
    status: { type: String, enum: INBOUND_STATUSES, default: 'received' },
    kind: { type: String, enum: INBOUND_KINDS },
    eventId: { type: Schema.Types.ObjectId, ref: 'Event' },
    invitationId: { type: Schema.Types.ObjectId, ref: 'Invitation' },
    /** What handling it changed, as a message key (`inbound.outcome.*`), with its details. */
    outcome: { type: String, default: '' },
    details: { type: Schema.Types.Mixed, default: {} },
    /** Why it was set aside, as a message key (`inbound.reason.*`). */
    reason: { type: String, default: '' },
    attempts: { type: Number, default: 0 },
    handledAt: Date,
  },
  { versionKey: false },
);
inboundMessageSchema.index({ status: 1, receivedAt: 1 });
inboundMessageSchema.index({ eventId: 1, receivedAt: -1 });

/** An inbound message. */
export type InboundMessageDoc = InferSchemaType<typeof inboundMessageSchema>;

/** The durable inbox: every message that comes back, stored raw before anything else happens to it. */
export const InboundMessage = mongoose.model('InboundMessage', inboundMessageSchema, 'inbound_messages');
