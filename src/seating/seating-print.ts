import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import type { Locale } from '../web/i18n.js';
import { personView, X_STRETCH, type PersonView } from './seating-view.js';
import type { SeatingPlanView } from './seating.service.js';

/** The printed plan's paper. */
export type Paper = 'a4' | 'a3';

/** People in plan order: seated ones by seat number, then those without a seat in order of precedence. */
export function inPlanOrder(plan: SeatingPlanView, locale: Locale): (PersonView & { seat: number | null })[] {
  const seated = plan.seats.filter((s) => s.person).map((s) => ({ ...personView(s.person!, locale), seat: s.number as number | null }));
  return [...seated, ...plan.unseated.map((p) => ({ ...personView(p, locale), seat: null }))];
}

/** The printable plan (page and PDF): the drawing and the numbered list, names in Chinese with English where given. */
export function printModel(req: Request, res: Response, plan: SeatingPlanView, paper: Paper) {
  const event = res.locals.event as { startsAt: Date; timezone: string };
  const scale = 100 / plan.map.width;
  return {
    title: `${req.t('seating.title')} · ${res.locals.eventTitle as string}`,
    paper,
    layoutKind: plan.layout.kind,
    when: DateTime.fromJSDate(event.startsAt, { zone: event.timezone }).toFormat('yyyy-MM-dd HH:mm'),
    seats: plan.seats.map((seat) => ({ ...seat, person: seat.person ? personView(seat.person, 'zh') : null, left: seat.x * scale, top: (seat.y / plan.map.height) * 100 })),
    tables: plan.map.tables.map((t) => ({ ...t, left: t.x * scale, top: (t.y / plan.map.height) * 100, w: t.width * scale, h: (t.height / plan.map.height) * 100 })),
    aspect: `${(plan.map.width * X_STRETCH).toFixed(2)} / ${plan.map.height}`,
    seatWidth: (94 / plan.map.width).toFixed(2),
    maxHeight: paper === 'a3' ? '235mm' : '150mm',
    people: inPlanOrder(plan, 'zh').map((p) => ({ ...p, en: plan.order.find((o) => o.key === p.key)?.organisation?.en ?? '' })),
  };
}
