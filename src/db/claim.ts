import mongoose from 'mongoose';

const claims = () => mongoose.connection.collection<{ _id: string; at: Date; by: string }>('claims');

/**
 * Claim a piece of work exactly once across processes by inserting a unique `_id`.
 * FerretDB 1.x filtered updates are not atomic, but a duplicate `_id` insert always fails.
 */
export async function claimOnce(key: string, by: string): Promise<boolean> {
  try {
    await claims().insertOne({ _id: key, at: new Date(), by });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) return false;
    throw error;
  }
}
