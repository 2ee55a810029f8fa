import mongoose from 'mongoose';
import { ConflictError, NotFoundError } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import { createOnce } from '../web/submission.js';
import { parseInput } from '../web/validate.js';
import type { InstitutionDoc } from './institution.model.js';
import {
  institutionInputSchema,
  type ContactData,
  type InstitutionFilter,
  type InstitutionInput,
  type InstitutionPatch,
} from './institution.schemas.js';
import {
  deleteInstitutionRecord,
  findInstitution,
  findInstitutions,
  findInstitutionsByIds,
  insertInstitution,
  listInstitutionTagLists,
  updateInstitutionFields,
} from './institution.store.js';

const OBJECT_ID = /^[0-9a-f]{24}$/i;
const SEARCH_FIELDS = ['nameZh', 'nameEn', 'shortName', 'contacts.name', 'contacts.email'];
// Pinyin order is what Chinese readers expect of a directory; code-point order is not.
const collator = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

/** A contact person as stored. */
export type Contact = InstitutionDoc['contacts'][number];

/** Sort institutions by Chinese name in pinyin order. */
export function sortByName<T extends { nameZh: string }>(list: T[]): T[] {
  return list.sort((a, b) => collator.compare(a.nameZh, b.nameZh));
}

/** Institutions matching the filters (search text in names, short name, contact names and emails), by name. */
export async function listInstitutions(filter: InstitutionFilter = {}): Promise<InstitutionDoc[]> {
  const { includeArchived, type, tag } = filter;
  return sortByName(await findInstitutions({ includeArchived, type, tag, q: filter.q?.trim(), searchFields: SEARCH_FIELDS }));
}

/** One institution (archived or not); NotFoundError for an unknown or malformed id. */
export async function getInstitution(id: string): Promise<InstitutionDoc> {
  const institution = await findInstitution(id);
  if (!institution) throw new NotFoundError();
  return institution;
}

/** The institutions with these ids (archived included; malformed and unknown ids are skipped), by name. */
export async function getInstitutionsByIds(ids: ReadonlyArray<string | mongoose.Types.ObjectId>): Promise<InstitutionDoc[]> {
  return sortByName(await findInstitutionsByIds(ids));
}

/** The contact invitations go to: the one marked primary (or, for old data, the first). */
export function primaryContact<C extends { primary?: boolean | null }>(institution: { contacts?: readonly C[] | null }): C | undefined {
  const contacts = institution.contacts ?? [];
  return contacts.find((contact) => contact.primary) ?? contacts[0];
}

/** The name to show in a language: the Chinese name in Chinese, else the English one (falling back to Chinese). */
export function institutionDisplayName(institution: { nameZh: string; nameEn?: string | null }, locale: Locale): string {
  return locale === 'zh' ? institution.nameZh : institution.nameEn || institution.nameZh;
}

function toStoredContacts(contacts: ContactData[]) {
  return contacts.map(({ id, ...contact }) => (id ? { _id: id, ...contact } : contact));
}

/**
 * Create an institution; bad input is a ValidationError with per-field messages. With the form's
 * submission id, the same form sent twice creates one (src/web/submission.ts).
 */
export async function createInstitution(input: InstitutionInput, submissionId?: string): Promise<InstitutionDoc> {
  const data = parseInput(institutionInputSchema, input);
  const fields = { ...data, contacts: toStoredContacts(data.contacts) };
  const { record } = await createOnce({
    submissionId,
    sent: fields,
    find: (id) => findInstitution(id),
    create: (id) => insertInstitution(fields, id),
  });
  return record;
}

/** Change some fields of an institution (already validated); `archived` archives or restores it. */
export async function updateInstitution(id: string, patch: InstitutionPatch): Promise<InstitutionDoc> {
  if (!OBJECT_ID.test(id)) throw new NotFoundError();
  const { archived, contacts, ...fields } = patch;
  const set: Record<string, unknown> = { ...fields };
  if (contacts) set.contacts = toStoredContacts(contacts);
  const update: Record<string, unknown> = { $set: set };
  if (archived === true) set.archivedAt = new Date();
  if (archived === false) update.$unset = { archivedAt: 1 };
  const updated = await updateInstitutionFields(id, update);
  if (!updated) throw new NotFoundError();
  return updated;
}

/**
 * Replace a contact's address with a corrected one (an organiser fixing a bounced invitation), so later
 * invitations go to the right place. Returns whether the institution had a contact at that address.
 */
export async function replaceContactEmail(id: string, from: string, to: string): Promise<boolean> {
  const institution = await findInstitution(id);
  const wrong = from.trim().toLowerCase();
  if (!institution?.contacts.some((c) => c.email?.toLowerCase() === wrong)) return false;
  const contacts = institution.contacts.map((c) => (c.email?.toLowerCase() === wrong ? { ...c, email: to } : c));
  await updateInstitutionFields(String(institution._id), { $set: { contacts } });
  return true;
}

/** Archive or restore an institution; it keeps its history either way. */
export async function setInstitutionArchived(id: string, archived: boolean): Promise<InstitutionDoc> {
  return updateInstitution(id, { archived });
}

/** How many invitations an institution has had (invitations imports us, so it is loaded when asked, not at start). */
export async function countInvitations(id: string): Promise<number> {
  if (!OBJECT_ID.test(id)) return 0;
  const { countInvitationsOfInstitution } = await import('../invitations/index.js');
  return countInvitationsOfInstitution(id);
}

/** Delete an institution that was never invited; one with invitations can only be archived (ConflictError). */
export async function deleteInstitution(id: string): Promise<void> {
  if ((await countInvitations(id)) > 0) throw new ConflictError('institutions.hasHistory');
  if (!(await deleteInstitutionRecord(id))) throw new NotFoundError();
}

/** Every tag used in the directory, in pinyin/alphabetical order. */
export async function listTags(): Promise<string[]> {
  const tagLists = await listInstitutionTagLists();
  return [...new Set(tagLists.flat())].sort(collator.compare);
}

/** An institution as the JSON API shows it. */
export function institutionToJson(institution: InstitutionDoc) {
  return {
    id: String(institution._id),
    nameZh: institution.nameZh,
    nameEn: institution.nameEn,
    shortName: institution.shortName,
    type: institution.type,
    address: institution.address,
    preferredLocale: institution.preferredLocale,
    contacts: (institution.contacts ?? []).map((c) => ({ id: String(c._id), name: c.name, title: c.title, email: c.email, phone: c.phone, primary: c.primary })),
    tags: institution.tags,
    notes: institution.notes,
    archived: Boolean(institution.archivedAt),
    archivedAt: institution.archivedAt ?? null,
    createdAt: institution.createdAt,
    updatedAt: institution.updatedAt,
  };
}
