import { isDuplicateKeyError } from '../db/index.js';
import { MinutesState, MinutesTransition, PublishedMinutesRecord, type MinutesStateName } from './minutes.model.js';
import type { PublishedMinutes } from './published.types.js';
import type { Approval, MinutesActor } from './state.service.js';

// The only file that reads or writes the minutes' state, its transitions and the published versions.

export { MINUTES_STATES, type MinutesStateName } from './minutes.model.js';

/** The state document's fields (the event's id is its `_id`). */
export interface StoredMinutesState {
  state: MinutesStateName;
  version: number;
  publishedVersion: number;
  seq: number;
  approved: Approval | null;
}

/** One step of the workflow, as the history lists it. */
export interface TransitionRow {
  seq: number;
  from: string;
  to: string;
  at: Date;
  by: MinutesActor;
}

/** A transition as claimed: the step, the state it leads to, and for a publication the frozen minutes. */
export interface TransitionRecord extends TransitionRow {
  eventId: string;
  result: StoredMinutesState;
  snapshot: PublishedMinutes | null;
}

const transitionId = (eventId: string, seq: number) => `${eventId}:${seq}`;
const publishedId = (eventId: string, version: number) => `${eventId}:v${version}`;

/** The stored state of an event's minutes, or null before the first transition. */
export async function findMinutesState(eventId: string): Promise<Partial<StoredMinutesState> | null> {
  return MinutesState.findById(eventId).lean<Partial<StoredMinutesState>>();
}

/** Write the state document, unless it already shows this transition or a later one. */
export async function saveMinutesState(eventId: string, fields: StoredMinutesState): Promise<void> {
  const updated = await MinutesState.updateOne({ _id: eventId, seq: { $lt: fields.seq } }, { $set: fields });
  if (updated.matchedCount > 0) return;
  try {
    await MinutesState.create({ _id: eventId, ...fields });
  } catch (error) {
    // The document exists with this or a newer transition already.
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** Transition number `seq` of an event's minutes, or null when it has not happened. */
export async function findTransition(eventId: string, seq: number): Promise<TransitionRecord | null> {
  return MinutesTransition.findById(transitionId(eventId, seq)).lean<TransitionRecord>();
}

/** Claim transition `record.seq` by inserting `<eventId>:<seq>`; false when another one took that number first. */
export async function insertTransition(record: TransitionRecord): Promise<boolean> {
  try {
    await MinutesTransition.create({ _id: transitionId(record.eventId, record.seq), ...record });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** Transitions 1..seq of an event's minutes, oldest first. */
export async function listTransitionsUpTo(eventId: string, seq: number): Promise<TransitionRow[]> {
  if (seq < 1) return [];
  const ids = Array.from({ length: seq }, (_, i) => transitionId(eventId, i + 1));
  const rows = await MinutesTransition.find({ _id: { $in: ids } }, { seq: 1, from: 1, to: 1, at: 1, by: 1 }).sort({ seq: 1 }).lean<TransitionRow[]>();
  return rows.map(({ seq, from, to, at, by }) => ({ seq, from, to, at, by }));
}

/** Insert a published version; a second insert of the same version (a finished retry) changes nothing. */
export async function insertPublishedMinutes(minutes: PublishedMinutes): Promise<void> {
  try {
    await PublishedMinutesRecord.create({ _id: publishedId(minutes.eventId, minutes.version), eventId: minutes.eventId, version: minutes.version, minutes });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** Published version N of an event's minutes, exactly as published, or null. */
export async function findPublishedMinutes(eventId: string, version: number): Promise<PublishedMinutes | null> {
  const record = await PublishedMinutesRecord.findById(publishedId(eventId, version)).lean<{ minutes: PublishedMinutes }>();
  return record?.minutes ?? null;
}

/** Published versions 1..latest of an event's minutes, newest first. */
export async function listPublishedMinutesUpTo(eventId: string, latest: number): Promise<PublishedMinutes[]> {
  if (latest < 1) return [];
  const ids = Array.from({ length: latest }, (_, i) => publishedId(eventId, i + 1));
  const records = await PublishedMinutesRecord.find({ _id: { $in: ids } }).sort({ version: -1 }).lean<{ minutes: PublishedMinutes }[]>();
  return records.map((record) => record.minutes);
}
