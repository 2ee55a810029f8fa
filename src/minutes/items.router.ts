import type { Request, Response } from 'express';
import { ACCESS } from '../web/access.js';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { validateForm } from '../web/validate.js';
import { renderMarkdown } from '../web/markdown.js';
import { loadEventParam, loadItemParam, loadedEvent, loadedItem, userOf } from './event-pages.js';
import { itemPageModel, typedFormValues, type ItemPageState } from './item-view.js';
import { itemFormSchema } from './minutes.schemas.js';
import { EditConflictError, saveMinutesItem, type ItemRevision } from './revisions.service.js';

/** One agenda item's minutes: the form (with autosave), its save, and the conflict page. */
export const itemsRouter = defineRouter('/events');

itemsRouter.param('eventId', loadEventParam);
itemsRouter.param('itemId', loadItemParam);

const itemPath = (res: Response) => `/events/${String(loadedEvent(res)._id)}/minutes/items/${loadedItem(res).id}`;

async function renderItem(req: Request, res: Response, state: ItemPageState = {}, status = 200) {
  const model = await itemPageModel(loadedEvent(res), loadedItem(res), req.locale, req.user!, state);
  res.status(status).render('minutes/views/item', { ...model, action: itemPath(res), minutesHref: `/events/${String(loadedEvent(res)._id)}/minutes` });
}

itemsRouter.get('/:eventId/minutes/items/:itemId', 'staff', (req, res) => renderItem(req, res));

/** The autosave's answer: plain data, the notes rendered the same way as the page renders them. */
const savedJson = (rev: ItemRevision) => ({ revision: rev.revision, savedAt: rev.savedAt, savedBy: rev.savedBy?.name ?? '', notesHtml: renderMarkdown(rev.notes) });

/** The autosave (JSON) gets JSON back, whatever happens; the form gets pages. */
async function saveJson(req: Request, res: Response) {
  const form = validateForm(itemFormSchema, req.body);
  if (!form.ok) return res.status(422).json({ error: { status: 422, message: req.t('errors.validation'), fields: form.errors } });
  try {
    res.json(savedJson(await saveMinutesItem(String(loadedEvent(res)._id), loadedItem(res).id, form.data, userOf(req))));
  } catch (error) {
    if (error instanceof EditConflictError) return res.status(409).json({ error: { status: 409, message: req.t(error.message) }, theirs: { revision: error.theirs.revision, savedBy: error.theirs.savedBy?.name ?? '' } });
    if (error instanceof ValidationError) return res.status(422).json({ error: { status: 422, message: req.t(error.message), fields: error.fields } });
    if (error instanceof ConflictError || error instanceof NotFoundError) return res.status(error.status).json({ error: { status: error.status, message: req.t(error.message) } });
    throw error;
  }
}

itemsRouter.post('/:eventId/minutes/items/:itemId', ACCESS.secretary, async (req, res) => {
  if (req.is('application/json')) return saveJson(req, res);
  const form = validateForm(itemFormSchema, req.body);
  if (!form.ok) return renderItem(req, res, { values: typedFormValues(req.body), errors: form.errors }, 422);
  if (req.body?.intent === 'preview') return renderItem(req, res, { values: typedFormValues(req.body), preview: true });
  try {
    await saveMinutesItem(String(loadedEvent(res)._id), loadedItem(res).id, form.data, userOf(req));
  } catch (error) {
    // Their version beside yours; the form keeps your text, now based on their revision, to merge and save.
    if (error instanceof EditConflictError) {
      const values = { ...typedFormValues(req.body), baseRevision: error.theirs.revision };
      return renderItem(req, res, { values, conflict: { theirs: error.theirs, yours: error.yours } }, 409);
    }
    if (error instanceof ValidationError) return renderItem(req, res, { values: typedFormValues(req.body), errors: error.fields }, 422);
    if (error instanceof ConflictError) return renderItem(req, res, { values: typedFormValues(req.body), errors: { _: error.message } }, 409);
    throw error;
  }
  req.flash('success', 'minutes.saved');
  res.redirect(303, itemPath(res));
});
