import { connect as connectTcp } from 'node:net';
import mongoose from 'mongoose';
import type { Config } from '../config.js';
import { logger } from '../logger.js';
import { startEmbeddedFerretDb, type EmbeddedFerretDb } from './embedded-ferretdb.js';

/** The open database: the Mongoose default connection, and the embedded server if we reached one. */
export interface Database {
  kind: 'mongodb' | 'embedded';
  uri: string;
  /** The embedded server this process reached: started by it (`owned`) or by another process on the same DATA_DIR. */
  readonly embedded?: EmbeddedFerretDb;
  close(): Promise<void>;
}

const CONNECT_TIMEOUT_MS = 15_000;
/** How often a process that shares another one's embedded server checks that it is still there. */
const OWNER_CHECK_MS = 2_000;

mongoose.set('strictQuery', true);

/** Thrown when the database cannot be reached; the message says what to check. */
export class DatabaseUnavailableError extends Error {}

function redact(uri: string): string {
  return uri.replace(/\/\/([^@/]*)@/, '//***@');
}

function connectOptions(config: Config, dbName: string | undefined): mongoose.ConnectOptions {
  // The driver's normal pool on both engines: the patched FerretDB serialises writes itself (docs/database.md).
  return {
    dbName: dbName ?? (config.db.uri ? undefined : 'convene'),
    serverSelectionTimeoutMS: CONNECT_TIMEOUT_MS,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    // At LOG_LEVEL=debug every command is logged with its duration (see logCommands).
    monitorCommands: logger.isLevelEnabled('debug'),
  };
}

/** The keys of a filter, sort or update, with nested operators, but never a value: logs must not carry personal data. */
function shapeOf(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value) || depth > 2) return Array.isArray(value) ? `[${value.length}]` : '?';
  const plain = Object.getPrototypeOf(value) === Object.prototype;
  if (!plain) return '?';
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner, depth + 1)]));
}

/**
 * At debug level, log each database command's name, collection, filter shape and time: what a page costs in
 * round trips and where the engine is slow (docs/performance.md). Values are never logged.
 */
function logCommands(): void {
  if (!logger.isLevelEnabled('debug')) return;
  const started = new Map<number, { command: string; collection: unknown; filter: unknown }>();
  const client = mongoose.connection.getClient();
  client.on('commandStarted', (event) => {
    const body = event.command as Record<string, unknown>;
    const filter = body.filter ?? body.query ?? (Array.isArray(body.updates) ? (body.updates[0] as { q?: unknown })?.q : undefined) ?? (Array.isArray(body.pipeline) ? body.pipeline.map((stage) => Object.keys(stage as object)[0]) : undefined);
    started.set(event.requestId, { command: event.commandName, collection: body[event.commandName], filter: filter === undefined ? undefined : shapeOf(filter) });
  });
  const finish = (event: { requestId: number; duration: number }, failed: boolean) => {
    const command = started.get(event.requestId);
    started.delete(event.requestId);
    if (command && !['hello', 'isMaster', 'ping', 'endSessions'].includes(command.command)) logger.debug({ db: command, ms: event.duration, failed }, 'database command');
  };
  client.on('commandSucceeded', (event) => finish(event, false));
  client.on('commandFailed', (event) => finish(event, true));
}

/** How to open the database. */
export interface OpenOptions {
  dbName?: string;
  /**
   * Called when the embedded engine this process shared had to start again on another port (the old one was
   * taken meanwhile): the connection cannot follow it, so a long-lived process should exit and be restarted.
   */
  onEngineMoved?: (uri: string) => void;
}

/**
 * Open the database named in the config (or the embedded FerretDB when MONGODB_URI is unset)
 * and make sure every registered model's indexes exist before anything is served.
 * Several processes may share one embedded DATA_DIR: the first serves the engine, the others connect to
 * it, and when it stops one of them starts the engine again and the rest follow (see docs/database.md).
 */
export async function openDatabase(config: Config, options: OpenOptions = {}): Promise<Database> {
  let embedded = config.db.uri ? undefined : await startEmbeddedFerretDb({ dataDir: config.db.dataDir });
  const uri = config.db.uri ?? embedded!.uri;
  try {
    await mongoose.connect(uri, connectOptions(config, options.dbName));
    logCommands();
    await Promise.all(Object.values(mongoose.connection.models).map((model) => model.init()));
  } catch (error) {
    await mongoose.disconnect().catch(() => undefined);
    await embedded?.stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseUnavailableError(`Cannot reach the database at ${redact(uri)}: ${reason}`);
  }
  let closed = false;
  let watcher: NodeJS.Timeout | undefined;
  if (embedded && !embedded.owned) {
    // The process serving the engine may stop before this one: then start (or find) its successor, which
    // listens on the same port, so the driver reconnects by itself (sessions' store keeps its client).
    let checking = false;
    watcher = setInterval(() => {
      if (checking || closed) return;
      checking = true;
      void followEmbeddedOwner(config, uri)
        .then((next) => {
          if (!next || closed) return next?.stop();
          embedded = next;
          if (next.owned) clearInterval(watcher);
          if (next.uri !== uri) {
            clearInterval(watcher);
            options.onEngineMoved?.(next.uri);
          }
        })
        .catch(() => undefined) // tried again at the next tick
        .finally(() => (checking = false));
    }, OWNER_CHECK_MS).unref();
  }
  return {
    kind: embedded ? 'embedded' : 'mongodb',
    uri,
    get embedded() {
      return embedded;
    },
    async close() {
      closed = true;
      clearInterval(watcher);
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}

/**
 * When the embedded server this process shares no longer answers at `uri`, reach the current one (starting it
 * if nobody has). Returns the new server, or undefined when nothing changed.
 */
async function followEmbeddedOwner(config: Config, uri: string): Promise<EmbeddedFerretDb | undefined> {
  if (await acceptsConnections(uri)) return undefined;
  const next = await startEmbeddedFerretDb({ dataDir: config.db.dataDir });
  return next.uri === uri && !next.owned ? undefined : next;
}

/** Whether something listens at the URI's host and port (a quick check: the driver would wait for its server selection timeout). */
function acceptsConnections(uri: string): Promise<boolean> {
  const { hostname, port } = new URL(uri);
  return new Promise((resolve) => {
    const socket = connectTcp({ host: hostname, port: Number(port), timeout: 1_000 });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
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
