import type { Request, Response } from 'express';
import { defineRsvpRouter, rsvpContextOf } from '../invitations/index.js';
import { ForbiddenError } from '../web/errors.js';
import { sendMinutesDocx, sendMinutesPdf } from './export-responses.js';
import { loadMinutesDocument } from './exports.service.js';
import { documentLocaleOf } from './minutes-document.js';
import { attendedEvent } from './neighbours.js';
import { takeLinkPdfTurn, TooManyPdfRequestsError } from './pdf-limits.js';

/** The latest published minutes for an invitee, through their RSVP link, in their language (zh, else en). */
export const rsvpMinutesRouter = defineRsvpRouter();

function load(req: Request, res: Response) {
  const context = rsvpContextOf(req, res);
  return loadMinutesDocument(String(context.event._id), undefined, documentLocaleOf(req.locale));
}

rsvpMinutesRouter.get('/:token/minutes.docx', 'public', async (req, res) => {
  await sendMinutesDocx(res, await load(req, res));
});

// The PDF costs a chromium run: only institutions that attended get it (as only they review the draft),
// each link a few times in ten minutes, printed once per version (see docs/security.md, rate limits).
rsvpMinutesRouter.get('/:token/minutes.pdf', 'public', async (req, res) => {
  const context = rsvpContextOf(req, res);
  if (!(await attendedEvent(context))) throw new ForbiddenError('records.export.pdfForAttendees');
  try {
    takeLinkPdfTurn(context.tokenHash);
  } catch (error) {
    if (error instanceof TooManyPdfRequestsError) res.set('Retry-After', String(error.retryAfterSeconds));
    throw error;
  }
  await sendMinutesPdf(res, await load(req, res), 'link');
});
