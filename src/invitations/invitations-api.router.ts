import { listOutbox } from '../mail/index.js';
import { ACCESS } from '../web/access.js';
import { NotFoundError, ValidationError } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { parseInput } from '../web/validate.js';
import { listBoardRows, type BoardRow } from './board.service.js';
import { actorOf, loadEventParam, loadedEvent } from './event-pages.js';
import type { InvitationDoc } from './invitation.model.js';
import { findInvitation } from './invitation.store.js';
import { inviteeListSchema } from './invitations.schemas.js';
import { createInvitations, reissueLink } from './invitations.service.js';
import { planInvitations } from './invitee-list.service.js';
import { apiInvitationIdsSchema } from './send.schemas.js';
import { remindPending, sendInvitations } from './send.service.js';

/** JSON API for invitations: read with any staff token, change as an organiser. */
export const invitationsApiRouter = defineRouter('/api/v1');

invitationsApiRouter.router.use((_req, res, next) => {
  res.set('Cache-Control', 'private, no-store');
  next();
});

invitationsApiRouter.param('eventId', loadEventParam);
invitationsApiRouter.param('invitationId', async (_req, res, id) => {
  const invitation = await findInvitation(id);
  if (!invitation) throw new NotFoundError();
  res.locals.invitation = invitation;
});

function toApi(row: BoardRow) {
  const { delegates, hasLink, ...rest } = row;
  return { ...rest, hasLink, respondents: delegates.map((d) => ({ name: d.name, title: d.title, role: d.role, substituteFor: d.substituteFor })) };
}

invitationsApiRouter.get('/events/:eventId/invitations', 'staff', async (req, res) => {
  const rows = await listBoardRows(String(loadedEvent(res)._id), req.locale);
  res.json({ invitations: rows.map(toApi) });
});

invitationsApiRouter.post('/events/:eventId/invitations', ACCESS.organiser, async (req, res) => {
  const input = parseInput(inviteeListSchema, req.body);
  const eventId = String(loadedEvent(res)._id);
  // Unknown ids are refused before anything is created, each named in its own field error.
  const { unknown } = await planInvitations(eventId, input, req.locale);
  if (unknown.length) throw new ValidationError(Object.fromEntries(unknown.map((u) => [`${u.field}.${u.index}`, req.t('invitations.unknownId', { id: u.id })])));
  const result = await createInvitations(eventId, input, actorOf(req), req.locale);
  const skipped = [...result.skipped, ...result.errors].map(({ key, label, reason }) => ({ key, name: label, reason: reason.replace('invitations.', ''), message: req.t(reason) }));
  res.status(201).json({ created: result.created.map((c) => ({ id: c.id, key: c.inviteeKey, name: c.label, recipient: c.recipient, cc: c.cc, url: c.url })), skipped });
});

invitationsApiRouter.post('/invitations/:invitationId/token', ACCESS.organiser, async (req, res) => {
  const url = await reissueLink(res.locals.invitation as InvitationDoc, actorOf(req));
  res.status(201).json({ url });
});

invitationsApiRouter.post('/events/:eventId/invitations/send', ACCESS.organiser, async (req, res) => {
  const { invitationIds } = parseInput(apiInvitationIdsSchema, req.body ?? {});
  res.status(202).json(await sendInvitations(loadedEvent(res), invitationIds, actorOf(req)));
});

invitationsApiRouter.post('/events/:eventId/reminders', ACCESS.organiser, async (req, res) => {
  const { invitationIds } = parseInput(apiInvitationIdsSchema, req.body ?? {});
  res.status(202).json(await remindPending(loadedEvent(res), invitationIds, actorOf(req)));
});

invitationsApiRouter.get('/events/:eventId/outbox', ACCESS.organiser, async (_req, res) => {
  const messages = await listOutbox({ eventId: String(loadedEvent(res)._id) });
  const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);
  res.json({
    items: messages.map((m) => ({
      id: String(m._id), to: m.to.map((a) => a.email), cc: m.cc.map((a) => a.email), kind: m.kind, subject: m.subject, status: m.status,
      attempts: m.attempts, lastError: m.lastError || null, messageId: m.messageId, invitationId: m.invitationId ? String(m.invitationId) : null,
      batchId: m.batchId ?? null, createdAt: iso(m.createdAt), sentAt: iso(m.sentAt),
    })),
  });
});
