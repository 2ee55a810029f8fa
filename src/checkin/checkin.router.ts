import type { Request, Response } from 'express';
import { ACCESS } from '../web/access.js';
import { ConflictError, ValidationError } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { validateForm } from '../web/validate.js';
import { countsOf, loadAttendance } from './attendance.service.js';
import { codeFormSchema, searchSchema, undoSchema } from './checkin.schemas.js';
import { checkInDelegate, undoCheckIn } from './checkin.service.js';
import { actorOf, backPath, checkInAndReturn, deskModel, loadEventParam, loadedEvent, type CodeField } from './checkin-view.js';

/** The check-in desk: search, typed or scanned codes, undo, and the live counts. */
export const checkinRouter = defineRouter('/events');

checkinRouter.param('eventId', loadEventParam);

async function renderDesk(req: Request, res: Response, code?: CodeField, status = 200) {
  const { q } = searchSchema.parse(req.query);
  res.status(status).render('checkin/views/desk', await deskModel(req, res, q, code));
}

checkinRouter.get('/:eventId/checkin', ACCESS.secretary, (req, res) => renderDesk(req, res));

checkinRouter.post('/:eventId/checkin/code', ACCESS.secretary, async (req, res) => {
  const typed = typeof req.body?.code === 'string' ? req.body.code : '';
  const form = validateForm(codeFormSchema, req.body);
  if (!form.ok) return renderDesk(req, res, { value: typed, errors: form.errors }, 422);
  await checkInAndReturn(
    req, res,
    () => checkInDelegate(String(loadedEvent(res)._id), form.data.code, actorOf(req)),
    (errors, status) => renderDesk(req, res, { value: typed, errors }, status),
    'code',
  );
});

checkinRouter.post('/:eventId/checkin/undo', ACCESS.secretary, async (req, res) => {
  const form = validateForm(undoSchema, req.body);
  if (!form.ok) throw new ValidationError(form.errors);
  try {
    const undone = await undoCheckIn(String(loadedEvent(res)._id), form.data.id, actorOf(req));
    if (undone) req.flash('success', 'checkin.undone', { name: undone.name });
    else req.flash('info', 'checkin.notCheckedIn');
  } catch (error) {
    if (!(error instanceof ConflictError && error.message === 'checkin.notOpen')) throw error;
    req.flash('error', 'checkin.notOpen');
  }
  res.redirect(303, backPath(req, res));
});

checkinRouter.get('/:eventId/checkin/counts.json', ACCESS.secretary, async (_req, res) => {
  const counts = countsOf(await loadAttendance(loadedEvent(res)));
  res.set('Cache-Control', 'private, no-store').json({ ...counts, updatedAt: new Date().toISOString() });
});
