import type { Request, Response } from 'express';
import { ACCESS, isAllowed } from '../web/access.js';
import { ValidationError, type FieldErrors } from '../web/errors.js';
import { defineRouter } from '../web/routes.js';
import { validateForm } from '../web/validate.js';
import { PARTICIPANT_ROLES } from './event.model.js';
import { factsOf, type EventRecord } from './event-facts.js';
import { eventTitle, isEditable } from './event-rules.js';
import { zoneParticipantSchema } from './events.schemas.js';
import { getEvent } from './events.service.js';
import { addZoneParticipant, listDepartmentChoices, removeZoneParticipant, updateZoneParticipant } from './zone-participants.service.js';

/** The zone participants editor: zone leaders and department staff at an event, with their roles. */
export const zoneParticipantsRouter = defineRouter('/events');

zoneParticipantsRouter.param('eventId', async (_req, res, id) => {
  res.locals.event = await getEvent(id);
});

/** `failed`: the participant whose form had errors (`new` for the add form), re-shown with what was typed. */
async function renderEditor(req: Request, res: Response, failed?: { id: string; errors: FieldErrors; values: object }, status = 200) {
  const event = res.locals.event as EventRecord;
  const participants = factsOf(event).zoneParticipants;
  const departments = await listDepartmentChoices(participants.map((p) => p.departmentId ?? ''));
  res.status(status).render('events/views/zone-participants', {
    title: req.t('events.zoneParticipants'),
    event: { id: String(event._id), title: eventTitle(event, req.locale) },
    participants,
    departments: departments.map((d) => ({ id: d.id, name: req.locale === 'zh' ? d.nameZh : d.nameEn || d.nameZh })),
    roles: PARTICIPANT_ROLES,
    canEdit: isAllowed(req.user, ACCESS.organiser) && isEditable(event),
    failed,
  });
}

/** The service reports an unknown department on the whole list; the form shows it on the department field. */
function participantErrors(error: ValidationError): FieldErrors {
  const { zoneParticipants, ...rest } = error.fields;
  return zoneParticipants ? { ...rest, departmentId: zoneParticipants } : rest;
}

function backToEditor(req: Request, res: Response, flash: string) {
  req.flash('success', flash);
  res.redirect(303, `/events/${(res.locals.event as EventRecord)._id}/zone-participants`);
}

zoneParticipantsRouter.get('/:eventId/zone-participants', 'staff', (req, res) => renderEditor(req, res));

zoneParticipantsRouter.post('/:eventId/zone-participants', ACCESS.organiser, async (req, res) => {
  const form = validateForm(zoneParticipantSchema, req.body);
  if (!form.ok) return renderEditor(req, res, { id: 'new', errors: form.errors, values: req.body }, 422);
  try {
    await addZoneParticipant(String(req.params.eventId), form.data, req.user!);
  } catch (error) {
    if (error instanceof ValidationError) return renderEditor(req, res, { id: 'new', errors: participantErrors(error), values: req.body }, 422);
    throw error;
  }
  backToEditor(req, res, 'events.participantAdded');
});

zoneParticipantsRouter.post('/:eventId/zone-participants/:participantId', ACCESS.organiser, async (req, res) => {
  const id = String(req.params.participantId);
  const form = validateForm(zoneParticipantSchema, req.body);
  if (!form.ok) return renderEditor(req, res, { id, errors: form.errors, values: req.body }, 422);
  try {
    await updateZoneParticipant(String(req.params.eventId), id, form.data, req.user!);
  } catch (error) {
    if (error instanceof ValidationError) return renderEditor(req, res, { id, errors: participantErrors(error), values: req.body }, 422);
    throw error;
  }
  backToEditor(req, res, 'events.participantSaved');
});

zoneParticipantsRouter.post('/:eventId/zone-participants/:participantId/remove', ACCESS.organiser, async (req, res) => {
  await removeZoneParticipant(String(req.params.eventId), String(req.params.participantId), req.user!);
  backToEditor(req, res, 'events.participantRemoved');
});
