import type mongoose from 'mongoose';
import { isDuplicateKeyError } from '../db/index.js';
import { ConflictError } from '../web/errors.js';
import type { FrozenDocument, FrozenItem } from './agenda-changes.js';
import { Agenda, type AgendaItemType } from './agenda.model.js';

// The only file that reads or writes agendas (the working copy and the copy of the published version).

export { AGENDA_ITEM_TYPES, type AgendaItemType } from './agenda.model.js';

/** A speaker of an agenda item. */
export interface Speaker {
  name: string;
  title: string;
  organisation: string;
}

/** A stored reference to a document (its `_id` is the file's, in agenda_documents). */
export interface StoredDocumentRef {
  _id: mongoose.Types.ObjectId;
  filename: string;
  contentType: string;
  size: number;
}

/** One item of the working copy, as stored. */
export interface StoredItem {
  _id: mongoose.Types.ObjectId;
  type: AgendaItemType;
  titleZh: string;
  titleEn: string;
  durationMinutes: number;
  startsAtOverride: Date | null;
  speakers: Speaker[];
  description: string;
  documents: StoredDocumentRef[];
}

/** An event's agenda as stored (an empty one when none has been written). */
export interface AgendaState {
  eventId: string;
  items: StoredItem[];
  documents: StoredDocumentRef[];
  revision: number;
  publishedVersion: number;
}

/** The working copy of an event's agenda. */
export async function readAgenda(eventId: string): Promise<AgendaState> {
  const doc = await Agenda.findById(eventId).lean();
  return {
    eventId,
    items: (doc?.items ?? []) as unknown as StoredItem[],
    documents: (doc?.documents ?? []) as unknown as StoredDocumentRef[],
    revision: doc?.revision ?? 0,
    publishedVersion: doc?.publishedVersion ?? 0,
  };
}

/** What a change writes: the new items and/or documents (neither: nothing to write), and what to hand back to the caller. */
export interface AgendaWrite<T> {
  items?: StoredItem[];
  documents?: StoredDocumentRef[];
  result: T;
}

const ATTEMPTS = 5;

/** Write if the stored revision is still the one read; false when someone saved in between. */
async function writeIfUnchanged(state: AgendaState, write: AgendaWrite<unknown>): Promise<boolean> {
  const fields = { items: write.items ?? state.items, documents: write.documents ?? state.documents, revision: state.revision + 1 };
  if (state.revision === 0) {
    // No agenda yet (or one never saved): creating it claims revision 1.
    const created = await Agenda.updateOne({ _id: state.eventId, revision: { $in: [0, null] } }, { $set: fields }, { upsert: true }).catch((error: unknown) => {
      if (isDuplicateKeyError(error)) return { matchedCount: 0, upsertedCount: 0 };
      throw error;
    });
    return created.matchedCount + created.upsertedCount > 0;
  }
  const result = await Agenda.updateOne({ _id: state.eventId, revision: state.revision }, { $set: fields });
  return result.matchedCount > 0;
}

/**
 * Change the working copy: read it, compute the change in JavaScript, and write it only if nobody saved in
 * between (the revision is the condition).
 * A lost race is retried on the new state, so two organisers' edits are both kept; `change` may throw.
 */
export async function changeAgenda<T>(eventId: string, change: (state: AgendaState) => AgendaWrite<T> | Promise<AgendaWrite<T>>): Promise<T> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const state = await readAgenda(eventId);
    const write = await change(state);
    if (write.items === undefined && write.documents === undefined) return write.result;
    if (await writeIfUnchanged(state, write)) return write.result;
  }
  throw new ConflictError();
}

/** The copy of a published version kept on the agenda, as invitees read it. */
export interface PublishedCopy {
  version: number;
  publishedAt: Date;
  items: FrozenItem[];
  documents: FrozenDocument[];
}

/** The copy of the latest published version kept on the event's agenda, or null before the first publication. */
export async function findPublishedCopy(eventId: string): Promise<PublishedCopy | null> {
  const doc = await Agenda.findById(eventId, { published: 1 }).lean<{ published?: PublishedCopy | null }>();
  return doc?.published ?? null;
}

/** Point the agenda at a published version and keep a copy of it there (never moving back to an older version). */
export async function setPublishedCopy(eventId: string, copy: PublishedCopy): Promise<void> {
  await Agenda.updateOne(
    { _id: eventId, publishedVersion: { $lt: copy.version } },
    { $set: { publishedVersion: copy.version, published: { version: copy.version, publishedAt: copy.publishedAt, items: copy.items, documents: copy.documents } } },
  );
}
