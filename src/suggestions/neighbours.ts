import { attachAgendaDocument, listAgendaItems as agendaItems, type AgendaItemView } from '../agenda/index.js';
import { eventTitle, getEvent, listEventsByIds, previousEdition, type EventRecord } from '../events/index.js';
import { departmentDisplayName, getInstitutionsByIds, institutionDisplayName, listDepartments, listDepartmentStaff, type DepartmentDoc, type InstitutionDoc } from '../institutions/index.js';
import { eventInvitations, findInvitation as readInvitation, rsvpUrlFor, type InvitationDoc } from '../invitations/index.js';
import type { Locale } from '../web/i18n.js';

// Everything this component needs from events, institutions, invitations and the agenda, through their index.ts.

export { enqueueMessages, renderEmail } from '../mail/index.js';
export { addRsvpPageLinks, defineRsvpRouter, rsvpContextOf, type RsvpContext } from '../invitations/index.js';
export { listDepartmentStaff, eventInvitations };

/** An event as this component sees it. */
export type EventView = EventRecord;
/** An invitation as this component sees it. */
export type InvitationView = InvitationDoc;

/** An event, or 404 (malformed ids too). */
export function loadEvent(id: string): Promise<EventRecord> {
  return getEvent(id);
}

/** The events with these ids, in one read (unknown ones are absent). */
export async function findEventsByIds(ids: readonly string[]): Promise<Map<string, EventRecord>> {
  return new Map((await listEventsByIds(ids)).map((e) => [String(e._id), e]));
}

/** The event's title in a language. */
export function titleOf(event: Pick<EventRecord, 'titleZh' | 'titleEn'>, locale: Locale): string {
  return eventTitle(event, locale);
}

/** The previous edition of the event's series, if any. */
export function findPreviousEdition(eventId: string): Promise<EventRecord | undefined> {
  return previousEdition(eventId);
}

/** Institutions by id. */
export async function findInstitutions(ids: readonly string[]): Promise<Map<string, InstitutionDoc>> {
  return new Map((await getInstitutionsByIds(ids)).map((i) => [String(i._id), i]));
}

/** An institution's name in a language. */
export function institutionName(institution: Pick<InstitutionDoc, 'nameZh' | 'nameEn'>, locale: Locale): string {
  return institutionDisplayName(institution, locale);
}

/** Every department (archived too, for old suggestions), by id. */
export async function findDepartments(): Promise<Map<string, DepartmentDoc>> {
  return new Map((await listDepartments({ includeArchived: true })).map((d) => [String(d._id), d]));
}

/** Departments one can assign to (not archived), by name. */
export function assignableDepartments(): Promise<DepartmentDoc[]> {
  return listDepartments();
}

/** A department's name in a language. */
export function departmentName(department: Pick<DepartmentDoc, 'nameZh' | 'nameEn'>, locale: Locale): string {
  return departmentDisplayName(department, locale);
}


/** One invitation, by `_id`. */
export async function findInvitation(id: unknown): Promise<InvitationDoc | undefined> {
  if (!id) return undefined;
  return (await readInvitation(id)) ?? undefined;
}

/** The live RSVP link of an invitation (for the answer email). */
export function tokenUrlOf(invitation: InvitationDoc): Promise<string> {
  return rsvpUrlFor(invitation);
}

/** The event's working agenda, in order. */
export function listAgendaItems(eventId: string): Promise<AgendaItemView[]> {
  return agendaItems(eventId);
}

/** A document attached to the event's agenda as a whole (the agenda component's contract). */
export function attachToAgenda(eventId: string, file: { filename: string; contentType: string; data: Buffer }, actor: { id: string; email: string }): Promise<{ id: string }> {
  return attachAgendaDocument(eventId, file, actor);
}
