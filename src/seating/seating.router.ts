import type { Request, Response } from 'express';
import { ACCESS } from '../web/access.js';
import { AppError, ValidationError, type FieldErrors } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { validateForm } from '../web/validate.js';
import { sendBadgesPdf, sendCardsPdf, sendPlanPdf } from './seating-pdf.js';
import { applySchema, badgesSchema, cardsSchema, layoutFormSchema, moveSchema, orderSchema, printSchema } from './seating.schemas.js';
import { applyRosterChanges, getMadePlan, getSeatingPlan, makePlan, movePerson, movePrecedence } from './seating.service.js';
import { actorOf, loadEventParam, loadedEvent, planPageModel, toLayout, type LayoutForm } from './seating-view.js';
import { printModel } from './seating-print.js';

/** The seating plan page, its forms (layout, move, precedence, apply changes), the printable plan, table cards and badges. */
export const seatingRouter = defineRouter('/events');

seatingRouter.param('eventId', loadEventParam);

async function renderPlan(req: Request, res: Response, status = 200, layoutForm?: LayoutForm, moveErrors?: FieldErrors) {
  const plan = await getSeatingPlan(loadedEvent(res));
  res.status(status).render('seating/views/plan', planPageModel(req, plan, layoutForm, moveErrors));
}

type Flash = [key: string, params?: Record<string, string | number>];

/** Run a change and flash what it did; a refusal the user can act on (4xx) re-renders the page with it, anything else goes to the error handler. */
async function changeAndReturn(req: Request, res: Response, run: () => Promise<Flash>) {
  let flash: Flash;
  try {
    flash = await run();
  } catch (error) {
    if (!(error instanceof AppError) || error.status >= 500) throw error;
    const fields = error instanceof ValidationError ? error.fields : { _: error.message };
    return renderPlan(req, res, error.status, undefined, fields);
  }
  req.flash('success', flash[0], flash[1]);
  res.redirect(303, res.locals.base as string);
}

seatingRouter.get('/:eventId/seating', 'staff', (req, res) => renderPlan(req, res));

seatingRouter.post('/:eventId/seating', ACCESS.organiser, async (req, res) => {
  const form = validateForm(layoutFormSchema, req.body);
  if (!form.ok) return renderPlan(req, res, 422, { values: req.body as Record<string, unknown>, errors: form.errors });
  await changeAndReturn(req, res, async () => {
    await makePlan(loadedEvent(res), toLayout(form.data), actorOf(req), form.data.revision);
    return ['seating.made'];
  });
});

seatingRouter.post('/:eventId/seating/move', ACCESS.organiser, async (req, res) => {
  const form = validateForm(moveSchema, req.body);
  if (!form.ok) return renderPlan(req, res, 422, undefined, form.errors);
  const { person, seat, revision } = form.data;
  await changeAndReturn(req, res, async () => {
    const plan = await movePerson(loadedEvent(res), person, seat, actorOf(req), revision);
    return ['seating.moved', { name: plan.order.find((p) => p.key === person)?.name ?? '', seat }];
  });
});

seatingRouter.post('/:eventId/seating/order', ACCESS.organiser, async (req, res) => {
  const form = validateForm(orderSchema, req.body);
  if (!form.ok) return renderPlan(req, res, 422, undefined, form.errors);
  const { person, direction, revision } = form.data;
  await changeAndReturn(req, res, async () => {
    await movePrecedence(loadedEvent(res), person, direction, actorOf(req), revision);
    return ['seating.reordered'];
  });
});

seatingRouter.post('/:eventId/seating/apply', ACCESS.organiser, async (req, res) => {
  const form = validateForm(applySchema, req.body);
  if (!form.ok) return renderPlan(req, res, 422, undefined, form.errors);
  await changeAndReturn(req, res, async () => {
    await applyRosterChanges(loadedEvent(res), actorOf(req), form.data.revision);
    return ['seating.applied'];
  });
});

seatingRouter.get('/:eventId/seating/print', 'staff', async (req, res) => {
  const { paper } = printSchema.parse(req.query);
  const plan = await getMadePlan(loadedEvent(res));
  res.render('seating/views/print', { ...printModel(req, res, plan, paper), standalone: false });
});

seatingRouter.get('/:eventId/seating/plan.pdf', 'staff', async (req, res) => {
  await sendPlanPdf(req, res, loadedEvent(res), printSchema.parse(req.query).paper);
});

seatingRouter.get('/:eventId/seating/cards.pdf', 'staff', async (req, res) => {
  await sendCardsPdf(req, res, loadedEvent(res), Number(cardsSchema.parse(req.query).perPage) as 1 | 2);
});

seatingRouter.get('/:eventId/seating/badges.pdf', 'staff', async (req, res) => {
  await sendBadgesPdf(req, res, loadedEvent(res), badgesSchema.parse(req.query).size);
});
