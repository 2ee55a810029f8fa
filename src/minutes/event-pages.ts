import type { Request, Response } from 'express';
import { listAgendaItems, type AgendaItemView } from '../agenda/index.js';
import { eventTitle, getEvent, type EventRecord } from '../events/index.js';
import { NotFoundError } from '../web/errors.js';
import type { WorkflowUser } from './workflow.service.js';

// Shared by the staff pages under /events/:eventId/minutes.

/** Param loader: the event, and its title for the page header. */
export async function loadEventParam(req: Request, res: Response, id: string): Promise<void> {
  const event = await getEvent(id);
  res.locals.event = event;
  res.locals.eventTitle = eventTitle(event, req.locale);
}

/** Param loader: an item of the event's agenda (404 for anything else). */
export async function loadItemParam(_req: Request, res: Response, id: string): Promise<void> {
  const item = (await listAgendaItems(String(loadedEvent(res)._id))).find((candidate) => candidate.id === id);
  if (!item) throw new NotFoundError();
  res.locals.agendaItem = item;
}

/** The event the loader found. */
export function loadedEvent(res: Response): EventRecord {
  return res.locals.event as EventRecord;
}

/** The agenda item the loader found. */
export function loadedItem(res: Response): AgendaItemView {
  return res.locals.agendaItem as AgendaItemView;
}

/** The signed-in staff member, as the minutes services take them. */
export function userOf(req: Request): WorkflowUser {
  const user = req.user!;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/** The minutes page of the event, optionally at an anchor. */
export function minutesPath(res: Response, anchor = ''): string {
  return `/events/${String(loadedEvent(res)._id)}/minutes${anchor}`;
}
