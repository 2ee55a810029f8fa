import mongoose, { Schema, type InferSchemaType } from 'mongoose';

const agendaDocumentSchema = new Schema(
  {
    eventId: { type: Schema.Types.ObjectId, ref: 'Event', required: true },
    /** The item it belongs to, or null for a document of the agenda as a whole. */
    itemId: { type: String, default: null },
    filename: { type: String, required: true },
    /** The type found from the file's first bytes, not the one the browser claimed. */
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    data: { type: Buffer, required: true },
    uploadedBy: { type: String, default: '' },
  },
  { timestamps: true },
);

/** A stored document file. */
export type AgendaDocumentDoc = InferSchemaType<typeof agendaDocumentSchema> & { _id: mongoose.Types.ObjectId };

/**
 * The files attached to agendas, one document each, outside the agenda document: the agenda stays small
 * for the RSVP page and the files are read only when downloaded (by `_id`).
 */
export const AgendaDocument = mongoose.model('AgendaDocument', agendaDocumentSchema, 'agenda_documents');
