import { getEvent, type EventRecord } from '../events/index.js';
import { getInstitutionsByIds, listDepartments, type DepartmentDoc, type InstitutionDoc } from '../institutions/index.js';
import { eventInvitations, type InvitationDoc, type RsvpStatus } from '../invitations/index.js';
import { ConflictError } from '../web/errors.js';

/** A name in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Someone the check-in desk can look up: a delegate named in an answer, or one of the event's zone participants. */
export interface Person {
  /** The `_id` their check-in gets. */
  checkInId: string;
  source: 'delegate' | 'zone';
  /** The delegate's check-in code ('' for zone participants). */
  code: string;
  /** The zone participant's id ('' for delegates). */
  participantId: string;
  name: string;
  title: string;
  substituteFor: string;
  /** The invitation's answer, or `zone`. */
  status: RsvpStatus | 'zone';
  invitationId: string | null;
  institutionId: string | null;
  institutionName: Bilingual | null;
  /** For the directory search: short name and the like. */
  searchText: string;
  departmentId: string | null;
  departmentName: Bilingual | null;
}

/** Everyone an event's check-in knows of. */
export interface People {
  /** Delegates of every answer (declined ones have none), then zone participants. */
  all: Person[];
  /** Delegates of accepted and tentative answers, and the zone participants. */
  expected: Person[];
  /** Institution invitations: all of them, and those accepted or tentative. */
  institutions: { invited: number; accepted: number };
  /** Institution id → its invitation's id (whatever the answer). */
  invitationOf: Map<string, string>;
}

/** Statuses whose delegates are expected on the day. */
const COMING: readonly string[] = ['accepted', 'tentative'];
/** Check-in happens on the day: not for drafts, nor for cancelled or closed events. */
const OPEN_STATUSES: readonly string[] = ['scheduled', 'held'];

/** The `_id` of a delegate's check-in. */
export const delegateCheckInId = (eventId: string, code: string) => `${eventId}:code:${code}`;
/** The `_id` of a zone participant's check-in. */
export const zoneCheckInId = (eventId: string, participantId: string) => `${eventId}:zone:${participantId}`;

/** Whether people can be checked in at this event now. */
export function isCheckInOpen(event: Pick<EventRecord, 'status'>): boolean {
  return OPEN_STATUSES.includes(event.status);
}

/** The event, if check-in is open for it; otherwise a 409 that says why. */
export async function openEvent(eventId: string): Promise<EventRecord> {
  const event = await getEvent(eventId);
  if (!isCheckInOpen(event)) throw new ConflictError('checkin.notOpen');
  return event;
}

/** Both names of an institution or department. */
export function bilingualOf(doc: { nameZh: string; nameEn?: string | null } | undefined): Bilingual | null {
  return doc ? { zh: doc.nameZh, en: doc.nameEn || doc.nameZh } : null;
}

type Delegate = { _id: unknown; name: string; title?: string | null; substituteFor?: string | null; checkInCode: string };

function delegatesOf(invitation: InvitationDoc, institutions: Map<string, InstitutionDoc>, departments: Map<string, DepartmentDoc>): Person[] {
  const eventId = String(invitation.eventId);
  const institution = invitation.institutionId ? institutions.get(String(invitation.institutionId)) : undefined;
  const department = invitation.departmentId ? departments.get(String(invitation.departmentId)) : undefined;
  const organisation = invitation.recipient?.organisation ?? '';
  // A guest's organisation is typed, like a walk-in's: a name without a directory id.
  const institutionName = bilingualOf(institution) ?? (invitation.kind === 'guest' && organisation ? { zh: organisation, en: organisation } : null);
  return ((invitation.delegates ?? []) as unknown as Delegate[]).map((d) => ({
    checkInId: delegateCheckInId(eventId, d.checkInCode),
    source: 'delegate',
    code: d.checkInCode,
    participantId: '',
    name: d.name,
    title: d.title ?? '',
    substituteFor: d.substituteFor ?? '',
    status: invitation.status,
    invitationId: String(invitation._id),
    institutionId: institution ? String(institution._id) : null,
    institutionName,
    searchText: institution?.shortName ?? '',
    departmentId: department ? String(department._id) : null,
    departmentName: bilingualOf(department),
  }));
}

function zoneParticipantsOf(event: EventRecord, departments: Map<string, DepartmentDoc>): Person[] {
  return (event.zoneParticipants ?? []).map((p) => {
    const department = p.departmentId ? departments.get(String(p.departmentId)) : undefined;
    return {
      checkInId: zoneCheckInId(String(event._id), String(p._id)),
      source: 'zone',
      code: '',
      participantId: String(p._id),
      name: p.name,
      title: p.title ?? '',
      substituteFor: '',
      status: 'zone',
      invitationId: null,
      institutionId: null,
      institutionName: null,
      searchText: department?.shortName ?? '',
      departmentId: department ? String(department._id) : null,
      departmentName: bilingualOf(department),
    };
  });
}

/** Everyone the check-in of an event knows of (three reads: invitations, their institutions, departments). */
export async function loadPeople(event: EventRecord): Promise<People> {
  const invitations = await eventInvitations(String(event._id));
  const [institutions, departments] = await Promise.all([
    getInstitutionsByIds(invitations.flatMap((inv) => (inv.institutionId ? [String(inv.institutionId)] : []))),
    listDepartments({ includeArchived: true }),
  ]);
  const byInstitution = new Map(institutions.map((i) => [String(i._id), i]));
  const byDepartment = new Map(departments.map((d) => [String(d._id), d]));
  const all = [...invitations.flatMap((inv) => delegatesOf(inv, byInstitution, byDepartment)), ...zoneParticipantsOf(event, byDepartment)];
  const invitedInstitutions = invitations.filter((inv) => inv.kind === 'institution');
  return {
    all,
    expected: all.filter((p) => p.source === 'zone' || COMING.includes(p.status)),
    institutions: { invited: invitedInstitutions.length, accepted: invitedInstitutions.filter((inv) => COMING.includes(inv.status)).length },
    invitationOf: new Map(invitedInstitutions.map((inv) => [String(inv.institutionId), String(inv._id)])),
  };
}

/** The department with this id (archived ones too: the list is short). */
export async function findDepartment(id: string): Promise<DepartmentDoc | undefined> {
  return (await listDepartments({ includeArchived: true })).find((d) => String(d._id) === id);
}
