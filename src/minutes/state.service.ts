import { findByIdCached, isDuplicateKeyError } from '../db/index.js';
import { logger } from '../logger.js';
import { ConflictError } from '../web/errors.js';
import { findByIds } from './by-id.js';
import { MinutesState, MinutesTransition, PublishedMinutesRecord, type MinutesStateName } from './minutes.model.js';
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

type StoredState = Omit<MinutesStatus, 'eventId'>;

const INITIAL: StoredState = { state: 'draft', version: 1, publishedVersion: 0, seq: 0, approved: null };

function toStatus(eventId: string, doc: Partial<StoredState> | null): MinutesStatus {
  const s = { ...INITIAL, ...(doc ?? {}) };
  return { eventId, state: s.state, version: s.version, publishedVersion: s.publishedVersion, seq: s.seq, approved: s.approved ?? null };
}

const fieldsOf = (s: MinutesStatus): StoredState => ({ state: s.state, version: s.version, publishedVersion: s.publishedVersion, seq: s.seq, approved: s.approved });

/** The state as stored, in one `_id` read; may lag one transition behind after a crash (the RSVP page's quick look). */
export async function peekMinutesState(eventId: string): Promise<MinutesStatus> {
  return toStatus(eventId, await findByIdCached<StoredState>(MinutesState as never, eventId));
}

/** Insert a published snapshot; a second insert of the same version (a finished retry) changes nothing. */
async function insertSnapshot(minutes: PublishedMinutes): Promise<void> {
  try {
    await PublishedMinutesRecord.create({ _id: `${minutes.eventId}:v${minutes.version}`, eventId: minutes.eventId, version: minutes.version, minutes });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** Write the state document, never moving it back to an older transition (compared in JavaScript: lookups by `_id` alone). */
async function storeState(next: MinutesStatus): Promise<void> {
  const stored = await MinutesState.findById(next.eventId).lean<StoredState>();
  if (stored && stored.seq >= next.seq) return;
  if (stored) {
    await MinutesState.updateOne({ _id: next.eventId }, { $set: fieldsOf(next) });
    return;
  }
  try {
    await MinutesState.create({ _id: next.eventId, ...fieldsOf(next) });
  } catch (error) {
    // The document exists with this or a newer transition already.
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/**
 * The current state: the stored document, then any transitions recorded after it (a writer that died
 * between claiming a transition and storing the state), which are finished here. Reads by `_id` only.
 */
export async function readMinutesState(eventId: string): Promise<MinutesStatus> {
  let status = await peekMinutesState(eventId);
  let healed = false;
  for (;;) {
    const next = await MinutesTransition.findById(`${eventId}:${status.seq + 1}`).lean<{ result: StoredState; snapshot: PublishedMinutes | null }>();
    if (!next) break;
    if (next.snapshot) await insertSnapshot(next.snapshot);
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
  change?: (current: MinutesStatus) => Partial<StoredState>;
  /** For a publication: the frozen minutes of the new state. */
  snapshot?: (next: MinutesStatus) => Promise<PublishedMinutes>;
}

/**
 * Move the minutes to another state. The transition is claimed by inserting `<eventId>:<seq + 1>`: of two
 * concurrent changes from the same state exactly one succeeds (FerretDB has no atomic filtered update),
 * the other gets 409. The claim carries the resulting state, so a crash afterwards is finished by readers.
 */
export async function runTransition(eventId: string, spec: TransitionSpec): Promise<MinutesStatus> {
  const current = await readMinutesState(eventId);
  if (!spec.from.includes(current.state)) throw new ConflictError('minutes.wrongState');
  const next: MinutesStatus = { ...current, ...(spec.change?.(current) ?? {}), state: spec.to, seq: current.seq + 1 };
  const snapshot = spec.snapshot ? await spec.snapshot(next) : null;
  try {
    await MinutesTransition.create({
      _id: `${eventId}:${next.seq}`, eventId, seq: next.seq, from: current.state, to: spec.to, at: new Date(), by: spec.actor, result: fieldsOf(next), snapshot,
    });
  } catch (error) {
    if (isDuplicateKeyError(error)) throw new ConflictError('minutes.stateChanged');
    throw error;
  }
  if (snapshot) await insertSnapshot(snapshot);
  await storeState(next);
  logger.info({ by: spec.actor.id, eventId }, 'Minutes moved by %s: %s → %s (version %d)', spec.actor.email, current.state, spec.to, next.version);
  return next;
}

/** The workflow's history, oldest first (seq 1..n, read by `_id`). */
export async function listTransitions(eventId: string, seq: number) {
  if (seq < 1) return [];
  const ids = Array.from({ length: seq }, (_, i) => `${eventId}:${i + 1}`);
  const rows = await findByIds<{ seq: number; from: string; to: string; at: Date; by: MinutesActor }>(MinutesTransition as never, ids);
  return rows.map(({ seq, from, to, at, by }) => ({ seq, from, to, at, by })).sort((a, b) => a.seq - b.seq);
}
