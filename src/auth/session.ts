import type { RequestHandler } from 'express';
import session from 'express-session';
import MongoStore from 'connect-mongo';
import mongoose from 'mongoose';
import type { Config } from '../config.js';

const SESSION_HOURS = 12;
const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Delete expired sessions; returns how many. */
export async function sweepExpiredSessions(now = new Date()): Promise<number> {
  const result = await mongoose.connection.collection('sessions').deleteMany({ expires: { $lt: now } });
  return result.deletedCount;
}

/** End a user's sessions, all of them or all but one (the one making the change); returns how many. */
export async function endUserSessions(userId: string, exceptSessionId?: string): Promise<number> {
  const filter: Record<string, unknown> = { 'session.userId': userId };
  if (exceptSessionId) filter._id = { $ne: exceptSessionId };
  const result = await mongoose.connection.collection('sessions').deleteMany(filter);
  return result.deletedCount;
}

/** Sweep expired sessions every 10 minutes until stopped (no TTL indexes on the embedded engine). */
export function startSessionSweeper(): { stop(): void } {
  const timer = setInterval(() => void sweepExpiredSessions().catch(() => undefined), SWEEP_INTERVAL_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * Sessions in the database, keyed by session id (`_id`), so any app instance can serve any request.
 * FerretDB has no TTL indexes, so expired sessions are removed by a periodic deleteMany instead.
 */
export function createSessionMiddleware(config: Config): RequestHandler {
  const secure = config.http.publicUrl.startsWith('https://');
  return session({
    name: secure ? '__Host-convene.sid' : 'convene.sid',
    secret: config.session.secret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: Boolean(config.http.trustProxy),
    cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: SESSION_HOURS * 3600 * 1000 },
    store: MongoStore.create({
      client: mongoose.connection.getClient(),
      dbName: mongoose.connection.name,
      collectionName: 'sessions',
      ttl: SESSION_HOURS * 3600,
      // Not 'native' (a TTL index: FerretDB has none) nor 'interval' (an unacknowledged w:0 deleteMany,
      // which desynchronises FerretDB's connection): sweepExpiredSessions does it with an acknowledged write.
      autoRemove: 'disabled',
      touchAfter: 300,
      stringify: false,
    }),
  });
}

/**
 * express-session sends a response's headers before it has saved the session, so a browser that follows a
 * redirect at once (after signing in, or after a change with a flash message) can arrive before the save,
 * on another pooled connection or another app instance, and find itself signed out or the message gone.
 * Save first, then redirect. Anonymous sessions with nothing in them stay unsaved.
 */
export const saveSessionBeforeRedirect: RequestHandler = (req, res, next) => {
  const redirect = res.redirect.bind(res) as (...args: unknown[]) => void;
  res.redirect = ((...args: unknown[]) => {
    const session = req.session as (typeof req.session & { userId?: string; flash?: unknown[] }) | undefined;
    if (!session || !(session.userId || session.flash?.length)) return redirect(...args);
    session.save((error) => (error ? next(error) : redirect(...args)));
  }) as typeof res.redirect;
  next();
};
