import type { RequestHandler } from 'express';
import type { MessageParams } from './i18n.js';

/** A one-time message shown after a redirect. */
export interface Flash {
  type: 'success' | 'error' | 'info';
  key: string;
  params?: MessageParams;
}

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    flash?: Flash[];
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Queue a message for the next page this browser sees. */
    flash(type: Flash['type'], key: string, params?: MessageParams): void;
  }
}

/** Post/redirect/get confirmations: queue in the session, show once. */
export const flashMiddleware: RequestHandler = (req, res, next) => {
  req.flash = (type, key, params) => {
    if (!req.session) return;
    req.session.flash = [...(req.session.flash ?? []), { type, key, params }];
  };
  const pending = req.session?.flash;
  if (pending?.length && req.method === 'GET') {
    res.locals.flashes = pending;
    delete req.session.flash;
  } else {
    res.locals.flashes = [];
  }
  next();
};
