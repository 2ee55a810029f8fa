import type { Response } from 'express';
import { ACCESS } from '../web/access.js';
import { ValidationError, type FieldErrors } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { validateForm } from '../web/validate.js';
import type { EventRecord } from './event-facts.js';
import { eventTitle } from './event-rules.js';
import { cloneFormDefaults, timeZoneNames } from './event-view.js';
import { cloneEvent } from './clone.service.js';
import { cloneFormSchema } from './events.schemas.js';
import { getEvent } from './events.service.js';

/** Clone an event into the next edition of its series. */
export const cloneRouter = defineRouter('/events');

cloneRouter.param('eventId', async (_req, res, id) => {
  res.locals.event = await getEvent(id);
});

function renderCloneForm(res: Response, errors: FieldErrors, values: object, status = 200) {
  const event = res.locals.event as EventRecord;
  res.status(status).render('events/views/clone', {
    title: res.locals.t('events.clone'),
    source: { id: String(event._id), title: eventTitle(event, res.locals.locale), edition: event.edition ?? null, hasSeries: Boolean(event.seriesId) },
    timeZones: timeZoneNames(),
    errors,
    values,
  });
}

cloneRouter.get('/:eventId/clone', ACCESS.organiser, (_req, res) => {
  renderCloneForm(res, {}, cloneFormDefaults(res.locals.event as EventRecord));
});

cloneRouter.post('/:eventId/clone', ACCESS.organiser, async (req, res) => {
  const form = validateForm(cloneFormSchema, req.body);
  if (!form.ok) return renderCloneForm(res, form.errors, req.body, 422);
  try {
    const created = await cloneEvent(String((res.locals.event as EventRecord)._id), form.data, req.user!);
    req.flash('success', 'events.cloned');
    res.redirect(303, `/events/${created._id}`);
  } catch (error) {
    if (error instanceof ValidationError) return renderCloneForm(res, error.fields, req.body, 422);
    throw error;
  }
});
