import type { Request, Response } from 'express';
import { AppError, type FieldErrors } from '../web/errors.js';
import { validateForm } from '../web/validate.js';
import { rsvpAnswerSchema } from './invitations.schemas.js';
import { buildRsvpCalendar } from './rsvp-ics.js';
import { defineRsvpRouter, rsvpContextOf } from './rsvp-pages.js';
import { rsvpPageModel, storedFormValues, typedFormValues, type RsvpFormValues } from './rsvp-view.js';
import { closedReason, recordRsvp } from './rsvp.service.js';
import { sendRsvpConfirmation } from './send.service.js';

/** The public RSVP page, reached by the link in an invitation (the token is the only credential). */
export const rsvpRouter = defineRsvpRouter();

/** Keep an explicit `?lang=` across the form post and redirect (the cookie does too, unless blocked). */
function langQuery(req: Request, joiner: '?' | '&'): string {
  return typeof req.query.lang === 'string' ? `${joiner}lang=${req.locale}` : '';
}

async function renderPage(req: Request, res: Response, values: RsvpFormValues, options: { errors?: FieldErrors; status?: number; rejected?: boolean } = {}) {
  const context = rsvpContextOf(req, res);
  const page = await rsvpPageModel(context, req.locale, values);
  // Switching language should not repeat the "saved" confirmation.
  const base = req.baseUrl + req.path;
  res.locals.langHref = (code: string) => `${base}?lang=${code}`;
  res.status(options.status ?? 200).render('invitations/views/rsvp', {
    ...page,
    errors: options.errors ?? {},
    rejected: options.rejected ?? false,
    saved: req.query.saved === '1' && !options.status,
    base,
    action: base + langQuery(req, '?'),
  });
}

rsvpRouter.get('/:token', 'public', async (req, res) => {
  await renderPage(req, res, storedFormValues(rsvpContextOf(req, res)));
});

rsvpRouter.post('/:token', 'public', async (req, res) => {
  const context = rsvpContextOf(req, res);
  if (closedReason(context.event, new Date())) return renderPage(req, res, storedFormValues(context), { status: 409, rejected: true });
  const form = validateForm(rsvpAnswerSchema(context.event.maxDelegates), req.body);
  if (!form.ok) return renderPage(req, res, typedFormValues(req.body), { errors: form.errors, status: 422 });
  try {
    await recordRsvp(context, form.data);
  } catch (error) {
    // Closed meanwhile (deadline or cancellation): nothing changed; the page says why and whom to contact.
    if (error instanceof AppError && error.status === 409) return renderPage(req, res, storedFormValues(context), { status: 409, rejected: true });
    throw error;
  }
  // The answer is saved whatever happens to its confirmation email; a failure to queue it is only logged.
  await sendRsvpConfirmation(String(context.invitation._id)).catch((error: unknown) => req.log.error({ err: error }, 'RSVP confirmation could not be queued'));
  res.redirect(303, `${req.baseUrl}${req.path}?saved=1${langQuery(req, '&')}`);
});

rsvpRouter.get('/:token/event.ics', 'public', (req, res) => {
  const context = rsvpContextOf(req, res);
  const calendar = buildRsvpCalendar(context.event, context.invitation, req.locale);
  // attachment() sets the type from the file name, so the type with its method comes after it.
  res.attachment('event.ics').type('text/calendar; charset=utf-8; method=PUBLISH').send(calendar);
});
