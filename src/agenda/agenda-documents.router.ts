import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { defineRsvpRouter, rsvpContextOf } from '../invitations/index.js';
import { ACCESS } from '../web/access.js';
import { ValidationError } from '../web/errors.js';
import { acceptUpload } from '../web/upload.js';
import type { AgendaDocumentDoc } from './agenda-document.model.js';
import { readAgenda, type StoredItem } from './agenda.store.js';
import { actorOf, baseOf, defineAgendaRouter, eventOf, renderAgendaPage, renderItemForm, whileEditable } from './agenda-pages.js';
import { ACCEPTED_UPLOAD_TYPES, MAX_DOCUMENT_BYTES, addItemDocument, attachAgendaDocument, findEventDocument, removeAgendaDocument, type DocumentFile } from './documents.service.js';
import { findPublishedDocument } from './invitee-agenda.js';

/** Documents of agenda items and of the agenda as a whole: upload, download, remove. */
export const agendaDocumentsRouter = defineAgendaRouter();

const upload = acceptUpload('file', { maxBytes: MAX_DOCUMENT_BYTES, types: ACCEPTED_UPLOAD_TYPES });

function uploadedFile(req: Request): DocumentFile {
  if (!req.file) throw new ValidationError({ file: 'upload.missing' });
  return { filename: req.file.originalname, contentType: req.file.mimetype, data: req.file.buffer };
}

/** Refused uploads (wrong type, too large) show the page again with the reason, status 422; nothing is stored. */
function onUploadError(render: (req: Request, res: Response, errors: Record<string, string>) => Promise<void>): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (!(error instanceof ValidationError)) return next(error);
    render(req, res, error.fields).catch(next);
  };
}

const itemPage = async (req: Request, res: Response, errors: Record<string, string>) => {
  const item = (await readAgenda(String(eventOf(res)._id))).items.find((candidate) => String(candidate._id) === req.params.itemId) as StoredItem | undefined;
  await renderItemForm(req, res, { item, uploadErrors: errors, status: 422 });
};
const agendaPage = (req: Request, res: Response, errors: Record<string, string>) => renderAgendaPage(req, res, { errors, status: 422 });

/** Send a stored file as a download, with the type found from its bytes. */
function sendDocument(res: Response, doc: AgendaDocumentDoc): void {
  const data = doc.data as unknown as Buffer | { buffer: Uint8Array };
  res.type(doc.contentType).attachment(doc.filename).send(Buffer.isBuffer(data) ? data : Buffer.from(data.buffer));
}

agendaDocumentsRouter.post('/:eventId/agenda/items/:itemId/documents', ACCESS.organiser, whileEditable, ...upload, (async (req, res) => {
  await addItemDocument(String(eventOf(res)._id), String(req.params.itemId), uploadedFile(req), actorOf(req));
  req.flash('success', 'agenda.documents.added');
  res.redirect(303, `${baseOf(res)}/items/${req.params.itemId}`);
}) as RequestHandler, onUploadError(itemPage) as unknown as RequestHandler);

agendaDocumentsRouter.post('/:eventId/agenda/documents', ACCESS.organiser, whileEditable, ...upload, (async (req, res) => {
  await attachAgendaDocument(String(eventOf(res)._id), uploadedFile(req), actorOf(req));
  req.flash('success', 'agenda.documents.added');
  res.redirect(303, baseOf(res));
}) as RequestHandler, onUploadError(agendaPage) as unknown as RequestHandler);

agendaDocumentsRouter.get('/:eventId/agenda/documents/:documentId', 'staff', async (req, res) => {
  sendDocument(res, await findEventDocument(String(eventOf(res)._id), String(req.params.documentId)));
});

agendaDocumentsRouter.post('/:eventId/agenda/documents/:documentId/remove', ACCESS.organiser, whileEditable, async (req, res) => {
  await removeAgendaDocument(String(eventOf(res)._id), String(req.params.documentId), actorOf(req));
  req.flash('success', 'agenda.documents.removed');
  res.redirect(303, typeof req.body?.back === 'string' && req.body.back.startsWith(`${baseOf(res)}/`) ? req.body.back : baseOf(res));
});

/** Documents of the published agenda, for invitees through their RSVP link. */
export const agendaRsvpRouter = defineRsvpRouter();

agendaRsvpRouter.get('/:token/agenda/documents/:documentId', 'public', async (req, res) => {
  const context = rsvpContextOf(req, res);
  sendDocument(res, await findPublishedDocument(String(context.event._id), String(req.params.documentId)));
});
