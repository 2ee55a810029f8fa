// Who sits where: pure functions over seats, people and the order of precedence.
import type { SeatMap } from './layout.js';
import { mergePrecedence, type SeatPerson } from './precedence.js';

/** One person in one seat. */
export interface Assignment {
  seat: number;
  person: string;
}

/** A person as the plan last saw them, to tell what changed since. */
export interface PersonSnapshot {
  key: string;
  name: string;
  title: string;
  organisation: string;
  invitationId: string | null;
}

/** What changed on the roster since the plan was made, and the seat it touches. */
export interface PlanChange {
  kind: 'left' | 'arrived' | 'changed';
  key: string;
  name: string;
  /** The seat affected: the one left empty, changed, or that a substitute would take; null if none. */
  seat: number | null;
  /** For a substitute or walk-in standing in: whom they replace. */
  replaces: { key: string; name: string } | null;
}

/**
 * Seat people in order of precedence: the first seats in order of rank. On a long table zone people take the
 * hosts' side and everyone else the guests' side. Returns the assignments and whoever found no seat.
 */
export function placeByPrecedence(map: SeatMap, order: readonly string[], people: readonly SeatPerson[]): { assignments: Assignment[]; unseated: string[] } {
  const byKey = new Map(people.map((p) => [p.key, p]));
  const free = { host: map.seats.filter((s) => s.party !== 'guest'), guest: map.seats.filter((s) => s.party !== 'host') };
  const taken = new Set<number>();
  const assignments: Assignment[] = [];
  const unseated: string[] = [];
  for (const key of order) {
    const person = byKey.get(key);
    if (!person) continue;
    const pool = person.kind === 'zone' ? free.host : free.guest;
    const seat = pool.find((s) => !taken.has(s.number));
    if (!seat) {
      unseated.push(key);
      continue;
    }
    taken.add(seat.number);
    assignments.push({ seat: seat.number, person: key });
  }
  return { assignments: assignments.sort((a, b) => a.seat - b.seat), unseated };
}

/** The snapshot of the roster a plan keeps. */
export function snapshotOf(people: readonly SeatPerson[]): PersonSnapshot[] {
  return people.map((p) => ({ key: p.key, name: p.name, title: p.title, organisation: p.organisation?.zh ?? '', invitationId: p.invitationId }));
}

/** For each newcomer standing in for someone who left (a substitute for their head, a walk-in for a delegate): the key they replace. */
export function replacementsOf(before: readonly PersonSnapshot[], people: readonly SeatPerson[]): Map<string, string> {
  const now = new Set(people.map((p) => p.key));
  const known = new Set(before.map((p) => p.key));
  const gone = before.filter((p) => !now.has(p.key));
  const replacements = new Map<string, string>();
  for (const person of people) {
    if (known.has(person.key)) continue;
    const free = (p: PersonSnapshot) => ![...replacements.values()].includes(p.key);
    let replaced: PersonSnapshot | undefined;
    if (person.replacesKey) replaced = gone.find((p) => p.key === person.replacesKey && free(p));
    else if (person.substituteFor) {
      const sameInvitation = gone.filter((p) => p.invitationId === person.invitationId && free(p));
      // "马骏（行长）" names 马骏; failing a name, the head is the institution's first delegate who left.
      replaced = sameInvitation.find((p) => person.substituteFor.startsWith(p.name)) ?? sameInvitation[0];
    }
    if (replaced) replacements.set(person.key, replaced.key);
  }
  return replacements;
}

/** What changed since the plan's snapshot: who left (and their seat), who arrived, whose name, title or institution changed. */
export function planChanges(before: readonly PersonSnapshot[], people: readonly SeatPerson[], assignments: readonly Assignment[]): PlanChange[] {
  const seatOf = new Map(assignments.map((a) => [a.person, a.seat]));
  const now = new Map(people.map((p) => [p.key, p]));
  const then = new Map(before.map((p) => [p.key, p]));
  const replacements = replacementsOf(before, people);
  const changes: PlanChange[] = [];
  for (const old of before) {
    const current = now.get(old.key);
    if (!current) {
      if ([...replacements.values()].includes(old.key)) continue;
      changes.push({ kind: 'left', key: old.key, name: old.name, seat: seatOf.get(old.key) ?? null, replaces: null });
    } else if (current.name !== old.name || current.title !== old.title || (current.organisation?.zh ?? '') !== old.organisation) {
      changes.push({ kind: 'changed', key: old.key, name: current.name, seat: seatOf.get(old.key) ?? null, replaces: null });
    }
  }
  for (const person of people) {
    if (then.has(person.key)) continue;
    const replacedKey = replacements.get(person.key);
    const replaced = replacedKey ? then.get(replacedKey) : undefined;
    changes.push({
      kind: 'arrived', key: person.key, name: person.name,
      seat: replaced ? (seatOf.get(replaced.key) ?? null) : null,
      replaces: replaced ? { key: replaced.key, name: replaced.name } : null,
    });
  }
  return changes;
}

/**
 * Bring a plan up to date with the roster: a substitute or walk-in standing in takes the seat of the one they
 * replace; seats of people who left are freed; newcomers take free seats in order of precedence; everyone
 * else stays where the organiser put them.
 */
export function applyChanges(
  plan: { precedence: readonly string[]; assignments: readonly Assignment[]; snapshot: readonly PersonSnapshot[] },
  people: readonly SeatPerson[],
  map: SeatMap,
): { precedence: string[]; assignments: Assignment[]; unseated: string[] } {
  const replacements = replacementsOf(plan.snapshot, people);
  const present = new Set(people.map((p) => p.key));
  const precedence = mergePrecedence(plan.precedence, people, replacements);
  const stayed = plan.assignments.flatMap((a) => {
    const replacement = [...replacements].find(([, replaced]) => replaced === a.person)?.[0];
    if (replacement) return [{ seat: a.seat, person: replacement }];
    return present.has(a.person) ? [a] : [];
  });
  const seated = new Set(stayed.map((a) => a.person));
  const taken = new Set(stayed.map((a) => a.seat));
  const openMap = { ...map, seats: map.seats.filter((s) => !taken.has(s.number)) };
  const known = new Set(plan.snapshot.map((p) => p.key));
  const waiting = precedence.filter((key) => !seated.has(key) && !known.has(key));
  const placed = placeByPrecedence(openMap, waiting, people);
  const assignments = [...stayed, ...placed.assignments].sort((a, b) => a.seat - b.seat);
  const finalSeated = new Set(assignments.map((a) => a.person));
  return { precedence, assignments, unseated: precedence.filter((key) => !finalSeated.has(key)) };
}

/** Move a person to a seat; whoever sat there takes the mover's old seat (or none, if the mover had none). */
export function moveTo(assignments: readonly Assignment[], person: string, seat: number): Assignment[] {
  const from = assignments.find((a) => a.person === person)?.seat;
  const next = assignments.flatMap((a) => {
    if (a.person === person) return [];
    if (a.seat === seat) return from === undefined ? [] : [{ seat: from, person: a.person }];
    return [a];
  });
  return [...next, { seat, person }].sort((a, b) => a.seat - b.seat);
}

/** Field errors of a set of assignments: a seat that doesn't exist, two people in one seat, one person in two seats, someone not on the roster. */
export function assignmentErrors(assignments: readonly Assignment[], map: SeatMap, people: readonly SeatPerson[]): Record<string, string> {
  const seats = new Set(map.seats.map((s) => s.number));
  const known = new Set(people.map((p) => p.key));
  const seenSeats = new Set<number>();
  const seenPeople = new Set<string>();
  const errors: Record<string, string> = {};
  assignments.forEach((a, i) => {
    if (!seats.has(a.seat)) errors[`assignments.${i}.seat`] = 'seating.noSuchSeat';
    else if (seenSeats.has(a.seat)) errors[`assignments.${i}.seat`] = 'seating.seatTaken';
    if (!known.has(a.person)) errors[`assignments.${i}.person`] = 'seating.unknownPerson';
    else if (seenPeople.has(a.person)) errors[`assignments.${i}.person`] = 'seating.personTwice';
    seenSeats.add(a.seat);
    seenPeople.add(a.person);
  });
  return errors;
}
