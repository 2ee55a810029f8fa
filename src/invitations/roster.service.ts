import { updateZoneParticipant, type ParticipantRole } from '../events/index.js';
import { logger } from '../logger.js';
import { ConflictError, NotFoundError } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import { storedDelegates } from './answer.js';
import { recordAudit } from './audit.service.js';
import type { StaffActor } from './invitations.service.js';
import { findInvitation, listInvitationsOfEvent, setDelegateRole } from './invitation.store.js';
import { departmentNameOf, findDepartmentsByIds, findInstitutionsByIds, institutionNameOf, type EventView } from './neighbours.js';

/** One person on the participant roster: a delegate from an RSVP, or one of the event's zone participants. */
export interface RosterRow {
  source: 'delegate' | 'zone';
  invitationId: string;
  personId: string;
  name: string;
  title: string;
  organisation: string;
  role: ParticipantRole;
  /** accepted / tentative for delegates; `zone` for zone participants. */
  status: string;
  substituteFor: string;
}

/** Delegates of accepted and tentative answers, then the zone participants, each with their role. */
export async function listRoster(event: EventView, locale: Locale): Promise<RosterRow[]> {
  const invitations = (await listInvitationsOfEvent(String(event._id))).filter((inv) => inv.status === 'accepted' || inv.status === 'tentative');
  const participants = event.zoneParticipants ?? [];
  const [institutions, departments] = await Promise.all([
    findInstitutionsByIds(invitations.flatMap((inv) => (inv.institutionId ? [String(inv.institutionId)] : []))),
    findDepartmentsByIds(participants.flatMap((p) => (p.departmentId ? [String(p.departmentId)] : []))),
  ]);
  const instNames = new Map(institutions.map((i) => [String(i._id), institutionNameOf(i, locale)]));
  const deptNames = new Map(departments.map((d) => [String(d._id), departmentNameOf(d, locale)]));
  const delegates: RosterRow[] = invitations.flatMap((inv) =>
    storedDelegates(inv).map((d) => ({
      source: 'delegate' as const,
      invitationId: String(inv._id),
      personId: String(d._id),
      name: d.name,
      title: d.title,
      organisation: (inv.institutionId && instNames.get(String(inv.institutionId))) || inv.recipient?.organisation || '',
      role: d.role,
      status: inv.status,
      substituteFor: d.substituteFor,
    })),
  );
  const zone: RosterRow[] = participants.map((p) => ({
    source: 'zone',
    invitationId: '',
    personId: String(p._id),
    name: p.name,
    title: p.title ?? '',
    organisation: (p.departmentId && deptNames.get(String(p.departmentId))) || '',
    role: p.role as ParticipantRole,
    status: 'zone',
    substituteFor: '',
  }));
  return [...delegates.sort((a, b) => a.organisation.localeCompare(b.organisation, locale)), ...zone];
}

/** A role change asked for on the roster. */
export interface RoleChange {
  source: 'delegate' | 'zone';
  invitationId: string;
  personId: string;
  role: ParticipantRole;
}

async function changeDelegateRole(event: EventView, change: RoleChange): Promise<{ name: string; before: string }> {
  const invitation = await findInvitation(change.invitationId);
  if (!invitation || String(invitation.eventId) !== String(event._id)) throw new NotFoundError();
  const index = storedDelegates(invitation).findIndex((d) => String(d._id) === change.personId);
  const delegate = storedDelegates(invitation)[index];
  if (!delegate) throw new NotFoundError();
  // Set by position, but only if that position still holds this delegate (the answer may have changed meanwhile).
  if (!(await setDelegateRole(invitation._id, delegate._id, index, change.role))) throw new ConflictError();
  return { name: delegate.name, before: delegate.role };
}

async function changeZoneRole(event: EventView, change: RoleChange, by: StaffActor): Promise<{ name: string; before: string }> {
  const participant = (event.zoneParticipants ?? []).find((p) => String(p._id) === change.personId);
  if (!participant) throw new NotFoundError();
  const { name, title, email, departmentId, role } = participant;
  await updateZoneParticipant(String(event._id), change.personId, { name, title: title ?? '', email: email ?? '', departmentId: departmentId ? String(departmentId) : null, role: change.role }, { id: by.id, email: by.email });
  return { name, before: role ?? '' };
}

/** Change one person's role on the roster; recorded in the audit trail. */
export async function changeRosterRole(event: EventView, change: RoleChange, by: StaffActor): Promise<void> {
  const { name, before } = change.source === 'delegate' ? await changeDelegateRole(event, change) : await changeZoneRole(event, change, by);
  await recordAudit({
    eventId: event._id,
    invitationId: change.source === 'delegate' ? change.invitationId : undefined,
    actor: { kind: 'user', userId: by.id, name: by.name },
    action: 'roster.roleChanged',
    before: { name, role: before },
    after: { name, role: change.role },
  });
  logger.info({ by: by.id, eventId: String(event._id) }, 'Roster role changed by %s: %s %s → %s', by.email, name, before, change.role);
}
