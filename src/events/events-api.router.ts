import type { Response } from 'express';
import { ACCESS } from '../web/access.js';
import { defineRouter } from '../web/routes.js';
import { parseInput } from '../web/validate.js';
import type { EventRecord } from './event-facts.js';
import { apiCancelSchema, apiCloneSchema, apiEventCreateSchema, apiEventPatchSchema, toApiEvent } from './events-api.schemas.js';
import { eventListQuerySchema, transitionSchema } from './events.schemas.js';
import { cloneEvent } from './clone.service.js';
import { createEvent, getEvent, listEvents, updateEvent } from './events.service.js';
import { transitionEvent } from './lifecycle.service.js';

/** `/api/v1/events`: events as JSON for scripts (bearer token). */
export const eventsApiRouter = defineRouter('/api/v1/events');

eventsApiRouter.param('eventId', async (_req, res, id) => {
  res.locals.event = await getEvent(id);
});

const eventId = (res: Response): string => String((res.locals.event as EventRecord)._id);

eventsApiRouter.get('/', 'staff', async (req, res) => {
  const events = await listEvents(eventListQuerySchema.parse(req.query));
  res.json({ items: events.map(toApiEvent) });
});

eventsApiRouter.post('/', ACCESS.organiser, async (req, res) => {
  const event = await createEvent(parseInput(apiEventCreateSchema, req.body), req.user!);
  res.status(201).location(`/api/v1/events/${event._id}`).json(toApiEvent(event));
});

eventsApiRouter.get('/:eventId', 'staff', (_req, res) => {
  res.json(toApiEvent(res.locals.event as EventRecord));
});

eventsApiRouter.patch('/:eventId', ACCESS.organiser, async (req, res) => {
  const { notify, ...patch } = parseInput(apiEventPatchSchema, req.body);
  const { event } = await updateEvent(eventId(res), patch, req.user!, { notify });
  res.json(toApiEvent(event));
});

eventsApiRouter.post('/:eventId/transition', ACCESS.organiser, async (req, res) => {
  const { to, notify } = parseInput(transitionSchema, req.body);
  const { event } = await transitionEvent(eventId(res), to, req.user!, { notify });
  res.json(toApiEvent(event));
});

eventsApiRouter.post('/:eventId/cancel', ACCESS.organiser, async (req, res) => {
  const { notify } = parseInput(apiCancelSchema, req.body ?? {});
  const { event } = await transitionEvent(eventId(res), 'cancelled', req.user!, { notify });
  res.json(toApiEvent(event));
});

eventsApiRouter.post('/:eventId/clone', ACCESS.organiser, async (req, res) => {
  const created = await cloneEvent(eventId(res), parseInput(apiCloneSchema, req.body), req.user!);
  res.status(201).location(`/api/v1/events/${created._id}`).json(toApiEvent(created));
});
