import mongoose from 'mongoose';
import { AgendaDocument, type AgendaDocumentDoc } from './agenda-document.model.js';

// The only file that reads or writes the files attached to agendas.

export type { AgendaDocumentDoc } from './agenda-document.model.js';

/** What a new file carries besides its bytes. */
export interface NewAgendaDocument {
  eventId: string;
  itemId: string | null;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
  uploadedBy: string;
}

/** Store a file; its id is the reference the agenda keeps. */
export async function insertAgendaDocument(file: NewAgendaDocument): Promise<mongoose.Types.ObjectId> {
  const created = await AgendaDocument.create(file);
  return created._id;
}

/** A stored file with its bytes, or null (also for an id that is not one). */
export async function findAgendaDocument(documentId: string): Promise<AgendaDocumentDoc | null> {
  if (!mongoose.isObjectIdOrHexString(documentId)) return null;
  return AgendaDocument.findById(documentId).lean<AgendaDocumentDoc>();
}

/** Delete these files. */
export async function deleteAgendaDocuments(documentIds: readonly (string | mongoose.Types.ObjectId)[]): Promise<void> {
  if (documentIds.length) await AgendaDocument.deleteMany({ _id: { $in: documentIds } });
}
