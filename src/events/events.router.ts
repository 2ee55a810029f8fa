import type { Response } from 'express';
import { getConfig } from '../config.js';
import { ACCESS, isAllowed } from '../web/access.js';
import { ValidationError, type FieldErrors } from '../web/errors.js';
import { isConfirmed } from '../web/confirm.js';
import { defineRouter } from '../web/routes.js';
import { submissionIdOf, submissionOf } from '../web/submission.js';
import { parseInput, validateForm } from '../web/validate.js';
import { EVENT_KINDS, EVENT_STATUSES } from './event.model.js';
import type { EventRecord } from './event-facts.js';
import { allowedTransitions, eventTitle, isEditable } from './event-rules.js';
import { seriesById, timeZoneNames, toEventView, toFormValues } from './event-view.js';
import { previousEdition } from './clone.service.js';
import { CALENDAR_ALARM_CHOICES, eventFormSchema, eventListQuerySchema, transitionSchema } from './events.schemas.js';
import { assertEditable, createEvent, getEvent, listEvents, updateEvent } from './events.service.js';
import { transitionEvent } from './lifecycle.service.js';
import { listSeries } from './series.service.js';

/** Changes of a scheduled event that invitees' calendars must learn of (the status aside). */
const NOTICE_FACTS = ['startsAt', 'endsAt', 'timezone', 'venue'] as const;

/** Staff pages for events: list, create, show, edit and move along the lifecycle. */
export const eventsRouter = defineRouter('/events');

eventsRouter.param('eventId', async (_req, res, id) => {
  res.locals.event = await getEvent(id);
});

/** The event the route's loader found. */
export function loadedEvent(res: Response): EventRecord {
  return res.locals.event as EventRecord;
}

async function renderForm(res: Response, mode: 'new' | 'edit', errors: FieldErrors, values: object, status = 200) {
  const event = mode === 'edit' ? loadedEvent(res) : undefined;
  res.status(status).render('events/views/form', {
    title: res.locals.t(mode === 'new' ? 'events.new' : 'events.edit'),
    action: event ? `/events/${event._id}` : '/events',
    cancelHref: event ? `/events/${event._id}` : '/events',
    kinds: EVENT_KINDS,
    alarmChoices: CALENDAR_ALARM_CHOICES,
    series: await listSeries(),
    timeZones: timeZoneNames(),
    errors,
    values,
    // The new-event form sends its submission id (kept when the form comes back with errors).
    submission: mode === 'new' ? submissionIdOf(values) : '',
  });
}

eventsRouter.get('/', 'staff', async (req, res) => {
  const filter = eventListQuerySchema.parse(req.query);
  const [events, series] = await Promise.all([listEvents(filter), listSeries()]);
  const byId = seriesById(series);
  const views = events.map((event) => ({ view: toEventView(event, req.locale, byId), ended: event.endsAt.getTime() < Date.now() }));
  res.render('events/views/list', {
    title: req.t('events.title'),
    upcoming: views.filter((v) => !v.ended).map((v) => v.view),
    past: views.filter((v) => v.ended).map((v) => v.view).reverse(),
    statuses: EVENT_STATUSES,
    series,
    filter,
    canCreate: isAllowed(req.user, ACCESS.organiser),
  });
});

eventsRouter.get('/new', ACCESS.organiser, (_req, res) =>
  renderForm(res, 'new', {}, { kind: 'symposium', timezone: getConfig().defaultTimezone, maxDelegates: 2 }),
);

eventsRouter.post('/', ACCESS.organiser, async (req, res) => {
  const form = validateForm(eventFormSchema, req.body);
  if (!form.ok) return renderForm(res, 'new', form.errors, req.body, 422);
  try {
    const event = await createEvent(form.data, req.user!, submissionOf(req.body));
    req.flash('success', 'events.created');
    res.redirect(303, `/events/${event._id}`);
  } catch (error) {
    if (error instanceof ValidationError) return renderForm(res, 'new', error.fields, req.body, 422);
    throw error;
  }
});

eventsRouter.get('/:eventId', 'staff', async (req, res) => {
  const event = loadedEvent(res);
  const [series, previous] = await Promise.all([listSeries(), previousEdition(String(event._id))]);
  const view = toEventView(event, req.locale, seriesById(series));
  const canManage = isAllowed(req.user, ACCESS.organiser);
  res.render('events/views/show', {
    title: view.title,
    event: view,
    previous: previous ? { id: String(previous._id), edition: previous.edition } : undefined,
    transitions: canManage ? allowedTransitions(event.status) : [],
    canEdit: canManage && isEditable(event),
    canManage,
  });
});

eventsRouter.get('/:eventId/edit', ACCESS.organiser, async (_req, res) => {
  assertEditable(loadedEvent(res));
  await renderForm(res, 'edit', {}, toFormValues(loadedEvent(res)));
});

eventsRouter.post('/:eventId', ACCESS.organiser, async (req, res) => {
  const event = loadedEvent(res);
  assertEditable(event);
  const form = validateForm(eventFormSchema, req.body);
  if (!form.ok) return renderForm(res, 'edit', form.errors, req.body, 422);
  let change;
  try {
    change = await updateEvent(String(event._id), form.data, req.user!);
  } catch (error) {
    if (error instanceof ValidationError) return renderForm(res, 'edit', error.fields, req.body, 422);
    throw error;
  }
  req.flash('success', 'events.saved');
  // A new time or venue of a scheduled event: the invitations component asks whether to send an update.
  const moved = change.changed.filter((name) => (NOTICE_FACTS as readonly string[]).includes(name));
  if (change.event.status === 'scheduled' && moved.length) return res.redirect(303, `/events/${event._id}/update-notice?changed=${moved.join(',')}`);
  res.redirect(303, `/events/${event._id}`);
});

eventsRouter.post('/:eventId/transition', ACCESS.organiser, async (req, res) => {
  const { to, notify } = parseInput(transitionSchema, req.body);
  const current = loadedEvent(res);
  // Cancelling and marking held cannot be taken back: say what follows before doing it.
  if ((to === 'cancelled' || to === 'held') && allowedTransitions(current.status).includes(to)) {
    const title = eventTitle(current, req.locale);
    const consequence = to === 'held' ? 'events.confirmHeld.consequence' : notify ? 'events.confirmCancel.notify' : 'events.confirmCancel.quiet';
    if (!isConfirmed(req, res, { title: req.t(`events.confirm.${to}`, { title }), consequence: req.t(consequence), confirmLabel: req.t(`events.confirm.${to}.button`), cancelHref: `/events/${current._id}` })) return;
  }
  const { event } = await transitionEvent(String(loadedEvent(res)._id), to, req.user!, { notify: to === 'cancelled' && notify });
  req.flash('success', 'events.statusChanged', { status: req.t(`events.status.${event.status}`) });
  res.redirect(303, `/events/${event._id}`);
});
