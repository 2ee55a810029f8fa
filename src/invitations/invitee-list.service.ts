import type { DepartmentDoc, InstitutionDoc } from '../institutions/index.js';
import type { Locale } from '../web/i18n.js';
import type { InvitationKind } from './invitation.model.js';
import { listInvitedInstitutionIds, listInviteeKeys } from './invitation.store.js';
import type { GuestInput, InviteeListInput } from './invitations.schemas.js';
import {
  departmentNameOf, findDepartments, findDepartmentsByIds, findInstitutions, findInstitutionsByIds, findPreviousEdition, findTags,
  institutionNameOf, primaryContactOf, titleOf, type EventView,
} from './neighbours.js';

/** One invitation about to be created, exactly as the preview shows it. */
export interface PlannedInvitation {
  kind: InvitationKind;
  inviteeKey: string;
  institutionId?: string;
  departmentId?: string;
  /** The invitee as the organiser knows it: institution, department or guest's organisation. */
  label: string;
  recipient: { name: string; title: string; email: string; organisation: string };
  cc: string[];
  locale: Locale;
  guestRole: GuestInput['role'];
}

/** Someone who will not be invited, and why (a message key). */
export interface LeftOut {
  key: string;
  label: string;
  reason: 'invitations.alreadyInvited' | 'invitations.noContactEmail' | 'invitations.duplicateInList' | 'invitations.archived';
}

/** The preview: who will be invited, who is skipped (already invited), and who cannot be (errors). */
export interface InvitationPlan {
  planned: PlannedInvitation[];
  skipped: LeftOut[];
  errors: LeftOut[];
  /** Ids in the input that name no institution or department (with their position in the input). */
  unknown: { field: 'institutionIds' | 'departmentIds'; index: number; id: string }[];
}

function planInstitution(institution: InstitutionDoc, ccAll: boolean, locale: Locale): PlannedInvitation | LeftOut {
  const key = `institution:${institution._id}`;
  const label = institutionNameOf(institution, locale);
  if (institution.archivedAt) return { key, label, reason: 'invitations.archived' };
  const primary = primaryContactOf(institution);
  if (!primary?.email) return { key, label, reason: 'invitations.noContactEmail' };
  const cc = ccAll ? institution.contacts.map((c) => c.email ?? '').filter((email) => email && email !== primary.email) : [];
  return {
    kind: 'institution',
    inviteeKey: key,
    institutionId: String(institution._id),
    label,
    recipient: { name: primary.name, title: primary.title ?? '', email: primary.email, organisation: institution.nameZh },
    cc: [...new Set(cc)],
    locale: (institution.preferredLocale ?? 'zh') as Locale,
    guestRole: 'attendee',
  };
}

function planDepartment(department: DepartmentDoc, locale: Locale): PlannedInvitation | LeftOut {
  const key = `department:${department._id}`;
  const label = departmentNameOf(department, locale);
  const head = department.head;
  const email = head?.email || department.email || '';
  if (!email) return { key, label, reason: 'invitations.noContactEmail' };
  const recipient = { name: head?.name || department.nameZh, title: head?.title ?? '', email, organisation: department.nameZh };
  const cc = head?.email && department.email && department.email !== head.email ? [department.email] : [];
  return { kind: 'department', inviteeKey: key, departmentId: String(department._id), label, recipient, cc, locale: 'zh', guestRole: 'attendee' };
}

function planGuest(guest: GuestInput): PlannedInvitation {
  const recipient = { name: guest.name, title: guest.title, email: guest.email, organisation: guest.organisation };
  const label = guest.organisation ? `${guest.name} (${guest.organisation})` : guest.name;
  return { kind: 'guest', inviteeKey: `guest:${guest.email}`, label, recipient, cc: [], locale: guest.locale, guestRole: guest.role };
}

function unknownIds(field: 'institutionIds' | 'departmentIds', ids: string[], found: { _id: unknown }[]): InvitationPlan['unknown'] {
  const known = new Set(found.map((doc) => String(doc._id)));
  return ids.flatMap((id, index) => (known.has(id) ? [] : [{ field, index, id }]));
}

/** Work out who a list would invite to an event, without writing anything. */
export async function planInvitations(eventId: string, input: InviteeListInput, locale: Locale): Promise<InvitationPlan> {
  const [institutions, departments, existing] = await Promise.all([
    findInstitutionsByIds(input.institutionIds),
    findDepartmentsByIds(input.departmentIds),
    listInviteeKeys(eventId),
  ]);
  const invited = new Set(existing);
  const byId = new Map(institutions.map((i) => [String(i._id), i]));
  const deptById = new Map(departments.map((d) => [String(d._id), d]));
  const candidates = [
    ...input.institutionIds.flatMap((id) => (byId.has(id) ? [planInstitution(byId.get(id)!, input.ccAllContacts, locale)] : [])),
    ...input.departmentIds.flatMap((id) => (deptById.has(id) ? [planDepartment(deptById.get(id)!, locale)] : [])),
    ...input.guests.map(planGuest),
  ];
  const plan: InvitationPlan = { planned: [], skipped: [], errors: [], unknown: [...unknownIds('institutionIds', input.institutionIds, institutions), ...unknownIds('departmentIds', input.departmentIds, departments)] };
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const key = 'inviteeKey' in candidate ? candidate.inviteeKey : candidate.key;
    if (invited.has(key)) plan.skipped.push({ key, label: candidate.label, reason: 'invitations.alreadyInvited' });
    else if (seen.has(key)) plan.skipped.push({ key, label: candidate.label, reason: 'invitations.duplicateInList' });
    else if ('reason' in candidate) plan.errors.push(candidate);
    else plan.planned.push(candidate);
    seen.add(key);
  }
  return plan;
}

/** What the institution picker offers: the directory (filtered), departments, tags, and who is already invited. */
export async function pickerChoices(event: EventView, filter: { type: string; tag: string; previous: boolean }, locale: Locale) {
  const [institutions, departments, tags, existing, previous] = await Promise.all([
    findInstitutions({ type: filter.type, tag: filter.tag }),
    findDepartments(),
    findTags(),
    listInviteeKeys(event._id),
    findPreviousEdition(String(event._id)),
  ]);
  const previousIds = previous && filter.previous ? new Set(await listInvitedInstitutionIds(previous._id)) : undefined;
  const invited = new Set(existing);
  return {
    previousTitle: previous ? titleOf(previous, locale) : '',
    tags,
    institutions: institutions
      .filter((i) => !previousIds || previousIds.has(String(i._id)))
      .map((i) => ({ id: String(i._id), name: institutionNameOf(i, locale), type: i.type, tags: i.tags, contact: primaryContactOf(i), invited: invited.has(`institution:${i._id}`) })),
    departments: departments.map((d) => ({ id: String(d._id), name: departmentNameOf(d, locale), email: d.head?.email || d.email || '', invited: invited.has(`department:${d._id}`) })),
  };
}
