import { randomBytes } from 'node:crypto';
import { saveAgendaItems } from '../../src/agenda/index.js';
import { createDepartment } from '../../src/institutions/index.js';
import { createSuggestion, type SuggestionInput } from '../../src/suggestions/index.js';
import { inviteInstitution, makeEvent } from '../invitations/fixtures.js';
import { makeUser } from '../helpers/web.js';

export { makeEvent, inviteInstitution };

/** The secretary of the service-level tests, as the suggestion history records them. */
export const secretary = { kind: 'user' as const, id: '000000000000000000000002', email: 'secretary@test.local', name: 'Test secretary' };

/** An organiser acting on the workflow (services only). */
export const organiserActor = { id: '000000000000000000000001', email: 'organiser@test.local', name: 'Test organiser', role: 'organiser' as const };

/** A scheduled event with two agenda items and one invited institution (in a language). */
export async function eventWithInvitee(locale: 'zh' | 'en' | 'ko' | 'ja' = 'zh', overrides: Record<string, unknown> = {}) {
  const event = await makeEvent(overrides);
  const eventId = String(event._id);
  const items = await saveAgendaItems(eventId, [
    { type: 'opening_address', titleZh: '领导致辞', titleEn: 'Opening address', durationMinutes: 10, startsAtOverride: null, speakers: [], description: '' },
    { type: 'exchange', titleZh: '交流发言', titleEn: 'Exchange of views', durationMinutes: 60, startsAtOverride: null, speakers: [], description: '' },
  ]);
  const invitee = await inviteInstitution(eventId, { preferredLocale: locale });
  return { event, eventId, items, invitee };
}

/** A zone department with one department user (and that user's id). */
export async function departmentWithUser(nameZh = `金融办${randomBytes(2).toString('hex')}`) {
  const department = await createDepartment({ nameZh, nameEn: `Finance office ${nameZh}` });
  const departmentId = String(department._id);
  const user = await makeUser('department', { departmentId });
  return { department, departmentId, user };
}

/** A suggestion of the event from its invitee, recorded by the secretary. */
export function suggest(eventId: string, overrides: Partial<SuggestionInput> = {}) {
  return createSuggestion({ eventId, text: '建议加大对科技型中小企业的信贷支持。', categoryKey: 'sme_tech_financing', personName: '王行长', ...overrides }, secretary);
}
