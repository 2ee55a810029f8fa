import type { Request, Response } from 'express';
import { ACCESS } from '../web/access.js';
import { defineRouter } from '../web/routes.js';
import { parseInput } from '../web/validate.js';
import { sendBadgesPdf, sendCardsPdf, sendPlanPdf } from './seating-pdf.js';
import { badgesSchema, cardsSchema, printSchema, putPlanSchema } from './seating.schemas.js';
import { getMadePlan, putPlan, type SeatingPlanView } from './seating.service.js';
import { actorOf, loadEventParam, loadedEvent, personView, toLayout } from './seating-view.js';

/** JSON API: `GET` (any staff token) and `PUT` (organiser) `/api/v1/events/:id/seating`, and its plan, table cards and badges as PDF. */
export const seatingApiRouter = defineRouter('/api/v1');

seatingApiRouter.param('eventId', loadEventParam);

/** A plan as the API shows it: the layout, the precedence and the assignments, with each seat's place on the drawing. */
function toApiPlan(plan: SeatingPlanView, req: Request) {
  return {
    layout: plan.layout,
    precedence: plan.order.map((p) => ({ ...personView(p, req.locale), seat: p.seat })),
    assignments: plan.seats.filter((s) => s.person).map((s) => ({ seat: s.number, person: s.person!.key })),
    seats: plan.seats.map(({ number, area, row, party, x, y, person }) => ({ number, area, row, party, x, y, person: person?.key ?? null })),
    unseated: plan.unseated.map((p) => p.key),
    outOfDate: plan.changes.length > 0,
    changes: plan.changes,
    revision: plan.revision,
    updatedAt: plan.updatedAt?.toISOString() ?? null,
  };
}

function noStore(res: Response) {
  res.set('Cache-Control', 'private, no-store');
}

seatingApiRouter.get('/events/:eventId/seating', 'staff', async (req, res) => {
  noStore(res);
  res.json({ seating: toApiPlan(await getMadePlan(loadedEvent(res)), req) });
});

seatingApiRouter.put('/events/:eventId/seating', ACCESS.organiser, async (req, res) => {
  const body = parseInput(putPlanSchema, req.body ?? {});
  const plan = await putPlan(loadedEvent(res), { ...body, layout: body.layout && toLayout(body.layout) }, actorOf(req));
  noStore(res);
  res.json({ seating: toApiPlan(plan, req) });
});

seatingApiRouter.get('/events/:eventId/seating/cards.pdf', 'staff', async (req, res) => {
  await sendCardsPdf(req, res, loadedEvent(res), Number(cardsSchema.parse(req.query).perPage) as 1 | 2);
});

seatingApiRouter.get('/events/:eventId/seating/badges.pdf', 'staff', async (req, res) => {
  await sendBadgesPdf(req, res, loadedEvent(res), badgesSchema.parse(req.query).size);
});

seatingApiRouter.get('/events/:eventId/seating/plan.pdf', 'staff', async (req, res) => {
  await sendPlanPdf(req, res, loadedEvent(res), printSchema.parse(req.query).paper);
});
