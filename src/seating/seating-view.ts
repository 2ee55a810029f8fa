import type { Request, Response } from 'express';
import { eventTitle, getEvent, type EventRecord } from '../events/index.js';
import { ACCESS, isAllowed } from '../web/access.js';
import type { FieldErrors } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import type { Layout } from './layout.js';
import type { Bilingual, SeatPerson } from './precedence.js';
import type { SeatingActor, SeatingPlanView } from './seating.service.js';

// Page models of the seating pages: plain data, names already in the page's language.

/** Seats are drawn wider than tall: a name needs more room across than a row does down. */
export const X_STRETCH = 2.4;

/** Param loader: the event (404 for unknown ids) and what every seating page shows. */
export async function loadEventParam(req: Request, res: Response, id: string): Promise<void> {
  const event = await getEvent(id);
  res.locals.event = event;
  res.locals.eventTitle = eventTitle(event, req.locale);
  res.locals.base = `/events/${String(event._id)}/seating`;
  res.locals.canEdit = isAllowed(req.user, ACCESS.organiser) && event.status !== 'cancelled';
}

/** The event loaded by `loadEventParam`. */
export function loadedEvent(res: Response): EventRecord {
  return res.locals.event as EventRecord;
}

/** The signed-in staff member, as the seating service records them. */
export function actorOf(req: Request): SeatingActor {
  const { id, email, name } = req.user!;
  return { id, email, name };
}

/** An institution's or department's name in a language (English falls back to Chinese). */
export function organisationIn(name: Bilingual | null, locale: Locale): string {
  if (!name) return '';
  return locale === 'zh' ? name.zh : name.en || name.zh;
}

/** A person as the pages show them. */
export interface PersonView {
  key: string;
  name: string;
  title: string;
  organisation: string;
  /** The institution in English too, where the directory gives one (for the bilingual printed plan). */
  organisationEn: string;
  role: string;
  kind: SeatPerson['kind'];
  substituteFor: string;
}

/** A person in the page's language. */
export function personView(person: SeatPerson, locale: Locale): PersonView {
  const en = person.organisation && person.organisation.en !== person.organisation.zh ? person.organisation.en : '';
  return {
    key: person.key, name: person.name, title: person.title, organisation: organisationIn(person.organisation, locale), organisationEn: en,
    role: person.kind === 'walk_in' ? 'walk_in' : person.role, kind: person.kind, substituteFor: person.substituteFor,
  };
}

/** The layout form: what was typed, and its errors. */
export interface LayoutForm {
  values: Record<string, unknown>;
  errors: FieldErrors;
}

/** The plan page's model. */
export function planPageModel(req: Request, plan: SeatingPlanView, layoutForm?: LayoutForm, moveErrors: FieldErrors = {}) {
  const locale = req.locale;
  const scale = 100 / plan.map.width;
  return {
    title: req.t('seating.title'),
    plan,
    seats: plan.seats.map((seat) => ({ ...seat, person: seat.person ? personView(seat.person, locale) : null, left: seat.x * scale, top: (seat.y / plan.map.height) * 100 })),
    tables: plan.map.tables.map((t) => ({ ...t, left: t.x * scale, top: (t.y / plan.map.height) * 100, w: t.width * scale, h: (t.height / plan.map.height) * 100 })),
    aspect: `${(plan.map.width * X_STRETCH).toFixed(2)} / ${plan.map.height}`,
    seatWidth: (94 / plan.map.width).toFixed(2),
    maxHeight: '78vh',
    order: plan.order.map((p) => ({ ...personView(p, locale), seat: p.seat })),
    changes: plan.changes,
    layoutForm: layoutForm ?? { values: { ...plan.layout }, errors: {} },
    moveErrors,
  };
}

/** The layout a form or API body gives, as the service takes it. */
export function toLayout(input: Layout): Layout {
  const { kind, convention, mainSeats, otherSeats, rows } = input;
  return { kind, convention, mainSeats, otherSeats: kind === 'u_shape' || kind === 'rows' ? otherSeats : 0, rows: kind === 'rows' ? rows : 0 };
}
