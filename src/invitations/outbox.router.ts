import { logger } from '../logger.js';
import { countOutbox, listOutbox, retryFailed } from '../mail/index.js';
import { ACCESS } from '../web/access.js';
import { defineRouter } from '../web/routes.js';
import { actorOf, loadEventParam, loadedEvent } from './event-pages.js';

/** The event's outbox: every message with its status, attempts and last error; failed ones can be retried. */
export const outboxRouter = defineRouter('/events');

outboxRouter.param('eventId', loadEventParam);

outboxRouter.get('/:eventId/outbox', ACCESS.organiser, async (req, res) => {
  const eventId = String(loadedEvent(res)._id);
  const [messages, counts] = await Promise.all([listOutbox({ eventId }), countOutbox({ eventId })]);
  res.render('invitations/views/outbox', { title: req.t('invitations.outbox.title'), messages, counts });
});

outboxRouter.post('/:eventId/outbox/retry', ACCESS.organiser, async (req, res) => {
  const event = loadedEvent(res);
  const count = await retryFailed({ eventId: String(event._id) });
  const by = actorOf(req);
  logger.info({ by: by.id, eventId: String(event._id) }, 'Failed mail queued again by %s: %d for %s', by.email, count, event.titleZh);
  req.flash('success', 'invitations.outbox.retried', { count });
  res.redirect(303, `/events/${event._id}/outbox`);
});
