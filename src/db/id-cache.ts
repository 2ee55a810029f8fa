import type { Model, Schema } from 'mongoose';

/**
 * A read-through cache of documents by `_id`, for the hot public path (the RSVP page) on the embedded
 * engine, where the app has one connection to FerretDB and every read waits its turn on it (1–2 ms each
 * even with the `_id` index, see docs/database.md). The first read of a model loads the whole collection
 * once; later reads, and for opted-in models misses too, come from memory.
 *
 * It is exact only while one process writes the database, which is what embedded mode enforces (a second
 * app on the same DATA_DIR refuses to start): every write through the model's middleware invalidates the
 * document (or, for multi-document writes, the whole model), and a load that overlapped a write is thrown
 * away. With MONGODB_URI (several instances, indexed `_id`) it stays off.
 */
let enabled = false;
const TTL_MS = 5 * 60_000;
/** Models with cached misses are small (one document per event) and reloaded often, so another process's insert shows within this. */
const MISSES_TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;

interface ModelCache {
  entries: Map<string, unknown>;
  /** The last full load had every document, so an id absent from `entries` (and not `stale`) does not exist. */
  complete: boolean;
  /** Ids written since the last full load: their absence from `entries` proves nothing. */
  stale: Set<string>;
  loadedAt: number;
  /** Bumped by every invalidation, so a read that raced a write is not kept. */
  generation: number;
  loading?: Promise<void>;
}
const caches = new Map<string, ModelCache>();
/** Writes seen through each registered model since start: never reset, so a memo can tell it is out of date. */
const writeCounts = new Map<string, number>();
/** Models whose misses may be answered from memory: only this process writes them (see invalidateIdCacheOnWrite). */
const missesCached = new Set<string>();

/** Turn the cache on (embedded engine) or off (MongoDB); either way it starts empty. */
export function setIdCacheEnabled(on: boolean): void {
  enabled = on;
  caches.clear();
  memos.clear();
}

function cacheOf(modelName: string): ModelCache {
  let cache = caches.get(modelName);
  if (!cache) caches.set(modelName, (cache = { entries: new Map(), complete: false, stale: new Set(), loadedAt: 0, generation: 0 }));
  return cache;
}

/** Shared cached documents must never be changed by a caller: freeze plain objects and arrays (not Buffers or ids). */
function deepFreeze<T>(value: T): T {
  if (Array.isArray(value) || (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)) {
    for (const child of Object.values(value as object)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

async function loadAll(model: Model<never>, cache: ModelCache): Promise<void> {
  const generation = cache.generation;
  const docs = (await model.find().limit(MAX_ENTRIES + 1).lean()) as { _id: unknown }[];
  if (cache.generation !== generation) return; // a write came in meanwhile: keep reading one by one
  cache.complete = docs.length <= MAX_ENTRIES;
  cache.entries = cache.complete ? new Map(docs.map((doc) => [String(doc._id), deepFreeze(doc)])) : new Map();
  cache.stale = new Set();
  cache.loadedAt = Date.now();
}

/** `Model.findById(id).lean()`, served from memory when the cache is on. Callers must not mutate the result. */
export async function findByIdCached<T>(model: Model<never>, id: unknown): Promise<T | null> {
  if (!enabled) return (await model.findById(id).lean()) as T | null;
  const cache = cacheOf(model.modelName);
  if (Date.now() - cache.loadedAt > (missesCached.has(model.modelName) ? MISSES_TTL_MS : TTL_MS)) {
    cache.loading ??= loadAll(model, cache).finally(() => (cache.loading = undefined));
    await cache.loading;
  }
  const key = String(id);
  const hit = cache.entries.get(key);
  if (hit) return hit as T;
  // Pages read optional records (an event's agenda, its minutes) that mostly do not exist yet.
  if (missesCached.has(model.modelName) && cache.complete && !cache.stale.has(key)) return null;
  const generation = cache.generation;
  const value = (await model.findById(id).lean()) as T | null;
  // Reads that raced a write are not kept.
  if (cache.generation !== generation) return value;
  if (value !== null && cache.entries.size < MAX_ENTRIES) cache.entries.set(key, deepFreeze(value));
  if (value !== null || missesCached.has(model.modelName)) cache.stale.delete(key);
  return value;
}

function idOf(filter: Record<string, unknown> | undefined): string | undefined {
  const id = filter?._id;
  return id !== undefined && (typeof id !== 'object' || id === null || !('$in' in (id as object))) ? String(id) : undefined;
}

/**
 * Register write hooks on a schema so every write empties what the cache holds for it. With `cacheMisses`,
 * an id missing from a complete load is answered "not found" from memory, and the model is reloaded every
 * 30 s instead of 5 min: for small collections of optional records (one per event) that this process
 * writes, or that another process (the CLI's demo:load) may write and that can show up to 30 s late.
 */
export function invalidateIdCacheOnWrite(schema: Schema, modelName: string, options: { cacheMisses?: boolean } = {}): void {
  if (options.cacheMisses) missesCached.add(modelName);
  const forget = (id?: string) => {
    writeCounts.set(modelName, (writeCounts.get(modelName) ?? 0) + 1);
    const cache = cacheOf(modelName);
    cache.generation += 1;
    if (id) {
      cache.entries.delete(id);
      cache.stale.add(id);
    } else caches.delete(modelName);
  };
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
  schema.pre('insertMany', () => void forget());
  schema.post('insertMany', () => void forget());
}

interface Memo {
  /** The write counts of its models when it was computed. */
  stamp: string;
  at: number;
  value: Promise<unknown>;
}
const memos = new Map<string, Memo>();
/** Another process (the CLI's demo:load) may write too; its writes show within this. */
const MEMO_TTL_MS = 30_000;
const MAX_MEMOS = 200;

/**
 * `compute()`, remembered under `key` until something is written through one of `models` (their schemas
 * registered with invalidateIdCacheOnWrite) or 30 s pass. For reads that must filter on something other
 * than `_id`, which the embedded engine answers by decoding the whole collection (the check-in desk reads an
 * event's invitations on every scan). Like the `_id` cache, it is on only for the embedded engine, where this
 * process makes every write; on MongoDB `compute()` runs each time. A failed computation is not kept.
 * The value is shared between callers, so its plain objects and arrays are frozen.
 */
export async function cachedUntilWrite<T>(key: string, models: readonly string[], compute: () => Promise<T>): Promise<T> {
  if (!enabled) return compute();
  const stamp = models.map((name) => writeCounts.get(name) ?? 0).join(':');
  const memo = memos.get(key);
  if (memo && memo.stamp === stamp && Date.now() - memo.at < MEMO_TTL_MS) return memo.value as Promise<T>;
  if (memos.size >= MAX_MEMOS) memos.clear();
  const value = compute().then(deepFreeze);
  memos.set(key, { stamp, at: Date.now(), value });
  value.catch(() => {
    if (memos.get(key)?.value === value) memos.delete(key);
  });
  return value;
}
