import type { Request, Response } from 'express';
import { ACCESS } from '../web/access.js';
import type { FieldErrors } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { submissionIdOf } from '../web/submission.js';
import { validateForm } from '../web/validate.js';
import { attendanceRows, loadAttendance } from './attendance.service.js';
import { normalizeCode, walkInSchema, zoneSchemaFor } from './checkin.schemas.js';
import { checkInWalkIn, checkInZone } from './checkin.service.js';
import { actorOf, checkInAndReturn, departmentChoices, loadEventParam, loadedEvent, rowView, walkInChoices } from './checkin-view.js';

/** Walk-ins (substitutes included) and zone leaders and department staff. */
export const walkInRouter = defineRouter('/events');

walkInRouter.param('eventId', loadEventParam);

type Typed = Record<string, string>;
const typedValues = (body: unknown): Typed =>
  Object.fromEntries(Object.entries((body ?? {}) as Record<string, unknown>).filter(([key, v]) => key !== '_csrf' && typeof v === 'string')) as Typed;

async function renderWalkIn(req: Request, res: Response, values: Typed, errors: FieldErrors = {}, status = 200) {
  const attendance = await loadAttendance(loadedEvent(res));
  const choices = await walkInChoices(attendance, req.locale);
  // A substitute chosen from the desk brings their institution along.
  const substituted = choices.substitutable.flatMap((g) => g.options).find((o) => o.code === values.substituteFor);
  const shown = { name: '', title: '', institutionName: '', ...values, institutionId: values.institutionId ?? substituted?.institutionId ?? '' };
  res.status(status).render('checkin/views/walk-in', { title: req.t('checkin.walkIn.title'), ...choices, values: shown, errors, submission: submissionIdOf(values) });
}

walkInRouter.get('/:eventId/checkin/walk-in', ACCESS.secretary, (req, res) =>
  renderWalkIn(req, res, { substituteFor: typeof req.query.substituteFor === 'string' ? normalizeCode(req.query.substituteFor) : '' }),
);

walkInRouter.post('/:eventId/checkin/walk-in', ACCESS.secretary, async (req, res) => {
  const values = typedValues(req.body);
  const form = validateForm(walkInSchema, req.body);
  if (!form.ok) return renderWalkIn(req, res, values, form.errors, 422);
  await checkInAndReturn(
    req, res,
    () => checkInWalkIn(String(loadedEvent(res)._id), form.data, actorOf(req)),
    (errors, status) => renderWalkIn(req, res, values, errors, status),
  );
});

async function renderZone(req: Request, res: Response, values: Typed = {}, errors: FieldErrors = {}, status = 200) {
  const event = loadedEvent(res);
  const rows = attendanceRows(await loadAttendance(event)).filter((row) => row.source === 'zone' || row.checkIn?.kind === 'zone');
  res.status(status).render('checkin/views/zone', {
    title: req.t('checkin.zone.title'),
    rows: rows.map((row) => rowView(row, req.locale, event.timezone)),
    departments: await departmentChoices(req.locale),
    values: { name: '', title: '', departmentId: '', ...values },
    errors,
    submission: submissionIdOf(values),
  });
}

walkInRouter.get('/:eventId/checkin/zone', ACCESS.secretary, (req, res) => renderZone(req, res));

walkInRouter.post('/:eventId/checkin/zone', ACCESS.secretary, async (req, res) => {
  const values = typedValues(req.body);
  const form = validateForm(zoneSchemaFor(req.body), req.body);
  if (!form.ok) return renderZone(req, res, values, form.errors, 422);
  await checkInAndReturn(
    req, res,
    () => checkInZone(String(loadedEvent(res)._id), form.data, actorOf(req)),
    (errors, status) => renderZone(req, res, values, errors, status),
  );
});
