import type { Request, Response } from 'express';
import { defineRsvpRouter, rsvpContextOf } from '../invitations/index.js';
import { sendMinutesDocx, sendMinutesPdf } from './export-responses.js';
import { loadMinutesDocument } from './exports.service.js';
import { documentLocaleOf } from './minutes-document.js';

/** The latest published minutes for an invitee, through their RSVP link, in their language (zh, else en). */
export const rsvpMinutesRouter = defineRsvpRouter();

function load(req: Request, res: Response) {
  const context = rsvpContextOf(req, res);
  return loadMinutesDocument(String(context.event._id), undefined, documentLocaleOf(req.locale));
}

rsvpMinutesRouter.get('/:token/minutes.docx', 'public', async (req, res) => {
  await sendMinutesDocx(res, await load(req, res));
});

rsvpMinutesRouter.get('/:token/minutes.pdf', 'public', async (req, res) => {
  await sendMinutesPdf(res, await load(req, res));
});
