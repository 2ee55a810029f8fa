import mongoose from 'mongoose';
import type { Config } from '../config.js';
import { startEmbeddedFerretDb, type EmbeddedFerretDb } from './embedded-ferretdb.js';

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
    await mongoose.connect(uri, {
      dbName: options.dbName ?? (config.db.uri ? undefined : 'convene'),
      serverSelectionTimeoutMS: CONNECT_TIMEOUT_MS,
      connectTimeoutMS: CONNECT_TIMEOUT_MS,
    });
    await Promise.all(Object.values(mongoose.connection.models).map((model) => model.init()));
  } catch (error) {
    await mongoose.disconnect().catch(() => undefined);
    await embedded?.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(`Cannot reach the database at ${redact(uri)}: ${reason}`);
  }
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
