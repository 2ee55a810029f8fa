import { isDuplicateKeyError } from '../db/index.js';
import { MinutesItemHead, MinutesRevision } from './revision.model.js';
import type { ItemRevision } from './revisions.service.js';

// The only file that reads or writes revisions of minutes items and the pointers to each item's newest one.

const headId = (eventId: string, itemId: string) => `${eventId}:${itemId}`;
const revisionId = (eventId: string, itemId: string, n: number) => `${eventId}:${itemId}:${n}`;

/** Revisions by item and number (numbers below 1 are skipped, missing ones are absent), as stored. */
export async function findRevisions(eventId: string, pairs: readonly { itemId: string; n: number }[]): Promise<ItemRevision[]> {
  const ids = pairs.filter((p) => p.n > 0).map((p) => revisionId(eventId, p.itemId, p.n));
  if (ids.length === 0) return [];
  return MinutesRevision.find({ _id: { $in: ids } }).lean<ItemRevision[]>();
}

/** The newest revision number each item's pointer knows (items without one are absent). */
export async function findHeadRevisions(eventId: string, itemIds: readonly string[]): Promise<Map<string, number>> {
  if (itemIds.length === 0) return new Map();
  const heads = await MinutesItemHead.find({ _id: { $in: itemIds.map((id) => headId(eventId, id)) } }).lean<{ _id: string; revision: number }[]>();
  return new Map(heads.map((head) => [head._id.slice(eventId.length + 1), head.revision]));
}

/** Insert revision `revision.revision` of an item; false when that number exists already (someone saved first). */
export async function insertRevision(revision: Omit<ItemRevision, 'savedAt' | 'savedBy'> & { savedAt: Date; savedBy: ItemRevision['savedBy'] }): Promise<boolean> {
  try {
    await MinutesRevision.create({ _id: revisionId(revision.eventId, revision.itemId, revision.revision), ...revision });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/** Move an item's pointer up to revision n ($max: a slower writer of an older revision never moves it back). */
export async function raiseHeadRevision(eventId: string, itemId: string, n: number): Promise<void> {
  await MinutesItemHead.updateOne({ _id: headId(eventId, itemId) }, { $max: { revision: n } }, { upsert: true }).catch((error: unknown) => {
    if (!isDuplicateKeyError(error)) throw error;
  });
}
