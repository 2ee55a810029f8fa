import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { doubleCsrf } from 'csrf-csrf';
import { getConfig, type Config } from '../config.js';

let validateUpload: ((req: Request) => boolean) | undefined;

/**
 * Double-submit CSRF tokens (HMAC-bound to the staff session, or to "anonymous" for public forms such
 * as sign-in), so public pages need no server-side session; pages behind an RSVP link use
 * `linkCsrfToken` instead. API calls use bearer tokens, not cookies, so they are exempt. Multipart
 * bodies are parsed by the route, so `acceptUpload` checks those.
 */
export function createCsrfMiddleware(config: Config): RequestHandler {
  const secure = config.http.publicUrl.startsWith('https://');
  const { doubleCsrfProtection, generateCsrfToken, validateRequest } = doubleCsrf({
    getSecret: () => config.session.secret,
    getSessionIdentifier: (req) => (req.user && !req.viaApiToken ? req.sessionID : 'anonymous'),
    cookieName: secure ? '__Host-convene.csrf' : 'convene.csrf',
    cookieOptions: { sameSite: 'lax', secure, httpOnly: true, path: '/' },
    getCsrfTokenFromRequest: submittedToken,
    skipCsrfProtection: (req) => req.originalUrl.startsWith('/api/') || Boolean(req.is('multipart/form-data')),
  });
  validateUpload = validateRequest;
  return (req, res, next) => {
    let token: string | undefined;
    res.locals.csrfToken = () => (token ??= generateCsrfToken(req, res));
    doubleCsrfProtection(req, res, next);
  };
}

/** The token a form sends: the `_csrf` field, or the `X-CSRF-Token` header. */
function submittedToken(req: Request): string | undefined {
  return (req.body as { _csrf?: string } | undefined)?._csrf ?? req.get('x-csrf-token');
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

/** Check the CSRF token of a multipart form once its body has been parsed. */
export const verifyCsrfAfterUpload: RequestHandler = (req, _res, next) => {
  if (validateUpload?.(req)) return next();
  next(csrfError());
};
