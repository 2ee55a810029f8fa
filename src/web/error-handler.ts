import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { AppError, NotFoundError, type FieldErrors } from './errors.js';
import { translatorFor } from './i18n.js';

const FALLBACK_HTML =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Error</title><h1>Something went wrong</h1><p>Please try again later.</p></html>';

/** Whether this request wants JSON (API routes) rather than a page. */
export function wantsJson(req: Request): boolean {
  return req.originalUrl.startsWith('/api/');
}

/** Map anything thrown to an AppError the user may see; unknown errors become 500. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { code?: string; type?: string; status?: number; name?: string };
  if (e.code === 'EBADCSRFTOKEN') return new AppError('errors.csrf', 403);
  if (e.type === 'entity.too.large') return new AppError('errors.tooLarge', 413);
  if (e.type === 'entity.parse.failed' || e.type === 'charset.unsupported') return new AppError('errors.badRequest', 400);
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

/** The one error handler: logs every 500 with the request id and answers with a page or JSON, never a stack trace. */
export function createErrorHandler(options: { showStack: boolean }): ErrorRequestHandler {
  return (error, req, res: Response, _next) => {
    const appError = toAppError(error);
    if (appError.status >= 500) req.log?.error({ err: error, reqId: req.id }, 'Unhandled error');
    if (res.headersSent) return res.end();
    const t = req.t ?? translatorFor('en');
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
