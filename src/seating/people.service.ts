import { listCheckIns, type CheckInRecord } from '../checkin/index.js';
import type { EventRecord } from '../events/index.js';
import { getInstitutionsByIds, INSTITUTION_TYPES, listDepartments, type InstitutionDoc } from '../institutions/index.js';
import { eventInvitations, type InvitationDoc } from '../invitations/index.js';
import type { Bilingual, SeatPerson } from './precedence.js';

// The people a plan seats, read from the event's zone participants, the answers of its invitations and the walk-ins.

type Delegate = { _id: unknown; name: string; title?: string | null; substituteFor?: string | null; role?: string | null; checkInCode: string };

const bilingual = (doc: { nameZh: string; nameEn?: string | null } | undefined): Bilingual | null => (doc ? { zh: doc.nameZh, en: doc.nameEn || doc.nameZh } : null);

/** The default order of institutions: by type, then the directory's (pinyin) order. */
function institutionRanks(institutions: InstitutionDoc[]): Map<string, number> {
  const typeRank = (type: string) => (INSTITUTION_TYPES as readonly string[]).indexOf(type);
  const sorted = institutions.map((inst, directory) => ({ id: String(inst._id), type: typeRank(inst.type), directory })).sort((a, b) => a.type - b.type || a.directory - b.directory);
  return new Map(sorted.map((entry, rank) => [entry.id, rank]));
}

function delegatesOf(invitation: InvitationDoc, institution: InstitutionDoc | undefined, rank: number): SeatPerson[] {
  const typed = invitation.recipient?.organisation ?? '';
  const organisation = bilingual(institution) ?? (typed ? { zh: typed, en: typed } : null);
  return ((invitation.delegates ?? []) as unknown as Delegate[]).map((d, index) => ({
    key: `delegate:${String(d._id)}`, kind: 'delegate', name: d.name, title: d.title ?? '', organisation, role: d.role ?? 'attendee', leader: false, index,
    invitationId: String(invitation._id), institutionId: institution ? String(institution._id) : null, institutionRank: institution ? rank : Number.MAX_SAFE_INTEGER,
    substituteFor: d.substituteFor ?? '', replacesKey: '', checkInCode: d.checkInCode,
  }));
}

function walkInsOf(checkIns: readonly CheckInRecord[], delegates: SeatPerson[]): SeatPerson[] {
  // Walk-ins and zone staff typed in at the door; registered people are checked in under their own key.
  const others = checkIns.filter((c) => c.id.includes(':other:'));
  return others.map((c, index) => {
    const replaced = c.substituteFor ? delegates.find((d) => d.invitationId === c.invitationId && d.name === c.substituteFor) : undefined;
    return {
      key: `walkin:${c.id}`, kind: 'walk_in', name: c.name, title: c.title, organisation: c.institutionName ?? c.departmentName, role: 'attendee', leader: false, index,
      invitationId: c.invitationId, institutionId: c.institutionId, institutionRank: Number.MAX_SAFE_INTEGER, substituteFor: c.substituteFor, replacesKey: replaced?.key ?? '', checkInCode: '',
    };
  });
}

/**
 * Everyone to seat at an event: its zone participants in their listed order (their rank), the delegates of
 * accepted and tentative answers, and the walk-ins; a delegate someone stood in for at the door is left out.
 */
export async function loadSeatPeople(event: EventRecord): Promise<SeatPerson[]> {
  const eventId = String(event._id);
  const [invitations, departments, checkIns] = await Promise.all([eventInvitations(eventId), listDepartments({ includeArchived: true }), listCheckIns(eventId)]);
  const coming = invitations.filter((inv) => inv.status === 'accepted' || inv.status === 'tentative');
  const institutions = await getInstitutionsByIds(coming.flatMap((inv) => (inv.institutionId ? [String(inv.institutionId)] : [])));
  const byId = new Map(institutions.map((i) => [String(i._id), i]));
  const ranks = institutionRanks(institutions);
  const departmentOf = new Map(departments.map((d) => [String(d._id), d]));
  const zone: SeatPerson[] = (event.zoneParticipants ?? []).map((p, index) => ({
    key: `zone:${String(p._id)}`, kind: 'zone', name: p.name, title: p.title ?? '',
    organisation: bilingual(p.departmentId ? departmentOf.get(String(p.departmentId)) : undefined), role: p.role ?? 'attendee', leader: !p.departmentId, index,
    invitationId: null, institutionId: null, institutionRank: 0, substituteFor: '', replacesKey: '', checkInCode: '',
  }));
  const delegates = coming.flatMap((inv) => {
    const institution = inv.institutionId ? byId.get(String(inv.institutionId)) : undefined;
    return delegatesOf(inv, institution, institution ? ranks.get(String(institution._id))! : 0);
  });
  const walkIns = walkInsOf(checkIns, delegates);
  const replaced = new Set(walkIns.map((w) => w.replacesKey).filter(Boolean));
  return [...zone, ...delegates.filter((d) => !replaced.has(d.key)), ...walkIns];
}
