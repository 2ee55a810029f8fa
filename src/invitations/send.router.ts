import type { Request, Response } from 'express';
import { ACCESS } from '../web/access.js';
import { isConfirmed } from '../web/confirm.js';
import { ConflictError } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { parseInput } from '../web/validate.js';
import { batchProgress, type QueuedBatch } from './batch.service.js';
import { actorOf, loadEventParam, loadedEvent } from './event-pages.js';
import { getInvitation } from './invitations.service.js';
import { remindFormSchema, testCopySchema } from './send.schemas.js';
import { countToRemind, countToSend, remindPending, sendInvitations, sendTestCopy } from './send.service.js';

/** Sending from the RSVP board (invitations, test copy, reminders) and the progress of what was sent. */
export const sendRouter = defineRouter('/events');

sendRouter.param('eventId', loadEventParam);
sendRouter.param('invitationId', async (_req, res, id) => {
  res.locals.invitation = await getInvitation(String(loadedEvent(res)._id), id);
});

/** Queue, then show the batch's progress; nothing to send, or a refusal (not scheduled, closed), goes back to the board. */
export async function sendThenShow(req: Request, res: Response, send: () => Promise<QueuedBatch>, emptyKey: string) {
  const base = `/events/${loadedEvent(res)._id}`;
  let batch: QueuedBatch;
  try {
    batch = await send();
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    req.flash('error', error.message);
    return res.redirect(303, `${base}/board`);
  }
  if (!batch.batchId) {
    req.flash('info', emptyKey);
    return res.redirect(303, `${base}/board`);
  }
  res.redirect(303, `${base}/batches/${batch.batchId}`);
}

sendRouter.post('/:eventId/invitations/send', ACCESS.organiser, async (req, res) => {
  const event = loadedEvent(res);
  const count = await countToSend(event);
  // Nothing to send, or an event that is not scheduled, goes straight to the usual answer; anything else is
  // confirmed with its count first.
  if (count && event.status === 'scheduled' && !isConfirmed(req, res, { title: req.t('invitations.confirmSend.title', { count }), consequence: req.t('invitations.confirmSend.consequence', { count }), confirmLabel: req.t('invitations.confirmSend.button', { count }), cancelHref: `/events/${event._id}/board` })) return;
  return sendThenShow(req, res, () => sendInvitations(event, undefined, actorOf(req)), 'invitations.nothingToSend');
});

sendRouter.post('/:eventId/invitations/test-copy', ACCESS.organiser, (req, res) => {
  const { locale } = parseInput(testCopySchema, req.body);
  const user = req.user!;
  return sendThenShow(req, res, () => sendTestCopy(loadedEvent(res), { name: user.name, email: user.email }, locale, actorOf(req)), 'invitations.nothingToSend');
});

sendRouter.post('/:eventId/invitations/:invitationId/send', ACCESS.organiser, (req, res) =>
  sendThenShow(req, res, () => sendInvitations(loadedEvent(res), [String(req.params.invitationId)], actorOf(req)), 'invitations.nothingToSend'),
);

sendRouter.post('/:eventId/reminders', ACCESS.organiser, async (req, res) => {
  const { scope, invitationIds } = parseInput(remindFormSchema, req.body ?? {});
  if (scope === 'selected' && invitationIds.length === 0) {
    req.flash('error', 'invitations.noneSelected');
    return res.redirect(303, `/events/${loadedEvent(res)._id}/board`);
  }
  const ids = scope === 'selected' ? invitationIds : undefined;
  const event = loadedEvent(res);
  const count = await countToRemind(event, ids);
  if (count && event.status === 'scheduled' && !isConfirmed(req, res, { title: req.t('invitations.confirmRemind.title', { count }), consequence: req.t('invitations.confirmRemind.consequence', { count }), confirmLabel: req.t('invitations.confirmRemind.button', { count }), cancelHref: `/events/${event._id}/board` })) return;
  return sendThenShow(req, res, () => remindPending(loadedEvent(res), ids, actorOf(req)), 'invitations.nobodyToRemind');
});

// Before the page route: `:batchId` alone would also match `….json`.
sendRouter.get('/:eventId/batches/:batchId.json', ACCESS.organiser, async (req, res) => {
  res.set('Cache-Control', 'no-store').json(await batchProgress(String(loadedEvent(res)._id), String(req.params.batchId)));
});

sendRouter.get('/:eventId/batches/:batchId', ACCESS.organiser, async (req, res) => {
  const progress = await batchProgress(String(loadedEvent(res)._id), String(req.params.batchId));
  res.set('Cache-Control', 'no-store').render('invitations/views/send-progress', {
    title: req.t('invitations.batch.title', { kind: req.t(`invitations.batch.kind.${progress.kind}`) }),
    progress,
  });
});
