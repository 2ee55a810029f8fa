import type { Request, RequestHandler, Response } from 'express';
import { ACCESS, isAllowed, type Role } from '../web/access.js';
import type { Locale } from '../web/i18n.js';
import { loadEvent, titleOf, type EventView } from './neighbours.js';
import type { SuggestionActor } from './suggestions.service.js';
import { formatDay, isOverdue, pickName, statusBadge, toIsoDay, whoOf } from './view.js';

// Shared by the staff pages of this component.

/** Staff who read every suggestion: everyone but department users, who see only their department's. */
export const READERS: readonly Role[] = ['organiser', 'secretary', 'viewer'];
/** Who moves suggestions along and writes answers: organisers, and department users for their own department. */
export const ANSWERERS: readonly Role[] = ['organiser', 'department'];

/** Helpers the views call, bound to the page's language. */
export function viewHelpers(locale: Locale) {
  return {
    name: (pair: { zh: string; en: string } | null | undefined) => pickName(pair, locale),
    day: (date: Date | null | undefined, zone: string) => formatDay(date, zone, locale),
    isoDay: toIsoDay,
    who: (record: Parameters<typeof whoOf>[0]) => whoOf(record, locale),
    badge: statusBadge,
    overdue: isOverdue,
  };
}

/** Router middleware: the view helpers in `res.locals.s`. */
export const withViewHelpers: RequestHandler = (req, res, next) => {
  res.locals.s = viewHelpers(req.locale);
  next();
};

/** Param loader: the event, its title and what the signed-in user may do on its suggestion pages. */
export async function loadEventParam(req: Request, res: Response, id: string): Promise<void> {
  const event = await loadEvent(id);
  res.locals.event = event;
  res.locals.eventTitle = titleOf(event, req.locale);
  res.locals.canCapture = isAllowed(req.user, ACCESS.secretary);
  res.locals.canManage = isAllowed(req.user, ACCESS.organiser);
  res.locals.readsAll = isAllowed(req.user, READERS);
}

/** The event loaded by `loadEventParam`. */
export function loadedEvent(res: Response): EventView {
  return res.locals.event as EventView;
}

/** The signed-in staff member as the suggestion services record them. */
export function userActor(req: Request): SuggestionActor {
  const user = req.user!;
  return { kind: 'user', id: user.id, name: user.name, email: user.email };
}
