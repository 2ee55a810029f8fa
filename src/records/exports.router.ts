import type { Request, Response } from 'express';
import { defineRouter } from '../web/routes.js';
import { sendMinutesDocx, sendMinutesPdf } from './export-responses.js';
import { loadMinutesDocument, parseVersion, withNotesHtml } from './exports.service.js';
import { documentLocaleOf } from './minutes-document.js';
import { eventTitle, getEvent, type EventRecord } from './neighbours.js';

/** The published minutes as DOCX, PDF and a printable page, for staff (`?lang=zh|en`, `?version=N`). */
export const exportsRouter = defineRouter('/events');

exportsRouter.param('eventId', async (_req, res, id) => {
  res.locals.event = await getEvent(id);
});

function load(req: Request, res: Response) {
  return loadMinutesDocument(String((res.locals.event as EventRecord)._id), parseVersion(req.query.version), documentLocaleOf(req.locale));
}

exportsRouter.get('/:eventId/minutes/export.docx', 'staff', async (req, res) => {
  await sendMinutesDocx(res, await load(req, res));
});

exportsRouter.get('/:eventId/minutes/export.pdf', 'staff', async (req, res) => {
  await sendMinutesPdf(res, await load(req, res));
});

exportsRouter.get('/:eventId/minutes/print', 'staff', async (req, res) => {
  const { doc, minutes, event } = await load(req, res);
  res.render('records/views/print', {
    title: doc.title,
    doc: withNotesHtml(doc),
    event,
    eventTitle: eventTitle(event, req.locale),
    version: minutes.version,
    versionQuery: req.query.version ? `&version=${minutes.version}` : '',
  });
});
