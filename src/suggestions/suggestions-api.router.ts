import type { Response } from 'express';
import { ACCESS } from '../web/access.js';
import { ValidationError } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { parseInput } from '../web/validate.js';
import { loadEvent, type EventView } from './neighbours.js';
import { ANSWERERS, userActor } from './pages.js';
import { apiCreateSchema, apiPatchSchema } from './suggestions.schemas.js';
import { createSuggestion, getSuggestionFor, listEventSuggestions } from './suggestions.service.js';
import type { SuggestionRecord } from './summaries.service.js';
import { isOverdue, toIsoDay } from './view.js';
import { assignSuggestion, changeSuggestionStatus, checkStatusChange } from './workflow.service.js';

/** `/api/v1/events/:id/suggestions` and `/api/v1/suggestions/:id`: suggestions as JSON (bearer token). */
export const suggestionsApiRouter = defineRouter('/api/v1');

suggestionsApiRouter.param('eventId', async (_req, res, id) => {
  res.locals.event = await loadEvent(id);
});
suggestionsApiRouter.param('suggestionId', async (req, res, id) => {
  res.locals.suggestion = await getSuggestionFor(id, req.user!);
});

/** A suggestion as the API returns it: instants in ISO 8601, the due day as `YYYY-MM-DD` in the event's zone. */
export function toApiSuggestion(record: SuggestionRecord, zone: string, now = new Date()) {
  const { categoryNames: _names, dueDate, createdAt, answeredAt, ...rest } = record;
  return { ...rest, dueDate: toIsoDay(dueDate, zone) || null, overdue: isOverdue(record, zone, now), createdAt: createdAt.toISOString(), answeredAt: answeredAt?.toISOString() ?? null };
}

/** The API names the category `category`; the services call it `categoryKey`. */
function renameFields(error: unknown): never {
  if (error instanceof ValidationError && error.fields.categoryKey) {
    const { categoryKey, ...fields } = error.fields;
    throw new ValidationError({ ...fields, category: categoryKey });
  }
  throw error;
}

const eventOf = (res: Response) => res.locals.event as EventView;

suggestionsApiRouter.get('/events/:eventId/suggestions', 'staff', async (req, res) => {
  const event = eventOf(res);
  const items = await listEventSuggestions(String(event._id), req.user!);
  res.json({ items: items.map((item) => toApiSuggestion(item, event.timezone)) });
});

suggestionsApiRouter.post('/events/:eventId/suggestions', ACCESS.secretary, async (req, res) => {
  const event = eventOf(res);
  const { category, ...input } = parseInput(apiCreateSchema, req.body);
  const created = await createSuggestion({ eventId: String(event._id), categoryKey: category, ...input }, userActor(req)).catch(renameFields);
  res.status(201).location(`/api/v1/suggestions/${created.id}`).json(toApiSuggestion(created, event.timezone));
});

suggestionsApiRouter.patch('/suggestions/:suggestionId', ANSWERERS, async (req, res) => {
  const patch = parseInput(apiPatchSchema, req.body ?? {});
  let record = res.locals.suggestion as SuggestionRecord;
  const zone = (await loadEvent(record.eventId)).timezone;
  const assigns = patch.departmentId !== undefined || patch.ownerId !== undefined || patch.dueDate !== undefined;
  if (!assigns && !patch.status) throw new ValidationError({ status: 'suggestions.nothingToChange' });
  const status = patch.status ? { status: patch.status, answer: patch.answer, declineReason: patch.declineReason, expectedStatus: patch.expectedStatus } : undefined;
  // Check the status change first, so a refused one leaves the assignment unchanged too.
  if (status) checkStatusChange(record.status, status);
  if (assigns) record = await assignSuggestion(record.id, assignmentOf(patch, record, zone), req.user!);
  if (status) record = await changeSuggestionStatus(record.id, status, req.user!);
  res.json(toApiSuggestion(record, zone));
});

/** The assignment a PATCH asks for: fields left out keep their value (the owner only within the same department); `null` clears. */
function assignmentOf(patch: { departmentId?: string | null; ownerId?: string | null; dueDate?: string | null }, record: SuggestionRecord, zone: string) {
  const departmentId = patch.departmentId !== undefined ? patch.departmentId : record.departmentId;
  const keptOwner = departmentId === record.departmentId ? record.ownerId : null;
  return {
    departmentId,
    ownerId: patch.ownerId !== undefined ? patch.ownerId : keptOwner,
    dueDate: patch.dueDate !== undefined ? patch.dueDate : toIsoDay(record.dueDate, zone) || null,
  };
}
