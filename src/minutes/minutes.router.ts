import type { Request, Response } from 'express';
import { ACCESS } from '../web/access.js';
import { isConfirmed } from '../web/confirm.js';
import { ConflictError, NotFoundError } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { loadEventParam, loadedEvent, minutesPath, userOf } from './event-pages.js';
import { minutesPageModel, publishedView } from './minutes-view.js';
import { numberParamSchema } from './minutes.schemas.js';
import { getPublishedMinutes } from './published.service.js';
import { inviteInstitutionsToReview } from './review.service.js';
import type { MinutesStatus } from './state.service.js';
import { approveMinutes, publishMinutes, reopenMinutes, startMinutesCorrection, submitMinutesForReview } from './workflow.service.js';

/** The minutes of an event: the page, its workflow, and its published versions. */
export const minutesRouter = defineRouter('/events');

minutesRouter.param('eventId', loadEventParam);

minutesRouter.get('/:eventId/minutes', 'staff', async (req, res) => {
  const model = await minutesPageModel(loadedEvent(res), req.locale, req.user!);
  res.render('minutes/views/minutes', { ...model, title: req.t('minutes.title') });
});

type Step = (eventId: string, user: ReturnType<typeof userOf>) => Promise<MinutesStatus>;

/**
 * A workflow button: run the step (the service logs it), flash what happened, back to the minutes page. A step
 * that cannot be taken back (approving, publishing) names its consequence first (`confirm`, a message prefix).
 */
const step = (run: Step, flash: string, confirm?: string) => async (req: Request, res: Response) => {
  if (confirm && !isConfirmed(req, res, { title: req.t(`${confirm}.title`), consequence: req.t(`${confirm}.consequence`), confirmLabel: req.t(`${confirm}.button`), cancelHref: minutesPath(res) })) return;
  try {
    await run(String(loadedEvent(res)._id), userOf(req));
    req.flash('success', flash);
  } catch (error) {
    // Someone moved the minutes meanwhile: the page shows where they stand now.
    if (!(error instanceof ConflictError)) throw error;
    req.flash('error', error.message);
  }
  res.redirect(303, minutesPath(res));
};

minutesRouter.post('/:eventId/minutes/submit', ACCESS.secretary, step(submitMinutesForReview, 'minutes.submitted'));
minutesRouter.post('/:eventId/minutes/reopen', ACCESS.secretary, step(reopenMinutes, 'minutes.reopened'));
// Any staff member may try: the service lets organisers and the event's chair through.
minutesRouter.post('/:eventId/minutes/approve', 'staff', step(approveMinutes, 'minutes.approvedFlash', 'minutes.confirmApprove'));
minutesRouter.post('/:eventId/minutes/publish', ACCESS.organiser, step(publishMinutes, 'minutes.publishedFlash', 'minutes.confirmPublish'));
minutesRouter.post('/:eventId/minutes/correct', ACCESS.secretary, step(startMinutesCorrection, 'minutes.correctionStarted'));

minutesRouter.post('/:eventId/minutes/review-invitations', ACCESS.organiser, async (req, res) => {
  try {
    const { count } = await inviteInstitutionsToReview(String(loadedEvent(res)._id), userOf(req));
    req.flash(count ? 'success' : 'info', count ? 'minutes.reviewInvited' : 'minutes.reviewNobody', { count });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    req.flash('error', error.message);
  }
  res.redirect(303, minutesPath(res, '#review'));
});

minutesRouter.get('/:eventId/minutes/versions/:version', 'staff', async (req, res) => {
  const version = numberParamSchema.safeParse(req.params.version);
  const event = loadedEvent(res);
  const minutes = version.success ? await getPublishedMinutes(String(event._id), version.data) : null;
  if (!minutes) throw new NotFoundError();
  res.render('minutes/views/version', { title: req.t('minutes.versionN', { version: minutes.version }), minutes: publishedView(minutes, event, req.locale) });
});
