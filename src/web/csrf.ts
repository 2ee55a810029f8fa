import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { getConfig, type Config } from '../config.js';
import { isApiRequest } from './api-path.js';
import { AppError } from './errors.js';

let validateRequest: ((req: Request) => boolean) | undefined;

declare module 'express-serve-static-core' {
  interface Request {
    /** A multipart request whose token the upload route checks once it has read the form's fields. */
    csrfAwaitsUpload?: boolean;
  }
}

/**
 * Double-submit CSRF tokens (HMAC-bound to the staff session, or to "anonymous" for public forms such
 * as sign-in), so public pages need no server-side session; pages behind an RSVP link use
 * `linkCsrfToken` instead. API calls use bearer tokens, not cookies, so they are exempt. Every other
 * state change is checked whatever its content type: a multipart body is not parsed here, so unless
 * its `X-CSRF-Token` header is good it is refused by the route (`checkCsrfOfUnparsed`), except on the
 * upload routes, which check the form's token before they keep any file (`acceptUpload`).
 */
export function createCsrfMiddleware(config: Config): { tokenLocals: RequestHandler; protect: RequestHandler } {
  const secure = config.http.publicUrl.startsWith('https://');
  const { doubleCsrfProtection, generateCsrfToken, validateRequest: validate } = doubleCsrf({
    getSecret: () => config.session.secret,
    getSessionIdentifier: (req) => (req.user && !req.viaApiToken ? req.sessionID : 'anonymous'),
    cookieName: secure ? '__Host-convene.csrf' : 'convene.csrf',
    cookieOptions: { sameSite: 'lax', secure, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: submittedToken,
    skipCsrfProtection: (req) => isApiRequest(req),
  });
  validateRequest = validate;
  const tokenLocals: RequestHandler = (req, res, next) => {
    let token: string | undefined;
    res.locals.csrfToken = () => (token ??= generateCsrfToken(req, res));
    next();
  };
  const protect: RequestHandler = (req, res, next) => {
    if (req.is('multipart/form-data') && !SAFE_METHODS.has(req.method) && !isApiRequest(req) && !validate(req)) {
      req.csrfAwaitsUpload = true;
      return next();
    }
    doubleCsrfProtection(req, res, next);
  };
  return { tokenLocals, protect };
}

/** The token a form sends: the `_csrf` field, or the `X-CSRF-Token` header. */
function submittedToken(req: Request): string | undefined {
  const field = (req.body as { _csrf?: unknown } | undefined)?._csrf;
  return typeof field === 'string' ? field : req.get('x-csrf-token');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const csrfError = () => Object.assign(new Error('invalid csrf token'), { code: 'EBADCSRFTOKEN' });

/**
 * The CSRF token of pages behind a secret link (an institution's RSVP link): an HMAC of the link's stored
 * hash under the session secret. Forging it takes the secret, and a site that has the link needs no
 * forgery, so it needs neither cookie nor session: answering works where cookies are blocked, and a page
 * view costs no random bytes or Set-Cookie.
 */
export function linkCsrfToken(linkHash: string): string {
  return createHmac('sha256', getConfig().session.secret).update(`convene link csrf\0${linkHash}`).digest('base64url');
}

/** Refuse a state change under a secret link whose form does not carry that link's token (403). */
export function verifyLinkCsrf(req: Request, linkHash: string): void {
  if (SAFE_METHODS.has(req.method)) return;
  const sent = Buffer.from(String(submittedToken(req) ?? ''));
  const expected = Buffer.from(linkCsrfToken(linkHash));
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) throw csrfError();
}

/** Whether the form's token (its `_csrf` field so far, or the header) is good for this session. */
export function hasValidCsrf(req: Request): boolean {
  return validateRequest?.(req) ?? false;
}

/** A route's first step: a multipart request left unchecked is refused (403) unless the route takes uploads. */
export function checkCsrfOfUnparsed(takesUpload: boolean): RequestHandler {
  return (req, _res, next) => (req.csrfAwaitsUpload && !takesUpload ? next(csrfError()) : next());
}

/** After the route's loaders: a multipart body on a route that takes no upload is refused (415), never half-read. */
export function refuseUnreadBody(takesUpload: boolean): RequestHandler {
  return (req, _res, next) =>
    !takesUpload && !SAFE_METHODS.has(req.method) && req.is('multipart/form-data') ? next(new AppError('errors.unsupportedType', 415)) : next();
}

/** The CSRF refusal, for upload routes that find a bad token while reading the form. */
export { csrfError };
