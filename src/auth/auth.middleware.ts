import type { RequestHandler } from 'express';
import { isApiRequest } from '../web/api-path.js';
import { UnauthorizedError } from '../web/errors.js';
import { findActiveUser, resolveApiToken } from './auth.service.js';

/**
 * Identify the caller: API routes by `Authorization: Bearer <token>` only (so cookies carry no
 * authority there and CSRF cannot apply), pages by the session.
 */
export const authenticate: RequestHandler = async (req, _res, next) => {
  if (isApiRequest(req)) {
    const header = req.get('authorization');
    if (!header) return next();
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const user = match?.[1] ? await resolveApiToken(match[1]) : undefined;
    if (!user) return next(new UnauthorizedError('auth.tokenInvalid'));
    req.user = user;
    req.viaApiToken = true;
    return next();
  }
  const userId = req.session?.userId;
  if (userId) {
    req.user = await findActiveUser(userId);
    if (!req.user) delete req.session.userId;
  }
  next();
};
