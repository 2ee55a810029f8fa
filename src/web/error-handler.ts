import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { isApiRequest } from './api-path.js';
import { AppError, NotFoundError, type FieldErrors } from './errors.js';
import { localeMiddleware } from './locale.js';

const FALLBACK_HTML =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Error</title><h1>Something went wrong</h1><p>Please try again later.</p></html>';

/** Whether this request wants JSON (API routes) rather than a page. */
export function wantsJson(req: Request): boolean {
  return isApiRequest(req);
}

/** Map anything thrown to an AppError the user may see; unknown errors become 500. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; type?: string; status?: number; name?: string };
  if (e.code === 'EBADCSRFTOKEN') return new AppError('errors.csrf', 403);
  if (e.type === 'entity.too.large') return new AppError('errors.tooLarge', 413);
  if (e.type === 'entity.parse.failed' || e.type === 'charset.unsupported' || e.type === 'encoding.unsupported') return new AppError('errors.badRequest', 400);
  if (e.name === 'CastError') return new NotFoundError();
  if (e.status && e.status >= 400 && e.status < 500) return new AppError('errors.badRequest', e.status);
  return new AppError('errors.internal', 500);
}

function translateFields(fields: FieldErrors | undefined, t: (key: string) => string): FieldErrors | undefined {
  if (!fields) return undefined;
  return Object.fromEntries(Object.entries(fields).map(([name, message]) => [name, t(message)]));
}

/** 404 for anything no router answered. */
export const notFoundHandler: RequestHandler = (_req, _res, next) => next(new NotFoundError());

/** Routine answers that need no log line of their own (the access log has them). */
const ROUTINE = new Set([401, 404, 422]);

/** Log a 5xx with its error, any other refusal (bad body, CSRF, forbidden…) as a warning without a stack. */
function logError(req: Request, error: unknown, appError: AppError): void {
  if (appError.status >= 500) return req.log.error({ err: error, reqId: req.id }, 'Unhandled error');
  if (ROUTINE.has(appError.status)) return;
  const { name, message, type } = error as { name?: string; message?: string; type?: string };
  req.log.warn({ status: appError.status, error: { name, type, message: message?.slice(0, 200) } }, 'Request refused: %s', appError.message);
}

/** The locals every page needs, for errors raised before the steps that set them (a session store down…). */
function ensurePageLocals(req: Request, res: Response): void {
  if (!res.locals.t) localeMiddleware(req, res, () => undefined);
  res.locals.currentUser ??= req.user;
  res.locals.currentPath ??= req.path;
  res.locals.csrfToken ??= () => '';
}

/** The one error handler: logs every 500 with the request id and answers with a page or JSON, never a stack trace. */
export function createErrorHandler(options: { showStack: boolean }): ErrorRequestHandler {
  return (error, req, res: Response, _next) => {
    const appError = toAppError(error);
    logError(req, error, appError);
    if (res.headersSent) return res.end();
    ensurePageLocals(req, res);
    const t = req.t;
    const fields = translateFields((appError as { fields?: FieldErrors }).fields, t);
    res.status(appError.status);
    if (wantsJson(req)) {
      res.json({ error: { status: appError.status, message: t(appError.message), fields } });
      return;
    }
    const stack = options.showStack && appError.status >= 500 && error instanceof Error ? error.stack : undefined;
    res.render('error', { title: t(appError.message), status: appError.status, message: t(appError.message), reqId: req.id, stack }, (renderError, html) => {
      if (renderError) {
        req.log?.error({ err: renderError, reqId: req.id }, 'Error page failed to render');
        res.type('html').send(FALLBACK_HTML);
        return;
      }
      res.send(html);
    });
  };
}
