import { saveAgendaItems, type AgendaItemInput } from '../../src/agenda/index.js';
import { Event } from '../../src/events/event.model.js';
import type { WorkflowUser } from '../../src/minutes/index.js';
import { checkInDelegate } from '../../src/checkin/index.js';
import { inviteInstitution, makeEvent, storedInvitation } from '../invitations/fixtures.js';
import { answer } from '../invitations/mail-fixtures.js';

/** The agenda of the model case: opening address, a report and the exchange of views. */
export const AGENDA: AgendaItemInput[] = [
  { type: 'opening_address', titleZh: '开幕致辞', titleEn: 'Opening address', durationMinutes: 10, startsAtOverride: null, speakers: [{ name: '王主任', title: '主任', organisation: '高新区管委会' }], description: '' },
  { type: 'report', titleZh: '2018年金融工作情况通报', titleEn: 'Report on financial work in 2018', durationMinutes: 30, startsAtOverride: null, speakers: [], description: '' },
  { type: 'exchange', titleZh: '交流发言', titleEn: 'Exchange of views', durationMinutes: 60, startsAtOverride: null, speakers: [], description: '' },
];

/** A scheduled event with the model case's three agenda items; returns the event id and the items. */
export async function makeEventWithAgenda(overrides: Record<string, unknown> = {}) {
  const event = await makeEvent(overrides);
  const eventId = String(event._id);
  const items = await saveAgendaItems(eventId, AGENDA);
  return { event, eventId, items };
}

/** Record a zone participant as the event's chair, with this email. */
export async function makeChair(eventId: string, email: string) {
  await Event.updateOne({ _id: eventId }, { $push: { zoneParticipants: { name: '李书记', title: '党工委书记', email, role: 'chair' } } });
}

/** Staff members as the services take them. */
export const secretary: WorkflowUser = { id: '000000000000000000000002', email: 'secretary@test.local', name: '秘书甲', role: 'secretary' };
export const secretary2: WorkflowUser = { id: '000000000000000000000003', email: 'secretary2@test.local', name: '秘书乙', role: 'secretary' };
export const organiser: WorkflowUser = { id: '000000000000000000000001', email: 'organiser@test.local', name: '组织者', role: 'organiser' };

/** Some content for an item. */
export function content(notes: string, extra: { keyPoints?: string[]; decisions?: string[] } = {}) {
  return { notes, keyPoints: extra.keyPoints ?? [], decisions: extra.decisions ?? [], actions: [] };
}

/** Invite a new institution, accept with these delegates and check them all in; returns the invitation. */
export async function attendingInstitution(eventId: string, names: string[], overrides: Record<string, unknown> = {}) {
  const invited = await inviteInstitution(eventId, overrides);
  await answer(invited.invitationId, 'accepted', names);
  const stored = await storedInvitation(invited.invitationId);
  for (const delegate of stored.delegates) await checkInDelegate(eventId, delegate.checkInCode, organiser);
  return invited;
}
