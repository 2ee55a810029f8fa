import type { Model } from 'mongoose';

/** Documents by `_id`, in the order asked; missing ones are absent. */
export async function findByIds<T>(model: Model<never>, ids: readonly string[]): Promise<T[]> {
  const found = await Promise.all(ids.map((id) => model.findById(id).lean<T>()));
  return found.filter((doc): doc is NonNullable<typeof doc> => doc !== null) as T[];
}
