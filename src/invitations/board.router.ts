import { PARTICIPANT_ROLES } from '../events/index.js';
import { INSTITUTION_TYPES } from '../institutions/index.js';
import { ACCESS } from '../web/access.js';
import { defineRouter } from '../web/routes.js';
import { parseInput } from '../web/validate.js';
import { listAudit } from './audit.service.js';
import { LOCALES } from '../web/i18n.js';
import { CSV_COLUMNS, filterRows, listBoardRows, rosterCsv, totalsOf, type BoardRow } from './board.service.js';
import { actorOf, loadEventParam, loadedEvent, typeKey } from './event-pages.js';
import { RSVP_STATUSES } from './invitation.model.js';
import { boardFilterSchema, roleChangeSchema } from './invitations.schemas.js';
import type { EventView } from './neighbours.js';
import { rsvpLinksCsv } from './links-export.service.js';
import { reminderTimes } from './reminders.service.js';
import { changeRosterRole, listRoster } from './roster.service.js';

/** The RSVP board, its CSV export, the participant roster and the audit trail of an event. */
export const boardRouter = defineRouter('/events');

boardRouter.param('eventId', loadEventParam);

boardRouter.get('/:eventId/board', 'staff', async (req, res) => {
  const filter = boardFilterSchema.parse(req.query);
  const event = loadedEvent(res);
  const rows = await listBoardRows(String(event._id), req.locale);
  res.render('invitations/views/board', {
    title: req.t('invitations.boardTitle'), rows: filterRows(rows, filter), totals: totalsOf(rows), filter,
    statuses: RSVP_STATUSES, types: [...INSTITUTION_TYPES, 'department', 'guest'],
    sending: sendingPanel(event, rows),
  });
});

/** What the organiser's send and remind forms show: how many are unsent and pending, when reminders go out. */
function sendingPanel(event: EventView, rows: readonly BoardRow[]) {
  const now = Date.now();
  const upcoming = (date: Date | undefined) => (date && date.getTime() > now ? date : undefined);
  const times = reminderTimes(event);
  return {
    scheduled: event.status === 'scheduled',
    unsent: rows.filter((row) => !row.sentAt).length,
    pending: rows.filter((row) => row.status === 'pending').length,
    locales: LOCALES,
    pendingReminderAt: upcoming(times.pending),
    dayBeforeAt: upcoming(times.dayBefore),
  };
}

boardRouter.get('/:eventId/board.csv', 'staff', async (req, res) => {
  const event = loadedEvent(res);
  const rows = await listBoardRows(String(event._id), req.locale);
  const label = (kind: 'status' | 'type' | 'role', value: string) => req.t(kind === 'status' ? `rsvp.status.${value}` : kind === 'role' ? `events.role.${value}` : typeKey(value));
  res.type('text/csv; charset=utf-8').attachment(`roster-${event._id}.csv`).send(rosterCsv(rows, CSV_COLUMNS.map((key) => req.t(key)), label, event.timezone));
});

// Every live RSVP link, for an office's own mail merge (organisers only: the links answer for the invitees).
boardRouter.get('/:eventId/links.csv', ACCESS.organiser, async (req, res) => {
  const event = loadedEvent(res);
  const csv = await rsvpLinksCsv(String(event._id), req.locale, req.t, actorOf(req));
  res.set('Cache-Control', 'private, no-store').type('text/csv; charset=utf-8').attachment(`rsvp-links-${event._id}.csv`).send(csv);
});

boardRouter.get('/:eventId/roster', 'staff', async (req, res) => {
  const rows = await listRoster(loadedEvent(res), req.locale);
  res.render('invitations/views/roster', { title: req.t('invitations.rosterTitle'), rows, roles: PARTICIPANT_ROLES });
});

boardRouter.post('/:eventId/roster/role', ACCESS.organiser, async (req, res) => {
  const change = parseInput(roleChangeSchema, req.body);
  await changeRosterRole(loadedEvent(res), change, actorOf(req));
  req.flash('success', 'invitations.roleSaved');
  res.redirect(303, `/events/${loadedEvent(res)._id}/roster`);
});

boardRouter.get('/:eventId/audit', 'staff', async (req, res) => {
  res.render('invitations/views/audit', { title: req.t('invitations.auditTitle'), entries: await listAudit(String(loadedEvent(res)._id)) });
});
