import { logger } from '../logger.js';
import { ConflictError } from '../web/errors.js';
import {
  findMinutesState, findTransition, insertPublishedMinutes, insertTransition, listTransitionsUpTo, saveMinutesState,
  type MinutesStateName, type StoredMinutesState, type TransitionRow,
} from './minutes.store.js';
import type { PublishedMinutes } from './published.types.js';

/** Who changes the minutes, as the revisions and the log record them. */
export interface MinutesActor {
  id: string;
  email: string;
  name: string;
}

/** An approval: who, when, and exactly which revision of each item (what gets published). */
export interface Approval {
  by: MinutesActor;
  at: Date;
  /** Agenda item id → approved revision. */
  revisions: Record<string, number>;
}

/** Where an event's minutes stand. */
export interface MinutesStatus {
  eventId: string;
  state: MinutesStateName;
  version: number;
  publishedVersion: number;
  seq: number;
  approved: Approval | null;
}

const INITIAL: StoredMinutesState = { state: 'draft', version: 1, publishedVersion: 0, seq: 0, approved: null };

function toStatus(eventId: string, doc: Partial<StoredMinutesState> | null): MinutesStatus {
  const s = { ...INITIAL, ...(doc ?? {}) };
  return { eventId, state: s.state, version: s.version, publishedVersion: s.publishedVersion, seq: s.seq, approved: s.approved ?? null };
}

const fieldsOf = (s: MinutesStatus): StoredMinutesState => ({ state: s.state, version: s.version, publishedVersion: s.publishedVersion, seq: s.seq, approved: s.approved });

/** The state as stored; may lag one transition behind after a crash (the RSVP page's quick look). */
export async function peekMinutesState(eventId: string): Promise<MinutesStatus> {
  return toStatus(eventId, await findMinutesState(eventId));
}

/** Write the state document, never moving it back to an older transition. */
async function storeState(next: MinutesStatus): Promise<void> {
  await saveMinutesState(next.eventId, fieldsOf(next));
}

/**
 * The current state: the stored document, then any transitions recorded after it (a writer that died
 * between claiming a transition and storing the state), which are finished here.
 */
export async function readMinutesState(eventId: string): Promise<MinutesStatus> {
  let status = await peekMinutesState(eventId);
  let healed = false;
  for (;;) {
    const next = await findTransition(eventId, status.seq + 1);
    if (!next) break;
    if (next.snapshot) await insertPublishedMinutes(next.snapshot);
    status = toStatus(eventId, next.result);
    healed = true;
  }
  if (healed) await storeState(status);
  return status;
}

/** A change of state: allowed from these states, to this one, with the other fields it sets. */
export interface TransitionSpec {
  from: readonly MinutesStateName[];
  to: MinutesStateName;
  actor: MinutesActor;
  change?: (current: MinutesStatus) => Partial<StoredMinutesState>;
  /** For a publication: the frozen minutes of the new state. */
  snapshot?: (next: MinutesStatus) => Promise<PublishedMinutes>;
}

/**
 * Move the minutes to another state. The transition is claimed by inserting `<eventId>:<seq + 1>`: of two
 * concurrent changes from the same state exactly one succeeds, the other gets 409. The claim carries the resulting state, so a crash afterwards is finished by readers.
 */
export async function runTransition(eventId: string, spec: TransitionSpec): Promise<MinutesStatus> {
  const current = await readMinutesState(eventId);
  if (!spec.from.includes(current.state)) throw new ConflictError('minutes.wrongState');
  const next: MinutesStatus = { ...current, ...(spec.change?.(current) ?? {}), state: spec.to, seq: current.seq + 1 };
  const snapshot = spec.snapshot ? await spec.snapshot(next) : null;
  const claimed = await insertTransition({ eventId, seq: next.seq, from: current.state, to: spec.to, at: new Date(), by: spec.actor, result: fieldsOf(next), snapshot });
  if (!claimed) throw new ConflictError('minutes.stateChanged');
  if (snapshot) await insertPublishedMinutes(snapshot);
  await storeState(next);
  logger.info({ by: spec.actor.id, eventId }, 'Minutes moved by %s: %s → %s (version %d)', spec.actor.email, current.state, spec.to, next.version);
  return next;
}

/** The workflow's history, oldest first (transitions 1..seq). */
export async function listTransitions(eventId: string, seq: number): Promise<TransitionRow[]> {
  return listTransitionsUpTo(eventId, seq);
}
