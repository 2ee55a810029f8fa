import { listAllDepartments } from '../institutions/index.js';
import { NotFoundError } from '../web/errors.js';
import { factsOf, type Actor, type EventChange, type ZoneParticipant } from './event-facts.js';
import { applyEventPatch, getEvent } from './events.service.js';

/** A zone participant as typed in the editor (no identity yet). */
export type ZoneParticipantInput = Omit<ZoneParticipant, '_id'>;

async function replaceParticipants(eventId: string, by: Actor, edit: (list: ZoneParticipant[]) => ZoneParticipant[]): Promise<EventChange> {
  const event = await getEvent(eventId);
  const list = factsOf(event).zoneParticipants;
  return applyEventPatch(event, { zoneParticipants: edit(list) }, by);
}

function requireParticipant(list: ZoneParticipant[], participantId: string): number {
  const index = list.findIndex((p) => p._id === participantId);
  if (index < 0) throw new NotFoundError();
  return index;
}

/** Add a zone leader or department staff member to an event. */
export async function addZoneParticipant(eventId: string, input: ZoneParticipantInput, by: Actor): Promise<EventChange> {
  return replaceParticipants(eventId, by, (list) => [...list, input]);
}

/** Change a zone participant's details or role. */
export async function updateZoneParticipant(eventId: string, participantId: string, input: ZoneParticipantInput, by: Actor): Promise<EventChange> {
  return replaceParticipants(eventId, by, (list) => {
    const index = requireParticipant(list, participantId);
    return list.map((p, i) => (i === index ? { ...input, _id: participantId } : p));
  });
}

/** Remove a zone participant from an event. */
export async function removeZoneParticipant(eventId: string, participantId: string, by: Actor): Promise<EventChange> {
  // The whole list is rewritten, like every other change of it (applyEventPatch).
  return replaceParticipants(eventId, by, (list) => {
    const index = requireParticipant(list, participantId);
    return list.filter((_p, i) => i !== index);
  });
}

/** Departments to choose from in the editor (active ones, plus any already chosen). */
export async function listDepartmentChoices(keepIds: string[] = []): Promise<{ id: string; nameZh: string; nameEn: string }[]> {
  const departments = await listAllDepartments();
  return departments
    .filter((d) => !d.archivedAt || keepIds.includes(String(d._id)))
    .map((d) => ({ id: String(d._id), nameZh: d.nameZh, nameEn: d.nameEn ?? '' }));
}
