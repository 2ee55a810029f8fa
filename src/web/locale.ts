import type { Request, RequestHandler, Response } from 'express';
import { LOCALES, STAFF_LOCALES, isLocale, negotiateLocale, translatorFor, type Locale, type Translate } from './i18n.js';

/** Cookie that remembers the language a visitor switched to. */
export const LOCALE_COOKIE = 'convene.lang';
const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

declare module 'express-serve-static-core' {
  interface Request {
    locale: Locale;
    t: Translate;
  }
}

/** The first candidate that is an allowed language, else Chinese. */
export function firstAllowedLocale(candidates: unknown[], allowed: readonly Locale[]): Locale {
  return candidates.find((value): value is Locale => isLocale(value) && allowed.includes(value)) ?? 'zh';
}

function applyLocale(req: Request, res: Response, allowed: readonly Locale[], preferred?: Locale): void {
  const query = req.query.lang;
  const locale = firstAllowedLocale(
    [query, req.user?.locale, req.cookies?.[LOCALE_COOKIE], preferred, negotiateLocale(req.get('accept-language'), allowed)],
    allowed,
  );
  if (query === locale) res.cookie(LOCALE_COOKIE, locale, { maxAge: ONE_YEAR_MS, sameSite: 'lax', httpOnly: true });
  req.locale = locale;
  req.t = translatorFor(locale);
  res.locals.locale = locale;
  res.locals.t = req.t;
  res.locals.locales = allowed;
  res.locals.langHref = (code: Locale) => {
    const url = new URL(req.originalUrl, 'http://convene.invalid');
    url.searchParams.set('lang', code);
    return url.pathname + url.search;
  };
}

/**
 * Staff pages speak zh or en, chosen from `?lang=`, the user's setting, the cookie,
 * then Accept-Language.
 */
export const localeMiddleware: RequestHandler = (req, res, next) => {
  applyLocale(req, res, STAFF_LOCALES);
  next();
};

/** Pages for invited institutions also speak ko and ja; the institution's own language beats Accept-Language. */
export function usePublicLocale(req: Request, res: Response, preferred?: Locale): void {
  applyLocale(req, res, LOCALES, preferred);
}

/**
 * Pages behind an RSVP link before the link is read (a bad body, a bad link): any of the four languages, as
 * asked, and language links that do not echo the link's secret.
 */
export const publicLocaleMiddleware: RequestHandler = (req, res, next) => {
  usePublicLocale(req, res);
  res.locals.langHref = (code: Locale) => `?lang=${code}`;
  next();
};
