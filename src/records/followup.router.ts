import type { Request, Response } from 'express';
import { z } from 'zod';
import { getConfig } from '../config.js';
import { ACCESS } from '../web/access.js';
import { formatDateTime } from '../web/dates.js';
import { AppError } from '../web/errors.js';
import { isLocale, LOCALES, type Locale } from '../web/i18n.js';
import { defineRouter } from '../web/routes.js';
import { validateForm } from '../web/validate.js';
import { renderFollowUp } from './followup-email.js';
import { followUpContext, planFollowUp, sendFollowUp, type FollowUpPlan } from './followup.service.js';
import { eventTitle, getEvent, type EventRecord } from './neighbours.js';

/** The follow-up after the meeting: who gets it, a preview, and sending it (once, unless confirmed). */
export const followUpRouter = defineRouter('/events');

followUpRouter.param('eventId', async (_req, res, id) => {
  res.locals.event = await getEvent(id);
});

const checkbox = z.preprocess((v) => v === '1' || v === 'on' || v === 'true', z.boolean());
const sendSchema = z.object({ includeAbsent: checkbox, confirmRepeat: checkbox });

const eventOf = (res: Response) => res.locals.event as EventRecord;

async function previewOf(plan: FollowUpPlan, eventId: string, locale: Locale) {
  if (plan.minutesVersion === null) return null;
  const sample = plan.attending[0] ?? plan.absent[0];
  const reader = { name: sample?.addressee.name ?? '…', attended: sample?.attended ?? true, locale };
  const rendered = await renderFollowUp(await followUpContext(eventId, plan.minutesVersion), reader, `${getConfig().http.publicUrl}/rsvp/…`);
  return { subject: rendered.subject, text: rendered.text };
}

async function renderPage(req: Request, res: Response, options: { status?: number; error?: string; values?: { includeAbsent: boolean } } = {}) {
  const event = eventOf(res);
  const eventId = String(event._id);
  const plan = await planFollowUp(eventId);
  const previewLocale: Locale = isLocale(req.query.preview) ? req.query.preview : 'zh';
  res.status(options.status ?? 200).render('records/views/followup', {
    title: req.t('records.followup.title'),
    event,
    eventTitle: eventTitle(event, req.locale),
    plan,
    preview: await previewOf(plan, eventId, previewLocale),
    previewLocale,
    previewLocales: LOCALES,
    error: options.error,
    values: options.values ?? { includeAbsent: false },
    formatDate: (date: Date) => formatDateTime(date, event.timezone, req.locale),
  });
}

followUpRouter.get('/:eventId/followup', ACCESS.organiser, (req, res) => renderPage(req, res));

followUpRouter.post('/:eventId/followup', ACCESS.organiser, async (req, res) => {
  const form = validateForm(sendSchema, req.body);
  const options = form.ok ? form.data : { includeAbsent: false, confirmRepeat: false };
  try {
    const { batchId } = await sendFollowUp(String(eventOf(res)._id), options, req.user!);
    req.flash('success', 'records.followup.queued');
    res.redirect(303, `/events/${eventOf(res)._id}/batches/${batchId}`);
  } catch (error) {
    // Not sent (no minutes, nobody to send to, already sent and not confirmed): the page says why, the choice kept.
    if (error instanceof AppError && error.status === 409) return renderPage(req, res, { status: 409, error: error.message, values: options });
    throw error;
  }
});
