import type { Request, Response } from 'express';
import { logger } from '../logger.js';
import { ACCESS } from '../web/access.js';
import { NotFoundError, ValidationError, type FieldErrors } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { submissionIdOf } from '../web/submission.js';
import { validateForm } from '../web/validate.js';
import { captureChoices } from './capture.service.js';
import { DOCX_TYPE, attachLastEditionReport, buildLastEditionReport, countLastEditionSuggestions, lastEditionDocx } from './last-edition.service.js';
import { listAgendaItems } from './neighbours.js';
import { READERS, loadEventParam, loadedEvent, userActor, withViewHelpers } from './pages.js';
import { captureSchema } from './suggestions.schemas.js';
import { createSuggestion, listEventSuggestions } from './suggestions.service.js';

/** An event's suggestions: the list, the quick capture of the day, and last edition's report. */
export const eventSuggestionsRouter = defineRouter('/events');

eventSuggestionsRouter.router.use(withViewHelpers);
eventSuggestionsRouter.param('eventId', loadEventParam);

const base = (res: Response) => `/events/${loadedEvent(res)._id}/suggestions`;

eventSuggestionsRouter.get('/:eventId/suggestions', 'staff', async (req, res) => {
  const eventId = String(loadedEvent(res)._id);
  const [suggestions, items, lastEdition] = await Promise.all([
    listEventSuggestions(eventId, req.user!),
    listAgendaItems(eventId),
    res.locals.readsAll ? countLastEditionSuggestions(eventId) : 0,
  ]);
  const itemTitles = new Map(items.map((item) => [item.id, `${item.order}. ${req.locale === 'zh' ? item.title.zh : item.title.en || item.title.zh}`]));
  res.render('suggestions/views/event-list', { title: req.t('suggestions.eventTitle'), suggestions, itemTitles, lastEdition, now: new Date() });
});

async function renderCapture(req: Request, res: Response, values: Record<string, unknown>, errors: FieldErrors = {}, status = 200) {
  const eventId = String(loadedEvent(res)._id);
  const [choices, recent] = await Promise.all([captureChoices(eventId, req.locale), listEventSuggestions(eventId, req.user!)]);
  res.status(status).render('suggestions/views/capture', { title: req.t('suggestions.capture.title'), choices, values, errors, recent: recent.slice(-5).reverse(), submission: submissionIdOf(values) });
}

eventSuggestionsRouter.get('/:eventId/suggestions/capture', ACCESS.secretary, async (req, res) => {
  const keep = (name: string) => (typeof req.query[name] === 'string' ? req.query[name] : '');
  await renderCapture(req, res, { institutionId: keep('institutionId'), agendaItemId: keep('agendaItemId') });
});

eventSuggestionsRouter.post('/:eventId/suggestions/capture', ACCESS.secretary, async (req, res) => {
  const form = validateForm(captureSchema, req.body);
  if (!form.ok) return renderCapture(req, res, req.body, form.errors, 422);
  try {
    const { submission, ...input } = form.data;
    await createSuggestion({ eventId: String(loadedEvent(res)._id), ...input }, userActor(req), submission);
  } catch (error) {
    if (error instanceof ValidationError) return renderCapture(req, res, req.body, error.fields, 422);
    throw error;
  }
  req.flash('success', 'suggestions.capture.saved');
  // The next speaker is often from the same institution, on the same agenda item: keep both.
  const keep = new URLSearchParams({ institutionId: form.data.institutionId ?? '', agendaItemId: form.data.agendaItemId ?? '' });
  res.redirect(303, `${base(res)}/capture?${keep}`);
});

eventSuggestionsRouter.get('/:eventId/suggestions/last-edition', READERS, async (req, res) => {
  const report = await buildLastEditionReport(String(loadedEvent(res)._id), req.locale, req.t);
  res.render('suggestions/views/last-edition', { title: req.t('suggestions.report.pageTitle'), report });
});

eventSuggestionsRouter.get('/:eventId/suggestions/last-edition.docx', READERS, async (req, res) => {
  const file = await lastEditionDocx(String(loadedEvent(res)._id), req.locale, req.t);
  if (!file) throw new NotFoundError();
  res.type(DOCX_TYPE).attachment(file.filename).send(file.data);
});

eventSuggestionsRouter.post('/:eventId/suggestions/last-edition/attach', ACCESS.organiser, async (req, res) => {
  const event = loadedEvent(res);
  const attached = await attachLastEditionReport(String(event._id), req.locale, req.t, req.user!);
  if (!attached) throw new NotFoundError();
  logger.info({ by: req.user!.id, eventId: String(event._id) }, 'Last edition’s suggestions attached to the agenda by %s: %s', req.user!.email, event.titleZh);
  req.flash('success', 'suggestions.report.attached');
  res.redirect(303, `${base(res)}/last-edition`);
});
