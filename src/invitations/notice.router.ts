import { ACCESS } from '../web/access.js';
import { defineRouter } from '../web/routes.js';
import { parseInput } from '../web/validate.js';
import { pendingUpdate, sendUpdates } from './announce.service.js';
import { actorOf, loadEventParam, loadedEvent } from './event-pages.js';
import { noticeSchema } from './send.schemas.js';

/** After an organiser moves a scheduled event (time or venue): "Send an update to N invitees?" */
export const noticeRouter = defineRouter('/events');

noticeRouter.param('eventId', loadEventParam);

noticeRouter.get('/:eventId/update-notice', ACCESS.organiser, async (req, res) => {
  const { changed } = noticeSchema.parse(req.query);
  const update = await pendingUpdate(loadedEvent(res), changed);
  res.render('invitations/views/update-notice', {
    title: req.t('invitations.notice.title'),
    changes: update.changes(req.locale),
    count: update.recipients.length,
    changed: changed.join(','),
  });
});

noticeRouter.post('/:eventId/update-notice', ACCESS.organiser, async (req, res) => {
  const { changed } = parseInput(noticeSchema, req.body);
  const event = loadedEvent(res);
  const by = actorOf(req);
  const batch = await sendUpdates(event, changed, { kind: 'user', userId: by.id, name: by.name });
  if (!batch.batchId) {
    req.flash('info', 'invitations.notice.nothing');
    return res.redirect(303, `/events/${event._id}`);
  }
  req.flash('success', 'invitations.notice.sent', { count: batch.queued });
  res.redirect(303, `/events/${event._id}/batches/${batch.batchId}`);
});
