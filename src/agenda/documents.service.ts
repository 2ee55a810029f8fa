import { getEvent, type Actor } from '../events/index.js';
import { logger } from '../logger.js';
import { NotFoundError, ValidationError } from '../web/errors.js';
import { deleteAgendaDocuments, findAgendaDocument, insertAgendaDocument, type AgendaDocumentDoc } from './agenda-document.store.js';
import { listPublishedDocumentIds } from './agenda-version.store.js';
import { changeAgenda, readAgenda, type StoredDocumentRef } from './agenda.store.js';

/** The largest document accepted (bytes). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The document types accepted, with the file name endings each may have. */
export const DOCUMENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['.pdf'],
  [DOCX]: ['.docx'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
};

/** What a browser may claim for these files; the real type is then read from the bytes. */
export const ACCEPTED_UPLOAD_TYPES: readonly string[] = [...Object.keys(DOCUMENT_TYPES), 'application/octet-stream'];

const startsWith = (data: Buffer, bytes: readonly number[]) => bytes.every((byte, i) => data[i] === byte);

/** The type of a file from its first bytes (PDF, DOCX, PNG or JPEG), or undefined for anything else. */
export function detectDocumentType(data: Buffer): string | undefined {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (startsWith(data, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(data, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // A DOCX is a ZIP whose entry names (stored uncompressed) include the Word parts.
  if (startsWith(data, [0x50, 0x4b, 0x03, 0x04]) && data.includes('[Content_Types].xml') && data.includes('word/document.xml')) return DOCX;
  return undefined;
}

/** A file as uploaded or handed over by another component. */
export interface DocumentFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** The last path segment, without control characters, at most 150 characters (keeping the ending). */
export function cleanFilename(name: string): string {
  const printable = [...name].filter((char) => char.codePointAt(0)! >= 0x20 && char !== '\u007f' && char !== '"').join('');
  const base = (printable.split(/[\\/]/).pop() ?? '').trim();
  if (base.length <= 150) return base;
  const dot = base.lastIndexOf('.');
  const ending = dot > 0 && base.length - dot <= 6 ? base.slice(dot) : '';
  return base.slice(0, 150 - ending.length) + ending;
}

/** Check a file's size and real type (its bytes, its name's ending and the claimed type must agree); 422 on `field` otherwise. */
export function checkDocument(file: DocumentFile, field = 'file'): { filename: string; contentType: string; size: number } {
  if (file.data.length === 0) throw new ValidationError({ [field]: 'upload.missing' });
  if (file.data.length > MAX_DOCUMENT_BYTES) throw new ValidationError({ [field]: 'upload.tooLarge' });
  const contentType = detectDocumentType(file.data);
  const filename = cleanFilename(file.filename);
  const ending = filename.toLowerCase().slice(filename.lastIndexOf('.'));
  const claimed = file.contentType.toLowerCase().split(';')[0]!.trim();
  const agrees = contentType && DOCUMENT_TYPES[contentType]!.includes(ending) && (claimed === contentType || claimed === 'application/octet-stream');
  if (!agrees || !filename) throw new ValidationError({ [field]: 'agenda.documentWrongType' });
  return { filename, contentType, size: file.data.length };
}

async function storeFile(eventId: string, itemId: string | null, file: DocumentFile, by: Actor): Promise<StoredDocumentRef> {
  const checked = checkDocument(file);
  const _id = await insertAgendaDocument({ eventId, itemId, ...checked, data: file.data, uploadedBy: by.email });
  return { _id, ...checked };
}

/** Attach a document to one item of the working agenda. */
export async function addItemDocument(eventId: string, itemId: string, file: DocumentFile, by: Actor): Promise<{ id: string }> {
  if (!(await readAgenda(eventId)).items.some((item) => String(item._id) === itemId)) throw new NotFoundError();
  // The file first, then the reference that makes it visible (no transactions: a crash leaves only an unseen file).
  const ref = await storeFile(eventId, itemId, file, by);
  try {
    await changeAgenda(eventId, (state) => {
      const index = state.items.findIndex((item) => String(item._id) === itemId);
      if (index < 0) throw new NotFoundError();
      const items = [...state.items];
      items[index] = { ...items[index]!, documents: [...items[index]!.documents, ref] };
      return { items, result: undefined };
    });
  } catch (error) {
    await deleteAgendaDocuments([ref._id]);
    throw error;
  }
  logger.info({ by: by.id, eventId }, 'Agenda document added by %s: %s', by.email, ref.filename);
  return { id: String(ref._id) };
}

/** Add a document to the agenda as a whole (not to one item), e.g. last edition's suggestions report. */
export async function attachAgendaDocument(eventId: string, file: DocumentFile, actor: Actor): Promise<{ id: string }> {
  await getEvent(eventId);
  const ref = await storeFile(eventId, null, file, actor);
  await changeAgenda(eventId, (state) => ({ documents: [...state.documents, ref], result: undefined }));
  logger.info({ by: actor.id, eventId }, 'Agenda document attached by %s: %s', actor.email, ref.filename);
  return { id: String(ref._id) };
}

/** Take a document off the working agenda; its file goes too unless a published version shows it. */
export async function removeAgendaDocument(eventId: string, documentId: string, by: Actor): Promise<void> {
  const removed = await changeAgenda(eventId, (state) => {
    const keep = (refs: StoredDocumentRef[]) => refs.filter((ref) => String(ref._id) !== documentId);
    const items = state.items.map((item) => ({ ...item, documents: keep(item.documents) }));
    const documents = keep(state.documents);
    const found = [...state.documents, ...state.items.flatMap((item) => item.documents)].find((ref) => String(ref._id) === documentId);
    if (!found) throw new NotFoundError();
    return { items, documents, result: found };
  });
  await pruneDocuments(eventId, [documentId]);
  logger.info({ by: by.id, eventId }, 'Agenda document removed by %s: %s', by.email, removed.filename);
}

/** A document of this event (any version's), for staff; 404 for another event's or an unknown id. */
export async function findEventDocument(eventId: string, documentId: string): Promise<AgendaDocumentDoc> {
  const doc = await findAgendaDocument(documentId);
  if (!doc || String(doc.eventId) !== eventId) throw new NotFoundError();
  return doc;
}

/** Delete the files of these documents that neither the working copy nor any published version refers to. */
export async function pruneDocuments(eventId: string, candidates: readonly string[]): Promise<void> {
  if (candidates.length === 0) return;
  const [agenda, published] = await Promise.all([readAgenda(eventId), listPublishedDocumentIds(eventId)]);
  const used = new Set([...[...agenda.documents, ...agenda.items.flatMap((item) => item.documents)].map((ref) => String(ref._id)), ...published]);
  await deleteAgendaDocuments(candidates.filter((id) => !used.has(id)));
}
