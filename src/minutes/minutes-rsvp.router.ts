import type { Request, Response } from 'express';
import { listAgendaItems } from '../agenda/index.js';
import { eventTitle } from '../events/index.js';
import { addRsvpPageLinks, defineRsvpRouter, rsvpContextOf, type RsvpContext } from '../invitations/index.js';
import { ConflictError, NotFoundError, type FieldErrors } from '../web/errors.js';
import { validateForm } from '../web/validate.js';
import { agendaItemView, contentView, publishedView } from './minutes-view.js';
import { commentSchema } from './minutes.schemas.js';
import { departmentNames, getPublishedMinutes } from './published.service.js';
import { addMinutesComment, attendedEvent, listMinutesComments, mayReviewMinutes } from './review.service.js';
import { currentRevisions } from './revisions.service.js';
import { peekMinutesState, readMinutesState } from './state.service.js';

/** The minutes as an invited institution reads them through its RSVP link: the draft to comment on, or the published version. */
export const minutesRsvpRouter = defineRsvpRouter();

// On every RSVP page view: one `_id` read of the minutes' state (and, only while they are in review, the check-ins).
addRsvpPageLinks(async (context) => {
  const status = await peekMinutesState(String(context.event._id));
  if (status.state === 'in_review' && (await mayReviewMinutes(context))) return [{ path: 'minutes', label: 'minutes.public.linkReview' }];
  return status.publishedVersion > 0 ? [{ path: 'minutes', label: 'minutes.public.linkPublished' }] : [];
});

/** The draft under review, item by item, with this invitation's own comments. */
async function draftModel(context: RsvpContext, locale: Request['locale']) {
  const eventId = String(context.event._id);
  const agenda = await listAgendaItems(eventId);
  const [revisions, names, comments] = await Promise.all([currentRevisions(eventId, agenda.map((i) => i.id)), departmentNames(), listMinutesComments(eventId, { invitationId: String(context.invitation._id) })]);
  return agenda.map((item) => ({ ...agendaItemView(item, context.event, locale), ...contentView(revisions.get(item.id)!, names, locale), comments: comments.filter((c) => c.itemId === item.id) }));
}

async function renderMinutes(req: Request, res: Response, options: { errors?: FieldErrors; itemId?: string; values?: Record<string, string>; status?: number } = {}) {
  const context = rsvpContextOf(req, res);
  const eventId = String(context.event._id);
  const status = await readMinutesState(eventId);
  // The draft is for the attending institutions; everyone invited may read what is published.
  const review = status.state === 'in_review' && (await mayReviewMinutes(context));
  const published = review ? null : await getPublishedMinutes(eventId);
  // Nothing to read between review and publication; a comment refused then still gets its explanation.
  if (!review && !published && !options.errors?._) throw new NotFoundError();
  const base = `${req.baseUrl}/${req.params.token}`;
  res.locals.langHref = (code: string) => `${base}/minutes?lang=${code}`;
  res.status(options.status ?? 200).render('minutes/views/rsvp-minutes', {
    title: eventTitle(context.event, req.locale), base, review,
    items: review ? await draftModel(context, req.locale) : [], published: published ? publishedView(published, context.event, req.locale) : null,
    pdf: Boolean(published) && (await attendedEvent(context)),
    errors: options.errors ?? {}, errorItem: options.itemId ?? '', values: options.values ?? {}, commented: req.query.commented === '1',
  });
}

minutesRsvpRouter.get('/:token/minutes', 'public', (req, res) => renderMinutes(req, res));

minutesRsvpRouter.post('/:token/minutes/items/:itemId/comments', 'public', async (req, res) => {
  const context = rsvpContextOf(req, res);
  const itemId = String(req.params.itemId);
  const form = validateForm(commentSchema, req.body);
  const values = { authorName: String(req.body?.authorName ?? ''), text: String(req.body?.text ?? '') };
  if (!form.ok) return renderMinutes(req, res, { errors: form.errors, itemId, values, status: 422 });
  try {
    await addMinutesComment(context, itemId, form.data);
  } catch (error) {
    // Review closed meanwhile: the page says so and keeps what was typed.
    if (error instanceof ConflictError) return renderMinutes(req, res, { errors: { _: error.message }, itemId, values, status: 409 });
    throw error;
  }
  res.redirect(303, `${req.baseUrl}/${req.params.token}/minutes?commented=1#item-${itemId}`);
});
