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
