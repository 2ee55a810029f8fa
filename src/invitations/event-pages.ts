import type { Request, Response } from 'express';
import { INSTITUTION_TYPES } from '../institutions/index.js';
import { ACCESS, isAllowed } from '../web/access.js';
import { formatDateTime } from '../web/dates.js';
import type { StaffActor } from './invitations.service.js';
import { loadEvent, titleOf, type EventView } from './neighbours.js';

// Shared by the staff pages under /events/:eventId/… (list building, board, roster, audit).

/** The message key naming an invitee type: an institution type (the directory's words), a department or a guest. */
export function typeKey(type: string): string {
  return (INSTITUTION_TYPES as readonly string[]).includes(type) ? `institutions.type.${type}` : `invitations.kind.${type}`;
}

/** Param loader: the event into res.locals, with what the page header needs. */
export async function loadEventParam(req: Request, res: Response, id: string): Promise<void> {
  const event = await loadEvent(id);
  res.locals.event = event;
  res.locals.eventTitle = titleOf(event, req.locale);
  res.locals.canManage = isAllowed(req.user, ACCESS.organiser);
  res.locals.typeKey = typeKey;
  res.locals.formatTime = (date: Date | undefined | null) => formatDateTime(date, event.timezone, req.locale);
}

/** The event loaded by `loadEventParam`. */
export function loadedEvent(res: Response): EventView {
  return res.locals.event as EventView;
}

/** The signed-in staff member, as services record them. */
export function actorOf(req: Request): StaffActor {
  const user = req.user!;
  return { id: user.id, email: user.email, name: user.name };
}
