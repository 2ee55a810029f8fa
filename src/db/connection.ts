import mongoose from 'mongoose';
import type { Config } from '../config.js';
import { startEmbeddedFerretDb, type EmbeddedFerretDb } from './embedded-ferretdb.js';
import { setIdCacheEnabled } from './id-cache.js';

/** The open database: the Mongoose default connection, and the embedded server if we started one. */
export interface Database {
  kind: 'mongodb' | 'embedded';
  uri: string;
  embedded?: EmbeddedFerretDb;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 15_000;

mongoose.set('strictQuery', true);

/** Thrown when the database cannot be reached; the message says what to check. */
export class DatabaseUnavailableError extends Error {}

function redact(uri: string): string {
  return uri.replace(/\/\/([^@/]*)@/, '//***@');
}

/**
 * Open the database named in the config (or the embedded FerretDB when MONGODB_URI is unset)
 * and make sure every registered model's indexes exist before anything is served.
 */
export async function openDatabase(config: Config, options: { dbName?: string } = {}): Promise<Database> {
  const embedded = config.db.uri ? undefined : await startEmbeddedFerretDb({ dataDir: config.db.dataDir });
  const uri = config.db.uri ?? embedded!.uri;
  try {
    const connectOptions = {
      dbName: options.dbName ?? (config.db.uri ? undefined : 'convene'),
      serverSelectionTimeoutMS: CONNECT_TIMEOUT_MS,
      connectTimeoutMS: CONNECT_TIMEOUT_MS,
    };
    await mongoose.connect(uri, { ...connectOptions, maxPoolSize: embedded ? 1 : undefined });
    if (!embedded && (await isFerretDb())) {
      // FerretDB 1.x applies concurrent updates from different connections non-atomically (lost writes);
      // one connection serialises this process's commands. See docs/database.md.
      await mongoose.disconnect();
      await mongoose.connect(uri, { ...connectOptions, maxPoolSize: 1 });
    }
    await Promise.all(Object.values(mongoose.connection.models).map((model) => model.init()));
  } catch (error) {
    await mongoose.disconnect().catch(() => undefined);
    await embedded?.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(`Cannot reach the database at ${redact(uri)}: ${reason}`);
  }
  // Only the embedded engine (one writing process, scanning lookups) needs and allows the `_id` cache.
  setIdCacheEnabled(Boolean(embedded?.owned));
  return {
    kind: embedded ? 'embedded' : 'mongodb',
    uri,
    embedded,
    async close() {
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}

/** Whether the connected server is FerretDB rather than MongoDB (its buildInfo says so). */
export async function isFerretDb(): Promise<boolean> {
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info;
}

/** Whether the database answers a ping right now. */
export async function pingDatabase(): Promise<boolean> {
  try {
    const db = mongoose.connection.db;
    if (!db || mongoose.connection.readyState !== 1) return false;
    await db.admin().command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}
