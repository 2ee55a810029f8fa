import type { Request, Response } from 'express';
import type { Locale } from '../web/i18n.js';
import { linkCsrfToken, verifyLinkCsrf } from '../web/csrf.js';
import { usePublicLocale } from '../web/locale.js';
import { defineRouter, type ConveneRouter } from '../web/routes.js';
import { loadRsvp, type RsvpContext } from './rsvp.service.js';

/** Where every page reached through an RSVP link lives; the app mounts these without a staff session. */
export const RSVP_MOUNT = '/rsvp';

/**
 * A router for pages reached through an institution's RSVP link (`/rsvp/:token/...`): the token is the only
 * credential, so pages are never cached or indexed, and a bad token is the same plain 404 everywhere. Forms
 * under the link carry the link's own CSRF token (`linkCsrfToken`), checked here once the link is known good.
 * Other components (suggestions, minutes) add their token pages with it.
 */
export function defineRsvpRouter(): ConveneRouter {
  const router = defineRouter(RSVP_MOUNT);
  router.router.use((_req, res, next) => {
    res.set({ 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex, nofollow' });
    next();
  });
  router.param('token', async (req, res, token) => {
    try {
      const context = await loadRsvp(token);
      res.locals.rsvp = context;
      res.locals.csrfToken = () => linkCsrfToken(context.tokenHash);
      verifyLinkCsrf(req, context.tokenHash);
    } catch (error) {
      // The 404 page must not echo the token back (in its language links), so every bad link gets the same bytes.
      res.locals.langHref = (code: string) => `?lang=${code}`;
      throw error;
    }
  });
  return router;
}

/** The invitation behind the token of this request, with the page switched to the invitee's language (or `?lang=`). */
export function rsvpContextOf(req: Request, res: Response): RsvpContext {
  const context = res.locals.rsvp as RsvpContext;
  usePublicLocale(req, res, context.invitation.locale as Locale);
  return context;
}

/** A link shown on the RSVP page to another page under the same token. */
export interface RsvpPageLink {
  /** Relative to the token's URL, e.g. `suggestions`. */
  path: string;
  /** Message key of the link text. */
  label: string;
  /** Message key of a short note beside it, if any. */
  note?: string;
  /** Parameters of the note. */
  noteParams?: Record<string, string | number>;
}

/** Supplies links for one invitation; runs on every RSVP page view, so it must read by `_id` only. */
export type RsvpPageLinkProvider = (context: RsvpContext) => Promise<RsvpPageLink[]>;

const providers: RsvpPageLinkProvider[] = [];

/** Register a provider of links on the RSVP page (suggestions, minutes in review…). */
export function addRsvpPageLinks(provider: RsvpPageLinkProvider): void {
  providers.push(provider);
}

/** The links every registered provider offers for this invitation, in registration order. */
export async function rsvpPageLinks(context: RsvpContext): Promise<RsvpPageLink[]> {
  const lists = await Promise.all(providers.map((provider) => provider(context)));
  return lists.flat();
}
