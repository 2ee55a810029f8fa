import { ACCESS } from '../web/access.js';
import { ConflictError, NotFoundError } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { compareContent } from './compare.js';
import { loadEventParam, loadItemParam, loadedEvent, loadedItem, userOf } from './event-pages.js';
import { localName, savedView } from './minutes-view.js';
import { compareQuerySchema, numberParamSchema, restoreSchema } from './minutes.schemas.js';
import { departmentNames } from './published.service.js';
import { currentRevision, EditConflictError, getRevision, listRevisions, restoreRevision } from './revisions.service.js';

/** The revisions of one item: list, compare two, restore one. */
export const revisionsRouter = defineRouter('/events');

revisionsRouter.param('eventId', loadEventParam);
revisionsRouter.param('itemId', loadItemParam);

const base = (eventId: string, itemId: string) => `/events/${eventId}/minutes/items/${itemId}`;

revisionsRouter.get('/:eventId/minutes/items/:itemId/revisions', 'staff', async (req, res) => {
  const event = loadedEvent(res);
  const item = loadedItem(res);
  const href = base(String(event._id), item.id);
  const before = numberParamSchema.safeParse(req.query.before);
  const [revisions, current] = await Promise.all([
    listRevisions(String(event._id), item.id, { before: before.success && before.data > 0 ? before.data : undefined }), currentRevision(String(event._id), item.id),
  ]);
  const oldest = revisions.at(-1)?.revision ?? 0;
  res.render('minutes/views/revisions', {
    title: req.t('minutes.revisions'), itemTitle: localName(item.title, req.locale), itemHref: href, current: current.revision,
    revisions: revisions.map((rev) => ({ ...savedView(rev, event, req.locale), version: rev.version, excerpt: rev.notes.slice(0, 120) })),
    older: oldest > 1 ? `${href}/revisions?before=${oldest}` : '',
  });
});

revisionsRouter.get('/:eventId/minutes/items/:itemId/compare', 'staff', async (req, res) => {
  const query = compareQuerySchema.safeParse(req.query);
  if (!query.success) throw new NotFoundError();
  const event = loadedEvent(res);
  const item = loadedItem(res);
  const [a, b, names] = await Promise.all([getRevision(String(event._id), item.id, query.data.a), getRevision(String(event._id), item.id, query.data.b), departmentNames()]);
  res.render('minutes/views/compare', {
    title: req.t('minutes.compareTitle', { a: a.revision, b: b.revision }), itemTitle: localName(item.title, req.locale), itemHref: base(String(event._id), item.id),
    a: savedView(a, event, req.locale), b: savedView(b, event, req.locale),
    sections: compareContent(a, b, (id) => localName(names.get(id), req.locale)),
  });
});

revisionsRouter.post('/:eventId/minutes/items/:itemId/revisions/:revision/restore', ACCESS.secretary, async (req, res) => {
  const n = numberParamSchema.safeParse(req.params.revision);
  const form = restoreSchema.safeParse(req.body);
  if (!n.success || !form.success) throw new NotFoundError();
  const event = loadedEvent(res);
  const item = loadedItem(res);
  try {
    const rev = await restoreRevision(String(event._id), item.id, n.data, form.data.baseRevision, userOf(req));
    req.flash('success', 'minutes.restored', { revision: n.data, now: rev.revision });
    res.redirect(303, base(String(event._id), item.id));
  } catch (error) {
    // Restoring is from a list that may be stale: say so, and show the list as it is now, rather than overwrite a newer save.
    if (!(error instanceof ConflictError)) throw error;
    req.flash('error', error instanceof EditConflictError ? 'minutes.restoreConflict' : error.message);
    res.redirect(303, `${base(String(event._id), item.id)}/revisions`);
  }
});
