import { DateTime } from 'luxon';
import { LRUCache } from 'lru-cache';
import type { Locale } from './i18n.js';

const LUXON_LOCALE: Record<Locale, string> = { zh: 'zh-CN', en: 'en-GB', ko: 'ko-KR', ja: 'ja-JP' };

/** A wall-clock time typed in a zone (`2019-04-12T09:30`, as from datetime-local) as an instant; undefined if invalid. */
export function parseLocalDateTime(value: string, zone: string): Date | undefined {
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** An instant as the `YYYY-MM-DDTHH:mm` value of a datetime-local input in a zone. */
export function toLocalInputValue(date: Date | undefined | null, zone: string): string {
  return date ? DateTime.fromJSDate(date, { zone }).toFormat("yyyy-LL-dd'T'HH:mm") : '';
}

/**
 * Formatting through luxon and Intl costs tens of microseconds per call (zone offsets, formatToParts), and
 * the same few event times are formatted on every RSVP page and in every email: remember recent results.
 */
const formatted = new LRUCache<string, string, () => string>({ max: 5000, memoMethod: (_key, _stale, { context: format }) => format() });

function remember(key: string, format: () => string): string {
  return formatted.memo(key, { context: format });
}

/** An instant written out for people, in a zone and language, with the zone's abbreviation. */
export function formatDateTime(date: Date | undefined | null, zone: string, locale: Locale): string {
  if (!date) return '';
  return remember(`dt|${date.getTime()}|${zone}|${locale}`, () => formatDateTimeNow(date, zone, locale));
}

function formatDateTimeNow(date: Date, zone: string, locale: Locale): string {
  return DateTime.fromJSDate(date, { zone })
    .setLocale(LUXON_LOCALE[locale])
    .toLocaleString({ ...DateTime.DATETIME_MED_WITH_WEEKDAY, timeZoneName: 'short' });
}

/** A time range on one day ("Fri 12 Apr 2019, 09:30–11:30 GMT+8"), or two full timestamps. */
export function formatRange(start: Date, end: Date, zone: string, locale: Locale): string {
  return remember(`range|${start.getTime()}|${end.getTime()}|${zone}|${locale}`, () => formatRangeNow(start, end, zone, locale));
}

function formatRangeNow(start: Date, end: Date, zone: string, locale: Locale): string {
  const s = DateTime.fromJSDate(start, { zone }).setLocale(LUXON_LOCALE[locale]);
  const e = DateTime.fromJSDate(end, { zone }).setLocale(LUXON_LOCALE[locale]);
  if (s.hasSame(e, 'day')) {
    return `${s.toLocaleString(DateTime.DATE_HUGE)} ${s.toLocaleString(DateTime.TIME_24_SIMPLE)}–${e.toLocaleString({ ...DateTime.TIME_24_SIMPLE, timeZoneName: 'short' })}`;
  }
  return `${formatDateTime(start, zone, locale)} – ${formatDateTime(end, zone, locale)}`;
}

/** Whether a string names an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}
