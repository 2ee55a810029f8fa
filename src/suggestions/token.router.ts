import type { Request, Response } from 'express';
import { logger } from '../logger.js';
import { NotFoundError, ValidationError, type FieldErrors } from '../web/errors.js';
import { submissionIdOf } from '../web/submission.js';
import { validateForm } from '../web/validate.js';
import { categoryName, listCategories } from './categories.service.js';
import { defineRsvpRouter, institutionName, rsvpContextOf, titleOf, type RsvpContext } from './neighbours.js';
import { tokenSuggestionSchema } from './suggestions.schemas.js';
import { createSuggestion, isResent } from './suggestions.service.js';
import { MAX_PER_INVITATION, listOwnSuggestions, tokenActor } from './token.service.js';
import { formatDay, statusBadge } from './view.js';

/** `/rsvp/:token/suggestions`: an invited institution sends suggestions and reads the answers to its own. */
export const tokenSuggestionsRouter = defineRsvpRouter();

/** Institutions and guests make suggestions; a department's invitation has no such page. */
function contextOf(req: Request, res: Response): RsvpContext {
  const context = rsvpContextOf(req, res);
  if (context.invitation.kind === 'department') throw new NotFoundError();
  return context;
}

/** Keep an explicit `?lang=` across the form post and redirect. */
const langQuery = (req: Request, joiner: '?' | '&') => (typeof req.query.lang === 'string' ? `${joiner}lang=${req.locale}` : '');

async function renderPage(req: Request, res: Response, values: Record<string, unknown>, errors: FieldErrors = {}, status = 200) {
  const context = contextOf(req, res);
  const [suggestions, categories] = await Promise.all([listOwnSuggestions(context), listCategories()]);
  const locale = req.locale;
  res.locals.langHref = (code: string) => `${req.baseUrl}${req.path}?lang=${code}`;
  res.status(status).render('suggestions/views/token', {
    title: req.t('suggestions.token.title'),
    eventTitle: titleOf(context.event, locale),
    inviteeName: context.institution ? institutionName(context.institution, locale) : context.invitation.recipient?.name ?? '',
    suggestions: suggestions.map((s) => ({ ...s, categoryLabel: categoryName({ name: s.categoryNames }, locale), when: formatDay(s.createdAt, context.event.timezone, locale), badge: statusBadge(s.status) })),
    categories: categories.map((c) => ({ value: c.key, label: categoryName(c, locale) })),
    closed: context.event.status === 'cancelled',
    full: suggestions.length >= MAX_PER_INVITATION,
    saved: req.query.saved === '1' && status === 200,
    rsvpHref: `${req.baseUrl}/${req.params.token}${langQuery(req, '?')}`,
    action: `${req.baseUrl}${req.path}${langQuery(req, '?')}`,
    values, errors,
    submission: submissionIdOf(values),
  });
}

tokenSuggestionsRouter.get('/:token/suggestions', 'public', (req, res) => renderPage(req, res, {}));

tokenSuggestionsRouter.post('/:token/suggestions', 'public', async (req, res) => {
  const context = contextOf(req, res);
  const form = validateForm(tokenSuggestionSchema, req.body);
  if (!form.ok) return renderPage(req, res, req.body, form.errors, 422);
  const { invitation } = context;
  const input = {
    eventId: String(context.event._id), source: 'institution' as const, invitationId: String(invitation._id),
    institutionId: invitation.institutionId ? String(invitation.institutionId) : null,
    personName: form.data.personName || (invitation.institutionId ? '' : invitation.recipient?.name ?? ''),
    categoryKey: form.data.categoryKey, text: form.data.text,
  };
  // The same form sent twice is saved once: its second copy is not refused for the first one's sake.
  const own = await listOwnSuggestions(context);
  const resent = own.some((s) => isResent({ ...s, _id: s.id, categoryKey: s.category.key }, input, form.data.submission));
  if (!resent && (context.event.status === 'cancelled' || own.length >= MAX_PER_INVITATION)) return renderPage(req, res, req.body, {}, 409);
  try {
    await createSuggestion(input, tokenActor(context), form.data.submission);
  } catch (error) {
    if (error instanceof ValidationError) return renderPage(req, res, req.body, error.fields, 422);
    throw error;
  }
  logger.info({ invitationId: String(invitation._id) }, 'Suggestion sent through the link of invitation %s', String(invitation._id));
  res.redirect(303, `${req.baseUrl}${req.path}?saved=1${langQuery(req, '&')}`);
});
