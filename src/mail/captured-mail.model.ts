import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const attachmentSchema = new Schema(
  {
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    /** Absent when the message was too large to keep its parts beside the raw copy. */
    content: Buffer,
  },
  { _id: false },
);

const capturedMailSchema = new Schema(
  {
    envelope: {
      from: { type: String, default: '' },
      to: { type: [String], default: [] },
    },
    from: { type: String, default: '' },
    to: { type: String, default: '' },
    cc: { type: String, default: '' },
    subject: { type: String, default: '' },
    messageId: String,
    date: Date,
    text: String,
    html: String,
    attachments: { type: [attachmentSchema], default: [] },
    /** Stored so the list never has to load the attachments themselves. */
    attachmentCount: { type: Number, default: 0 },
    /** False when html, text and attachment contents were left out to stay under the document size limit. */
    partsStored: { type: Boolean, default: true },
    /** Lower-cased subject and recipients, so search is one regex on one field. */
    searchText: { type: String, default: '' },
    size: { type: Number, required: true },
    raw: { type: Buffer, required: true },
    receivedAt: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'captured_mails', versionKey: false },
);

capturedMailSchema.index({ receivedAt: -1 });

/** A message caught by the embedded SMTP server, as stored. */
export type CapturedMailDoc = InferSchemaType<typeof capturedMailSchema> & { _id: mongoose.Types.ObjectId };

/** One stored attachment (or calendar part) of a captured message. */
export type CapturedAttachment = InferSchemaType<typeof attachmentSchema>;

/** Messages caught by the embedded SMTP server, shown at /mailbox. */
export const CapturedMail = mongoose.model('CapturedMail', capturedMailSchema);
