import { eventDescription, eventTitle, getEvent, isRsvpOpen, previousEdition, type EventRecord } from '../events/index.js';
import {
  departmentDisplayName, getInstitution, getInstitutionsByIds, institutionDisplayName, listDepartments, listInstitutions, listTags, primaryContact,
  replaceContactEmail, type DepartmentDoc, type InstitutionDoc,
} from '../institutions/index.js';
import { NotFoundError } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';

// Everything this component needs from events and institutions, in one place, through their index.ts.

/** An event as this component sees it. */
export type EventView = EventRecord;

/** An event, or 404 (malformed ids too). */
export function loadEvent(id: string): Promise<EventRecord> {
  return getEvent(id);
}

/** The event's title in a language. */
export function titleOf(event: Pick<EventRecord, 'titleZh' | 'titleEn'>, locale: Locale): string {
  return eventTitle(event, locale);
}

/** The event's description in a language (falling back to the other one). */
export function descriptionOf(event: Pick<EventRecord, 'descriptionZh' | 'descriptionEn'>, locale: Locale): string {
  return eventDescription(event, locale);
}

/** Whether answers may still change (the events component decides: status and deadline). */
export function answersOpen(event: EventRecord, now: Date): boolean {
  return isRsvpOpen(event, now);
}

/** The previous edition of the same series, if any. */
export function findPreviousEdition(eventId: string): Promise<EventRecord | undefined> {
  return previousEdition(eventId);
}

/** An institution's contact (as stored in the directory). */
export type Contact = InstitutionDoc['contacts'][number];

/** Correct a contact's address in the directory (from a bounced invitation); whether one was found. */
export function correctContactEmail(institutionId: string, from: string, to: string): Promise<boolean> {
  return replaceContactEmail(institutionId, from, to);
}

/** The institution's primary contact, whom invitations are addressed to. */
export function primaryContactOf(institution: Pick<InstitutionDoc, 'contacts'>): Contact | undefined {
  return primaryContact(institution);
}

/** The institution's name in a language. */
export function institutionNameOf(institution: Pick<InstitutionDoc, 'nameZh' | 'nameEn'>, locale: Locale): string {
  return institutionDisplayName(institution, locale);
}

/** A department's name in a language. */
export function departmentNameOf(department: Pick<DepartmentDoc, 'nameZh' | 'nameEn'>, locale: Locale): string {
  return departmentDisplayName(department, locale);
}

/** Institutions open for invitations (not archived), optionally of one type or with one tag, by name. */
export function findInstitutions(filter: { type?: string; tag?: string }): Promise<InstitutionDoc[]> {
  return listInstitutions({ type: filter.type || undefined, tag: filter.tag || undefined });
}

/** The institutions with these ids (unknown and malformed ids are simply absent). */
export function findInstitutionsByIds(ids: readonly string[]): Promise<InstitutionDoc[]> {
  return getInstitutionsByIds(ids);
}

/** One institution, if it exists (one lookup by `_id`). */
export async function findInstitution(id: unknown): Promise<InstitutionDoc | undefined> {
  if (!id) return undefined;
  return getInstitution(String(id)).catch((error: unknown) => {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  });
}

/** Every tag used in the directory, sorted. */
export function findTags(): Promise<string[]> {
  return listTags();
}

/** Zone departments not archived, by name. */
export function findDepartments(): Promise<DepartmentDoc[]> {
  return listDepartments();
}

/** The departments with these ids (archived included; the list is short, so it is read whole). */
export async function findDepartmentsByIds(ids: readonly string[]): Promise<DepartmentDoc[]> {
  if (ids.length === 0) return [];
  const wanted = new Set(ids);
  return (await listDepartments({ includeArchived: true })).filter((d) => wanted.has(String(d._id)));
}
