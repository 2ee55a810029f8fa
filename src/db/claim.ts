import mongoose from 'mongoose';

const claims = () => mongoose.connection.collection<{ _id: string; at: Date; by: string }>('claims');

/** Whether an insert failed because its unique key (`_id` or a unique index) is taken: how claims lose. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (error as { code?: number } | null)?.code === 11000;
}

/**
 * Claim a piece of work exactly once across processes by inserting a unique `_id`.
 * FerretDB 1.x filtered updates are not atomic, but a duplicate `_id` insert always fails.
 */
export async function claimOnce(key: string, by: string): Promise<boolean> {
  try {
    await claims().insertOne({ _id: key, at: new Date(), by });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/**
 * Take over a claim whose holder never finished (its process stopped between claiming and writing), once it
 * is older than `olderThanMs`. For claims that guard a write which, once done, makes the claim moot: the
 * caller asks only when its own read shows the write never happened. The delete names the claim's time,
 * so a claim made meanwhile by someone else is left alone.
 */
export async function reclaimStale(key: string, by: string, olderThanMs: number): Promise<boolean> {
  const held = await claims().findOne({ _id: key });
  if (!held || Date.now() - held.at.getTime() < olderThanMs) return false;
  const { deletedCount } = await claims().deleteOne({ _id: key, at: held.at });
  return deletedCount === 1 && claimOnce(key, by);
}
