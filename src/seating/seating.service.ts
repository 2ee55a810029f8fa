import type { EventRecord } from '../events/index.js';
import { logger } from '../logger.js';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.js';
import { seatMap, type Layout, type Seat, type SeatMap } from './layout.js';
import { loadSeatPeople } from './people.service.js';
import { applyChanges, assignmentErrors, moveTo, placeByPrecedence, planChanges, snapshotOf, type Assignment, type PlanChange } from './placement.js';
import { defaultPrecedence, mergePrecedence, type SeatPerson } from './precedence.js';
import { findPlan, savePlan, type StoredPlan } from './seating.store.js';

/** Who changes a plan, for the log and the plan's `updatedBy`. */
export interface SeatingActor {
  id: string;
  email: string;
  name: string;
}

/** A seat with whoever sits there. */
export type SeatView = Seat & { person: SeatPerson | null };

/** Everything the pages, the API and the PDFs show of a plan. */
export interface SeatingPlanView {
  made: boolean;
  layout: Layout;
  map: SeatMap;
  seats: SeatView[];
  /** Everyone in order of precedence, with their seat (null: none). */
  order: (SeatPerson & { seat: number | null })[];
  unseated: SeatPerson[];
  /** Roster changes since the plan was made; any means "out of date". */
  changes: PlanChange[];
  revision: number;
  updatedAt: Date | null;
}

/** A starting layout for an event without a plan: a long table wide enough for the larger party. */
export function proposedLayout(people: readonly SeatPerson[]): Layout {
  const zone = people.filter((p) => p.kind === 'zone').length;
  return { kind: 'long_table', convention: 'left_first', mainSeats: Math.min(60, Math.max(1, zone, people.length - zone)), otherSeats: 0, rows: 0 };
}

function viewOf(plan: StoredPlan | null, people: SeatPerson[], layout: Layout): SeatingPlanView {
  const map = seatMap(layout);
  const precedence = plan ? mergePrecedence(plan.precedence, people) : defaultPrecedence(people);
  const assignments = plan ? plan.assignments : placeByPrecedence(map, precedence, people).assignments;
  const byKey = new Map(people.map((p) => [p.key, p]));
  const seatOf = new Map(assignments.filter((a) => byKey.has(a.person)).map((a) => [a.person, a.seat]));
  const sitter = new Map(assignments.map((a) => [a.seat, byKey.get(a.person) ?? null]));
  const order = precedence.map((key) => ({ ...byKey.get(key)!, seat: seatOf.get(key) ?? null }));
  return {
    made: Boolean(plan), layout, map,
    seats: map.seats.map((seat) => ({ ...seat, person: sitter.get(seat.number) ?? null })),
    order, unseated: order.filter((p) => p.seat === null),
    changes: plan ? planChanges(plan.snapshot, people, plan.assignments) : [],
    revision: plan?.revision ?? 0, updatedAt: plan?.updatedAt ?? null,
  };
}

/** The event's plan as it stands (or, before one is made, what placing by precedence would give). */
export async function getSeatingPlan(event: EventRecord): Promise<SeatingPlanView> {
  const [plan, people] = await Promise.all([findPlan(String(event._id)), loadSeatPeople(event)]);
  return viewOf(plan, people, plan?.layout ?? proposedLayout(people));
}

/** The saved plan, or a 404 that says to make one first. */
export async function getMadePlan(event: EventRecord): Promise<SeatingPlanView> {
  const view = await getSeatingPlan(event);
  if (!view.made) throw new NotFoundError('seating.noPlan');
  return view;
}

function assertOpen(event: EventRecord): void {
  if (event.status === 'cancelled') throw new ConflictError('seating.eventCancelled');
}

/** Make (or make again) the plan with a layout: everyone placed by precedence, the organiser's order of precedence kept. */
export async function makePlan(event: EventRecord, layout: Layout, by: SeatingActor, revision?: number, institutionOrder?: string[]): Promise<SeatingPlanView> {
  assertOpen(event);
  const eventId = String(event._id);
  const [plan, people] = await Promise.all([findPlan(eventId), loadSeatPeople(event)]);
  const order = institutionOrder ?? plan?.institutionOrder ?? [];
  const precedence = plan && !institutionOrder ? mergePrecedence(plan.precedence, people) : defaultPrecedence(people, order);
  const { assignments } = placeByPrecedence(seatMap(layout), precedence, people);
  const saved = await savePlan(eventId, { layout, institutionOrder: order, precedence, assignments, snapshot: snapshotOf(people) }, by, revision);
  logger.info({ by: by.id, eventId }, 'Seating plan made by %s: %s, %d seats, %d seated', by.email, layout.kind, seatMap(layout).seats.length, assignments.length);
  return viewOf(saved, people, layout);
}

async function madeOrConflict(event: EventRecord): Promise<{ plan: StoredPlan; people: SeatPerson[] }> {
  assertOpen(event);
  const [plan, people] = await Promise.all([findPlan(String(event._id)), loadSeatPeople(event)]);
  if (!plan) throw new NotFoundError('seating.noPlan');
  return { plan, people };
}

/** Move a person to a seat; whoever sat there takes the mover's old seat. */
export async function movePerson(event: EventRecord, person: string, seat: number, by: SeatingActor, revision?: number): Promise<SeatingPlanView> {
  const { plan, people } = await madeOrConflict(event);
  const map = seatMap(plan.layout);
  if (!map.seats.some((s) => s.number === seat)) throw new ValidationError({ seat: 'seating.noSuchSeat' });
  if (!people.some((p) => p.key === person)) throw new ValidationError({ person: 'seating.unknownPerson' });
  const assignments = moveTo(plan.assignments, person, seat);
  const saved = await savePlan(String(event._id), { ...plan, assignments }, by, revision);
  const name = people.find((p) => p.key === person)!.name;
  logger.info({ by: by.id, eventId: String(event._id) }, 'Seating: %s moved %s to seat %d', by.email, name, seat);
  return viewOf(saved, people, plan.layout);
}

/** Move a person one place up or down the order of precedence (seats stay until the plan is made again). */
export async function movePrecedence(event: EventRecord, person: string, direction: 'up' | 'down', by: SeatingActor, revision?: number): Promise<SeatingPlanView> {
  const { plan, people } = await madeOrConflict(event);
  const precedence = mergePrecedence(plan.precedence, people);
  const from = precedence.indexOf(person);
  if (from < 0) throw new ValidationError({ person: 'seating.unknownPerson' });
  const to = Math.min(precedence.length - 1, Math.max(0, from + (direction === 'up' ? -1 : 1)));
  precedence.splice(to, 0, ...precedence.splice(from, 1));
  const saved = await savePlan(String(event._id), { ...plan, precedence }, by, revision);
  return viewOf(saved, people, plan.layout);
}

/** Apply the roster's changes: substitutes take their head's seat, seats of those who left are freed, newcomers seated. */
export async function applyRosterChanges(event: EventRecord, by: SeatingActor, revision?: number): Promise<SeatingPlanView> {
  const { plan, people } = await madeOrConflict(event);
  const changes = planChanges(plan.snapshot, people, plan.assignments);
  const { precedence, assignments } = applyChanges(plan, people, seatMap(plan.layout));
  const saved = await savePlan(String(event._id), { ...plan, precedence, assignments, snapshot: snapshotOf(people) }, by, revision);
  logger.info({ by: by.id, eventId: String(event._id) }, 'Seating: %s applied %d roster changes', by.email, changes.length);
  return viewOf(saved, people, plan.layout);
}

/** What `PUT /seating` sends. */
export interface PlanInput {
  layout?: Layout;
  institutionOrder?: string[];
  precedence?: string[];
  assignments?: Assignment[];
  revision?: number;
}

/**
 * Replace what the API sends: a layout or order alone places everyone again by precedence; assignments are
 * checked (a seat that doesn't exist, two people in one seat, someone not on the roster: 422) and kept as sent.
 */
export async function putPlan(event: EventRecord, input: PlanInput, by: SeatingActor): Promise<SeatingPlanView> {
  assertOpen(event);
  const eventId = String(event._id);
  const [plan, people] = await Promise.all([findPlan(eventId), loadSeatPeople(event)]);
  const layout = input.layout ?? plan?.layout ?? proposedLayout(people);
  const institutionOrder = input.institutionOrder ?? plan?.institutionOrder ?? [];
  const known = new Set(people.map((p) => p.key));
  const unknown = (input.precedence ?? []).findIndex((key) => !known.has(key));
  if (unknown >= 0) throw new ValidationError({ [`precedence.${unknown}`]: 'seating.unknownPerson' });
  const precedence = input.precedence
    ? mergePrecedence(input.precedence, people)
    : plan && !input.institutionOrder ? mergePrecedence(plan.precedence, people) : defaultPrecedence(people, institutionOrder);
  const map = seatMap(layout);
  let assignments = input.assignments;
  if (assignments) {
    const errors = assignmentErrors(assignments, map, people);
    if (Object.keys(errors).length) throw new ValidationError(errors);
  }
  // Only a plan placed again or seated as sent takes in the roster as it is now; otherwise its changes stay to be seen and applied.
  const keep = plan && !assignments && !input.layout && !input.precedence && !input.institutionOrder;
  assignments = keep ? plan.assignments : (assignments ?? placeByPrecedence(map, precedence, people).assignments);
  const snapshot = keep ? plan.snapshot : snapshotOf(people);
  const saved = await savePlan(eventId, { layout, institutionOrder, precedence, assignments: [...assignments].sort((a, b) => a.seat - b.seat), snapshot }, by, input.revision);
  logger.info({ by: by.id, eventId }, 'Seating plan saved through the API by %s: %d seated', by.email, assignments.length);
  return viewOf(saved, people, layout);
}

/** The seat of someone just checked in (by check-in code, zone participant or walk-in check-in id), if the plan gives one. */
export async function seatOfCheckIn(event: EventRecord, checkIn: { id: string; checkInCode: string; participantId: string | null }): Promise<number | null> {
  const plan = await findPlan(String(event._id));
  if (!plan) return null;
  let key = checkIn.participantId ? `zone:${checkIn.participantId}` : `walkin:${checkIn.id}`;
  if (checkIn.checkInCode) {
    const people = await loadSeatPeople(event);
    key = people.find((p) => p.checkInCode === checkIn.checkInCode)?.key ?? key;
  }
  return plan.assignments.find((a) => a.person === key)?.seat ?? null;
}
