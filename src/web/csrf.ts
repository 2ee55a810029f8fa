import type { Request, RequestHandler } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import type { Config } from '../config.js';

let validateUpload: ((req: Request) => boolean) | undefined;

/**
 * Double-submit CSRF tokens (HMAC-bound to the staff session, or to "anonymous" for public forms such
 * as sign-in and RSVP), so public pages need no server-side session. API calls use bearer tokens, not
 * cookies, so they are exempt. Multipart bodies are parsed by the route, so `acceptUpload` checks those.
 */
export function createCsrfMiddleware(config: Config): RequestHandler {
  const secure = config.http.publicUrl.startsWith('https://');
  const { doubleCsrfProtection, generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => config.session.secret,
    getSessionIdentifier: (req) => (req.user && !req.viaApiToken ? req.sessionID : 'anonymous'),
    cookieName: secure ? '__Host-convene.csrf' : 'convene.csrf',
    cookieOptions: { sameSite: 'lax', secure, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: (req) => (req.body as { _csrf?: string } | undefined)?._csrf ?? req.get('x-csrf-token'),
    skipCsrfProtection: (req) => req.originalUrl.startsWith('/api/') || Boolean(req.is('multipart/form-data')),
  });
  validateUpload = validateRequest;
  return (req, res, next) => {
    let token: string | undefined;
    res.locals.csrfToken = () => (token ??= generateCsrfToken(req, res));
    doubleCsrfProtection(req, res, next);
  };
}

/** Check the CSRF token of a multipart form once its body has been parsed. */
export const verifyCsrfAfterUpload: RequestHandler = (req, _res, next) => {
  if (validateUpload?.(req)) return next();
  next(Object.assign(new Error('invalid csrf token'), { code: 'EBADCSRFTOKEN' }));
};
