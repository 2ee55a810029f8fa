import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { isAllowed, type Access } from './access.js';
import { API_PREFIX } from './api-path.js';
import { checkCsrfOfUnparsed, refuseUnreadBody } from './csrf.js';
import { ForbiddenError, UnauthorizedError } from './errors.js';
import { TAKES_UPLOAD } from './upload.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** One route of the app, as the authorization test walks them. */
export interface RouteSpec {
  method: Method;
  path: string;
  access: Access;
  api: boolean;
  /** Whether the route parses multipart bodies (an upload form). */
  upload: boolean;
}

const table: RouteSpec[] = [];

/** Every route declared so far, with the access it needs. */
export function listRoutes(): readonly RouteSpec[] {
  return table;
}

/** What sits behind a sign-in (pages, API answers, CSV and document downloads) is kept by no cache. */
const PRIVATE_NO_STORE = 'private, no-store';

function guard(access: Access, api: boolean): RequestHandler {
  return (req, res, next) => {
    if (access !== 'public') res.set('Cache-Control', PRIVATE_NO_STORE);
    if (isAllowed(req.user, access)) return next();
    if (req.user) return next(new ForbiddenError());
    if (api) return next(new UnauthorizedError());
    res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
  };
}

/** Loads the record a URL parameter names into res.locals, or throws NotFoundError (like Indico's get_or_404). */
export type ParamLoader = (req: Request, res: Response, value: string) => Promise<void> | void;

/** A router whose every route states who may use it; the guard runs first, then param loaders, then handlers. */
export interface ConveneRouter {
  readonly mount: string;
  readonly router: Router;
  param(name: string, loader: ParamLoader): void;
  get(path: string, access: Access, ...handlers: RequestHandler[]): void;
  post(path: string, access: Access, ...handlers: RequestHandler[]): void;
  put(path: string, access: Access, ...handlers: RequestHandler[]): void;
  patch(path: string, access: Access, ...handlers: RequestHandler[]): void;
  delete(path: string, access: Access, ...handlers: RequestHandler[]): void;
}

/**
 * Create a router mounted at `mount`; `api` routes answer 401 instead of redirecting to sign-in. Paths match
 * case-sensitively, as the app's own mounts do, so `/API/…` is not the API and `/Events` is no page.
 */
export function defineRouter(mount: string, options: { api?: boolean } = {}): ConveneRouter {
  const router = express.Router({ mergeParams: true, caseSensitive: true });
  const api = options.api ?? mount.startsWith(API_PREFIX);
  const loaders = new Map<string, ParamLoader>();
  // Loaders run after the guard, so nobody unauthorised learns whether a record exists.
  const loadParams =
    (names: string[]): RequestHandler =>
    async (req, res, next) => {
      for (const name of names) await loaders.get(name)?.(req, res, String(req.params[name]));
      next();
    };
  const add =
    (method: Method) =>
    (path: string, access: Access, ...handlers: RequestHandler[]) => {
      const upload = handlers.some((handler) => TAKES_UPLOAD in handler);
      table.push({ method, path: (mount + path).replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1'), access, api, upload });
      const names = [...path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
      router[method](path, guard(access, api), checkCsrfOfUnparsed(upload), loadParams(names), refuseUnreadBody(upload), ...handlers);
    };
  return {
    mount,
    router,
    param: (name, loader) => void loaders.set(name, loader),
    get: add('get'),
    post: add('post'),
    put: add('put'),
    patch: add('patch'),
    delete: add('delete'),
  };
}
