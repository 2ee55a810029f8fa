import mongoose, { Schema } from 'mongoose';

const auditEntrySchema = new Schema(
  {
    eventId: { type: Schema.Types.ObjectId, ref: 'Event', required: true },
    invitationId: { type: Schema.Types.ObjectId, ref: 'Invitation' },
    at: { type: Date, default: () => new Date() },
    /** Who: a staff user, an RSVP link (identified by the first characters of its hash), or mail from this address. */
    actor: {
      kind: { type: String, enum: ['user', 'token', 'system', 'mail'], required: true },
      userId: Schema.Types.ObjectId,
      name: { type: String, default: '' },
      tokenRef: { type: String, default: '' },
    },
    action: { type: String, required: true },
    before: Schema.Types.Mixed,
    after: Schema.Types.Mixed,
  },
  { versionKey: false },
);
auditEntrySchema.index({ eventId: 1, at: -1 });

/** The audit trail of invitations: every RSVP change and every organiser action. */
export const AuditEntry = mongoose.model('AuditEntry', auditEntrySchema);
