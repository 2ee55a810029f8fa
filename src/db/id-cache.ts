import type { Model, Schema } from 'mongoose';

/**
 * A read-through cache of documents by `_id`, for the hot public path (the RSVP page) on the embedded
 * engine, where every lookup scans a table. It is exact only while one process writes the database,
 * which is what embedded mode enforces (a second app on the same DATA_DIR refuses to start): every
 * write through the model's middleware invalidates the document (or, for multi-document writes, the
 * whole model). With MONGODB_URI (several instances, indexed `_id`) it stays off.
 */
let enabled = false;
const caches = new Map<string, Map<string, { at: number; value: unknown }>>();
const TTL_MS = 60_000;
const MAX_ENTRIES = 20_000;

/** Turn the cache on (embedded engine) or off (MongoDB); turning it off empties it. */
export function setIdCacheEnabled(on: boolean): void {
  enabled = on;
  if (!on) caches.clear();
}

function bucket(modelName: string) {
  let map = caches.get(modelName);
  if (!map) caches.set(modelName, (map = new Map()));
  return map;
}

/** `Model.findById(id).lean()`, served from memory when the cache is on. Callers must not mutate the result. */
export async function findByIdCached<T>(model: Model<never>, id: unknown): Promise<T | null> {
  if (!enabled) return (await model.findById(id).lean()) as T | null;
  const key = String(id);
  const map = bucket(model.modelName);
  const hit = map.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value as T | null;
  const value = (await model.findById(id).lean()) as T | null;
  if (value === null) return value; // an insert may follow; misses are never cached
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, { at: Date.now(), value: deepFreeze(value) });
  return value;
}

/** Shared cached documents must never be changed by a caller: freeze plain objects and arrays (not Buffers or ids). */
function deepFreeze<T>(value: T): T {
  if (Array.isArray(value) || (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)) {
    for (const child of Object.values(value as object)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

function idOf(filter: Record<string, unknown> | undefined): string | undefined {
  const id = filter?._id;
  return id !== undefined && (typeof id !== 'object' || id === null || !('$in' in (id as object))) ? String(id) : undefined;
}

/** Register write hooks on a schema so every write empties what the cache holds for it. */
export function invalidateIdCacheOnWrite(schema: Schema, modelName: string): void {
  const forget = (id?: string) => (id ? bucket(modelName).delete(id) : caches.delete(modelName));
  const queryOps = ['updateOne', 'updateMany', 'findOneAndUpdate', 'findOneAndDelete', 'findOneAndReplace', 'replaceOne', 'deleteOne', 'deleteMany'] as const;
  // Before and after: a read racing the write must not put the old value back.
  for (const op of queryOps) {
    const hook = function (this: { getFilter(): Record<string, unknown> }) {
      forget(op.endsWith('Many') ? undefined : idOf(this.getFilter()));
    };
    schema.pre(op, hook);
    schema.post(op, hook);
  }
  const saved = function (this: { _id: unknown }) {
    forget(String(this._id));
  };
  schema.pre('save', saved);
  schema.post('save', saved);
  schema.pre('bulkWrite', () => void forget());
  schema.post('bulkWrite', () => void forget());
}
