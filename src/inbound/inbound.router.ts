import type { Response } from 'express';
import { getConfig } from '../config.js';
import { eventTitle, getEvent, type EventRecord } from '../events/index.js';
import { ACCESS } from '../web/access.js';
import { formatDateTime } from '../web/dates.js';
import { defineRouter } from '../web/routes.js';
import { listInbox, readInboundMessage, type InboxRow } from './inbox.service.js';

/** What came back for an event: the organiser's page and the JSON API. */
export const inboundRouter = defineRouter('/events');
/** The JSON form of the same list. */
export const inboundApiRouter = defineRouter('/api/v1');
/** Quarantined mail that names no event. */
export const quarantineRouter = defineRouter('/inbox');

for (const router of [inboundRouter, inboundApiRouter]) {
  router.param('eventId', async (_req, res, id) => {
    res.locals.event = await getEvent(id);
  });
}

const eventOf = (res: Response) => res.locals.event as EventRecord;

/** One inbound message as the API shows it. */
function toApi(row: InboxRow) {
  return {
    id: row._id,
    kind: row.kind ?? null,
    channel: row.channel,
    from: row.from || row.envelopeFrom,
    subject: row.subject,
    receivedAt: row.receivedAt.toISOString(),
    status: row.status,
    quarantined: row.status === 'quarantined',
    invitationId: row.invitationId ? String(row.invitationId) : null,
    outcome: row.outcome ? row.outcome.replace('inbound.outcome.', '') : null,
    reason: row.reason ? row.reason.replace('inbound.reason.', '') : null,
    details: row.details ?? {},
  };
}

inboundApiRouter.get('/events/:eventId/inbox', ACCESS.organiser, async (_req, res) => {
  res.set('Cache-Control', 'private, no-store');
  res.json({ items: (await listInbox({ eventId: String(eventOf(res)._id) })).map(toApi) });
});

inboundRouter.get('/:eventId/inbox', ACCESS.organiser, async (req, res) => {
  const rows = await listInbox({ eventId: String(eventOf(res)._id) });
  const event = eventOf(res);
  res.render('inbound/views/inbox', { title: req.t('inbound.title'), heading: req.t('inbound.title'), intro: req.t('inbound.intro'), event, eventTitle: eventTitle(event, req.locale), rows, formatTime: (date: Date) => formatDateTime(date, event.timezone, req.locale) });
});

quarantineRouter.get('/quarantine', ACCESS.organiser, async (req, res) => {
  const rows = await listInbox({ status: 'quarantined' });
  res.render('inbound/views/inbox', { title: req.t('inbound.quarantineTitle'), heading: req.t('inbound.quarantineTitle'), intro: req.t('inbound.quarantineIntro'), event: undefined, rows, formatTime: (date: Date) => formatDateTime(date, getConfig().defaultTimezone, req.locale) });
});

// One message, to read before acting on it by hand (quarantined ones above all). Its text is shown, never rendered.
quarantineRouter.get('/:messageId', ACCESS.organiser, async (req, res) => {
  const message = await readInboundMessage(String(req.params.messageId));
  const event = message.eventId ? await getEvent(String(message.eventId)).catch(() => undefined) : undefined;
  res.render('inbound/views/message', {
    title: message.subject || req.t('inbound.noSubject'), message, event, eventTitle: event ? eventTitle(event, req.locale) : '',
    formatTime: (date: Date) => formatDateTime(date, event?.timezone ?? getConfig().defaultTimezone, req.locale),
  });
});
