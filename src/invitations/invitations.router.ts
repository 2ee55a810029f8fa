import type { Request, Response } from 'express';
import { correctBouncedAddress, markNotesRead } from './mail-notes.service.js';
import { INSTITUTION_TYPES } from '../institutions/index.js';
import { ACCESS } from '../web/access.js';
import { isConfirmed } from '../web/confirm.js';
import { ValidationError, type FieldErrors } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { validateForm } from '../web/validate.js';
import { actorOf, loadEventParam, loadedEvent } from './event-pages.js';
import { RSVP_STATUSES, type InvitationDoc } from './invitation.model.js';
import { inviteeFormSchema, manualStatusSchema, pickerFilterSchema, readdressSchema } from './invitations.schemas.js';
import { createInvitations, getInvitation, reissueLink, setStatusByOrganiser } from './invitations.service.js';
import { pickerChoices, planInvitations } from './invitee-list.service.js';
import { sendThenShow } from './send.router.js';
import { sendInvitations } from './send.service.js';

/** Building the invitation list of an event, and one invitation's page (manual answer, new link). */
export const invitationsRouter = defineRouter('/events');

// Pages here can show RSVP links, which are secrets.
invitationsRouter.router.use((_req, res, next) => {
  res.set('Cache-Control', 'private, no-store');
  next();
});

invitationsRouter.param('eventId', loadEventParam);
invitationsRouter.param('invitationId', async (_req, res, id) => {
  res.locals.invitation = await getInvitation(String(loadedEvent(res)._id), id);
});

async function renderPicker(req: Request, res: Response, values: Record<string, unknown>, errors: FieldErrors = {}, status = 200) {
  const filter = pickerFilterSchema.parse(req.query);
  const choices = await pickerChoices(loadedEvent(res), filter, req.locale);
  const selected = (name: string) => new Set([values[name]].flat().map(String));
  res.status(status).render('invitations/views/new', {
    title: req.t('invitations.newTitle'), ...choices, filter, types: INSTITUTION_TYPES, errors, values,
    selectedInstitutions: selected('institutionIds'), selectedDepartments: selected('departmentIds'),
    guestRows: guestRows(values.guests),
  });
}

/** Guest rows to show: what was typed, plus empty rows to fill in (at least five). */
function guestRows(typed: unknown): Record<string, string>[] {
  const rows = typed && typeof typed === 'object' ? (Object.values(typed) as Record<string, string>[]) : [];
  return [...rows, ...Array.from({ length: Math.max(5 - rows.length, 1) }, () => ({}))];
}

invitationsRouter.get('/:eventId/invitations/new', ACCESS.organiser, (req, res) => renderPicker(req, res, {}));

invitationsRouter.post('/:eventId/invitations/preview', ACCESS.organiser, async (req, res) => {
  const form = validateForm(inviteeFormSchema, req.body);
  if (!form.ok) return renderPicker(req, res, req.body, form.errors, 422);
  const plan = await planInvitations(String(loadedEvent(res)._id), form.data, req.locale);
  if (plan.unknown.length) return renderPicker(req, res, req.body, { _: 'invitations.unknownInvitee' }, 422);
  res.render('invitations/views/preview', { title: req.t('invitations.previewTitle'), plan, input: form.data });
});

invitationsRouter.post('/:eventId/invitations', ACCESS.organiser, async (req, res) => {
  const form = validateForm(inviteeFormSchema, req.body);
  if (!form.ok) return renderPicker(req, res, req.body, form.errors, 422);
  const result = await createInvitations(String(loadedEvent(res)._id), form.data, actorOf(req), req.locale);
  // The links are shown on this response only (just their hashes are kept), so no redirect here.
  res.status(result.created.length ? 201 : 200).render('invitations/views/created', { title: req.t('invitations.createdTitle'), result });
});

/** The invitation page; `errors` belong to the answer form, `readdressErrors` to the correction of a bounced address. */
function renderInvitation(req: Request, res: Response, extra: { errors?: FieldErrors; readdressErrors?: FieldErrors; values?: unknown; newUrl?: string; status?: number } = {}) {
  const invitation = res.locals.invitation as InvitationDoc;
  res.status(extra.status ?? 200).render('invitations/views/invitation', {
    title: invitation.recipient?.organisation || invitation.recipient?.name,
    statuses: RSVP_STATUSES, errors: extra.errors ?? {}, readdressErrors: extra.readdressErrors ?? {}, values: extra.values, newUrl: extra.newUrl,
  });
}

invitationsRouter.get('/:eventId/invitations/:invitationId', 'staff', async (req, res) => {
  renderInvitation(req, res);
  // Shown once as unread to an organiser; other staff reading the page leave the marker for them.
  if (req.user?.role === 'organiser' || req.user?.role === 'admin') await markNotesRead(res.locals.invitation as InvitationDoc);
});

invitationsRouter.post('/:eventId/invitations/:invitationId/status', ACCESS.organiser, async (req, res) => {
  const form = validateForm(manualStatusSchema, req.body);
  if (!form.ok) return renderInvitation(req, res, { errors: form.errors, values: req.body, status: 422 });
  await setStatusByOrganiser(res.locals.invitation as InvitationDoc, form.data, actorOf(req));
  req.flash('success', 'invitations.statusSaved');
  res.redirect(303, `/events/${loadedEvent(res)._id}/board`);
});

// Correct a bounced address (the invitation's and the directory's), then send the invitation to it at once.
invitationsRouter.post('/:eventId/invitations/:invitationId/readdress', ACCESS.organiser, async (req, res) => {
  const invitation = res.locals.invitation as InvitationDoc;
  const form = validateForm(readdressSchema, req.body);
  if (!form.ok) return renderInvitation(req, res, { readdressErrors: form.errors, values: req.body, status: 422 });
  try {
    await correctBouncedAddress(invitation, form.data.email, actorOf(req));
  } catch (error) {
    if (error instanceof ValidationError) return renderInvitation(req, res, { readdressErrors: error.fields, values: req.body, status: 422 });
    throw error;
  }
  req.flash('success', 'invitations.readdress.done');
  return sendThenShow(req, res, () => sendInvitations(loadedEvent(res), [String(invitation._id)], actorOf(req)), 'invitations.nothingToSend');
});

invitationsRouter.post('/:eventId/invitations/:invitationId/link', ACCESS.organiser, async (req, res) => {
  const invitation = res.locals.invitation as InvitationDoc;
  const name = invitation.recipient?.organisation || invitation.recipient?.name || '';
  const page = `/events/${loadedEvent(res)._id}/invitations/${invitation._id}`;
  if (invitation.tokenHash && !isConfirmed(req, res, { title: req.t('invitations.confirmNewLink.title', { name }), consequence: req.t('invitations.confirmNewLink.consequence', { name }), confirmLabel: req.t('invitations.newLink'), cancelHref: page })) return;
  const url = await reissueLink(res.locals.invitation as InvitationDoc, actorOf(req));
  res.locals.invitation = await getInvitation(String(loadedEvent(res)._id), req.params.invitationId as string);
  renderInvitation(req, res, { newUrl: url, status: 201 });
});
