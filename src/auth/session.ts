import type { RequestHandler } from 'express';
import session from 'express-session';
import MongoStore from 'connect-mongo';
import mongoose from 'mongoose';
import type { Config } from '../config.js';

const SESSION_HOURS = 12;

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
      autoRemove: 'interval',
      autoRemoveInterval: 10,
      touchAfter: 300,
      stringify: false,
    }),
  });
}
