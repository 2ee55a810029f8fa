import type { Model } from 'mongoose';

/**
 * Documents by `_id`, one exact `findById` each (in parallel), in the order asked; missing ones are
 * absent. On FerretDB only a filter that is exactly `{ _id }` uses the index: an `$in` scans the whole
 * collection (docs/database.md), and revisions pile up with every autosave.
 */
export async function findByIds<T>(model: Model<never>, ids: readonly string[]): Promise<T[]> {
  const found = await Promise.all(ids.map((id) => model.findById(id).lean<T>()));
  return found.filter((doc): doc is NonNullable<typeof doc> => doc !== null) as T[];
}
