// Who comes first: the default order of precedence, pure functions over the event's people.

/** A name in both languages (en falls back to zh). */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Someone to seat: a zone participant, an institution's delegate, or a walk-in checked in at the door. */
export interface SeatPerson {
  /** `zone:<participantId>`, `delegate:<delegateId>` or `walkin:<checkInId>`: stable while the person is on the roster. */
  key: string;
  kind: 'zone' | 'delegate' | 'walk_in';
  name: string;
  title: string;
  /** The institution or department, in both languages. */
  organisation: Bilingual | null;
  role: string;
  /** A zone leader: a zone participant of no department. */
  leader: boolean;
  /** Position among the event's zone participants (their rank), among an invitation's delegates, or among the walk-ins. */
  index: number;
  invitationId: string | null;
  institutionId: string | null;
  /** The institution's place in the default order: by type, then the directory's order. */
  institutionRank: number;
  /** The name of the head this person stands in for ('' if none). */
  substituteFor: string;
  /** For a walk-in standing in for a registered delegate: that delegate's key. */
  replacesKey: string;
  /** The delegate's check-in code ('' for others), shown as a QR code on the badge. */
  checkInCode: string;
}

const HOST_ROLES = ['host', 'chair', 'guest_of_honour', 'speaker'];
const STAFF_ROLES = ['secretary', 'observer', 'press'];

/** The group a person falls in, in order: leaders, hosts and speakers, institutions, zone staff, staff roles, walk-ins. */
function groupOf(person: SeatPerson): number {
  if (person.kind === 'walk_in') return 5;
  if (person.kind === 'zone' && person.leader) return 0;
  if (HOST_ROLES.includes(person.role)) return 1;
  if (person.kind === 'delegate') return 2;
  return STAFF_ROLES.includes(person.role) ? 4 : 3;
}

/** Compare two people by default precedence; `institutionOrder` (institution ids) overrides the default order of institutions. */
export function comparePrecedence(institutionOrder: readonly string[] = []) {
  const custom = new Map(institutionOrder.map((id, i) => [id, i]));
  const institutionPlace = (p: SeatPerson) => (p.institutionId && custom.has(p.institutionId) ? custom.get(p.institutionId)! : institutionOrder.length + p.institutionRank);
  return (a: SeatPerson, b: SeatPerson): number => {
    const group = groupOf(a) - groupOf(b);
    if (group !== 0) return group;
    // Zone people before delegates among hosts and speakers; then institutions in order.
    const kind = Number(a.kind !== 'zone') - Number(b.kind !== 'zone');
    if (kind !== 0) return kind;
    if (a.kind === 'delegate') {
      const institution = institutionPlace(a) - institutionPlace(b);
      if (institution !== 0) return institution;
      if (a.invitationId !== b.invitationId) return String(a.invitationId).localeCompare(String(b.invitationId));
      // A substitute takes the place of the head they replace: first of the institution.
      const substitute = Number(!a.substituteFor) - Number(!b.substituteFor);
      if (substitute !== 0) return substitute;
    }
    return a.index - b.index;
  };
}

/** Everyone's keys in default order of precedence. */
export function defaultPrecedence(people: readonly SeatPerson[], institutionOrder: readonly string[] = []): string[] {
  return [...people].sort(comparePrecedence(institutionOrder)).map((p) => p.key);
}

/**
 * The organiser's order kept for people still there; newcomers slot in where the default order puts them
 * (before the first kept person the default order places after them); a replacement takes its head's place.
 */
export function mergePrecedence(kept: readonly string[], people: readonly SeatPerson[], replacements: ReadonlyMap<string, string> = new Map()): string[] {
  const present = new Set(people.map((p) => p.key));
  const order = kept.flatMap((key) => {
    const replacement = [...replacements].find(([, replaced]) => replaced === key)?.[0];
    if (replacement && present.has(replacement)) return [replacement];
    return present.has(key) ? [key] : [];
  });
  const defaults = defaultPrecedence(people);
  for (const [i, key] of defaults.entries()) {
    if (order.includes(key)) continue;
    const next = defaults.slice(i + 1).find((later) => order.includes(later));
    order.splice(next === undefined ? order.length : order.indexOf(next), 0, key);
  }
  return order;
}
