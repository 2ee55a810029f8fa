import path from 'node:path';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { ROOT_DIR, type Config } from './config.js';
import { logger } from './logger.js';
import { agendaRouters } from './agenda/index.js';
import { authRouter, authenticate, meApiRouter, usersRouter, createSessionMiddleware, saveSessionBeforeRedirect } from './auth/index.js';
import { feedRouter } from './calendar/index.js';
import { checkinRouters } from './checkin/index.js';
import { eventsRouters } from './events/index.js';
import { inboundRouters } from './inbound/index.js';
import { institutionsRouters } from './institutions/index.js';
import { invitationsRouters, RSVP_MOUNT } from './invitations/index.js';
import { mailboxRouter } from './mail/index.js';
import { minutesRouters } from './minutes/index.js';
import { recordsRouters } from './records/index.js';
import { seatingRouters } from './seating/index.js';
import { suggestionsRouters } from './suggestions/index.js';
import { registerAllMessages } from './messages.js';
import { pingDatabase } from './db/index.js';
import { ACCESS, isAllowed, type StaffUser } from './web/access.js';
import { cleanBody } from './web/control-chars.js';
import { createCsrfMiddleware } from './web/csrf.js';
import { createErrorHandler, notFoundHandler } from './web/error-handler.js';
import { flashMiddleware } from './web/flash.js';
import { localeMiddleware, publicLocaleMiddleware } from './web/locale.js';
import { requestLogging } from './web/request-log.js';
import { homeRouter } from './web/home.router.js';
import type { ConveneRouter } from './web/routes.js';

/** What the app needs from the outside world. */
export interface AppDeps {
  config: Config;
  /** Whether outgoing mail can be delivered right now. */
  mailHealthy: () => Promise<boolean>;
  /** More routers (tests use this to exercise the error handler). */
  extraRouters?: ConveneRouter[];
}

/** Compiled sources (src/ under tsx, dist/ when built): component views live beside their code. */
const SOURCE_DIR = path.dirname(new URL(import.meta.url).pathname);

registerAllMessages();

const routers: ConveneRouter[] = [
  homeRouter,
  authRouter,
  usersRouter,
  meApiRouter,
  mailboxRouter,
  ...institutionsRouters,
  ...eventsRouters,
  ...invitationsRouters,
  ...agendaRouters,
  ...checkinRouters,
  ...minutesRouters,
  ...suggestionsRouters,
  ...recordsRouters,
  ...seatingRouters,
  ...inboundRouters,
  feedRouter,
];

/** The main navigation; each entry shows only to those who may use it. */
const navItems = [
  { href: '/events', label: 'nav.events', access: 'staff' as const },
  { href: '/institutions', label: 'nav.institutions', access: 'staff' as const },
  { href: '/departments', label: 'nav.departments', access: 'staff' as const },
  { href: '/suggestions', label: 'nav.suggestions', access: 'staff' as const },
  { href: '/reports', label: 'nav.reports', access: 'staff' as const },
  { href: '/calendar', label: 'nav.calendar', access: 'staff' as const },
  { href: '/mailbox', label: 'nav.mailbox', access: ACCESS.organiser },
  { href: '/admin/users', label: 'nav.users', access: ACCESS.admin },
].map((item) => ({ ...item, visible: (user: StaffUser | undefined) => isAllowed(user, item.access) }));

/** Build the Express app: security headers, sessions, language, CSRF, then each component's routes. */
export function createApp({ config, mailHealthy, extraRouters = [] }: AppDeps): Express {
  const app = express();
  // One definition of every path, before the first mount: `/API/v1/me` is not the API, `/Events` no page.
  app.set('case sensitive routing', true);
  app.set('view engine', 'ejs');
  app.set('views', [path.join(ROOT_DIR, 'views'), SOURCE_DIR]);
  app.set('trust proxy', config.http.trustProxy ?? false);
  app.disable('x-powered-by');
  // Pages are rendered per request and mostly `no-store`: hashing every body for an ETag buys nothing.
  app.set('etag', false);
  app.locals.navItems = navItems;

  const https = config.http.publicUrl.startsWith('https://');
  app.use(requestLogging(app, logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': https ? [] : null },
      },
      strictTransportSecurity: https,
    }),
  );
  app.use(compression());
  app.use('/public', express.static(path.join(ROOT_DIR, 'public'), { maxAge: config.isProduction ? '1d' : 0 }));

  app.get('/healthz', async (_req, res) => {
    const [db, mail] = await Promise.all([pingDatabase(), mailHealthy().catch(() => false)]);
    const ok = db && mail;
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', db: db ? 'ok' : 'down', mail: mail ? 'ok' : 'down' });
  });

  app.use(cookieParser());
  // Bodies are read once the language and page locals are known, so a bad or oversized body gets the normal
  // error page in the caller's language. A body no parser takes (text/plain, or multipart until an upload
  // route reads it) reads as an empty form, so handlers answer it with their own 4xx.
  const parseBodies: RequestHandler[] = [
    express.urlencoded({ extended: true, limit: '1mb', parameterLimit: 5000 }),
    express.json({ limit: '1mb' }),
    (req, _res, next) => {
      req.body ??= {};
      next();
    },
    cleanBody,
  ];
  const pageLocals: RequestHandler = (req, res, next) => {
    // What a signed-in user is shown (even a 404) is theirs alone; `defineRouter` does the same for every non-public route.
    if (req.user) res.set('Cache-Control', 'private, no-store');
    res.locals.currentUser = req.user;
    res.locals.currentPath = req.path;
    res.locals.reqId = req.id;
    next();
  };
  const allRouters = [...routers, ...extraRouters];

  // Pages behind an institution's link: the token is the only credential, so they neither read nor create a
  // staff session (a signed-in organiser sees exactly what the institution sees) and come before the staff routes.
  // Their forms carry a CSRF token bound to the link, checked when the link is loaded (src/invitations/rsvp-pages.ts).
  const tokenRouters = allRouters.filter(({ mount }) => mount === RSVP_MOUNT);
  app.use(RSVP_MOUNT, publicLocaleMiddleware, flashMiddleware, pageLocals, ...parseBodies, ...tokenRouters.map(({ router }) => router));

  app.use(createSessionMiddleware(config));
  app.use(saveSessionBeforeRedirect);
  app.use(authenticate);
  app.use(localeMiddleware);
  app.use(flashMiddleware);
  app.use(pageLocals);
  const csrf = createCsrfMiddleware(config);
  app.use(csrf.tokenLocals);
  app.use(...parseBodies);
  app.use(csrf.protect);

  for (const { mount, router } of allRouters) if (mount !== RSVP_MOUNT) app.use(mount, router);

  app.use(notFoundHandler);
  app.use(createErrorHandler({ showStack: config.env === 'development' }));
  return app;
}
