import type { Request, Response } from 'express';
import { ACCESS, isAllowed } from '../web/access.js';
import type { FieldErrors } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { submissionIdOf, submissionOf } from '../web/submission.js';
import { validateForm } from '../web/validate.js';
import { seriesSchema } from './events.schemas.js';
import { createSeries, listSeries } from './series.service.js';

/** Series of events (each event is one edition of its series). */
export const seriesRouter = defineRouter('/events/series');

async function renderSeries(req: Request, res: Response, errors: FieldErrors, values: object, status = 200) {
  res.status(status).render('events/views/series', {
    title: req.t('events.seriesTitle'),
    series: await listSeries(),
    canCreate: isAllowed(req.user, ACCESS.organiser),
    errors,
    values,
    submission: submissionIdOf(values),
  });
}

seriesRouter.get('/', 'staff', (req, res) => renderSeries(req, res, {}, {}));

seriesRouter.post('/', ACCESS.organiser, async (req, res) => {
  const form = validateForm(seriesSchema, req.body);
  if (!form.ok) return renderSeries(req, res, form.errors, req.body, 422);
  await createSeries(form.data, req.user!, submissionOf(req.body));
  req.flash('success', 'events.seriesCreated');
  res.redirect(303, '/events/series');
});
