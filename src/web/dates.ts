import { DateTime } from 'luxon';
import { LRUCache } from 'lru-cache';
import { getConfig } from '../config.js';
import type { Locale } from './i18n.js';

// One formatter for dates, times and ranges per locale, for pages, mails, PDFs and CSVs. Each
// locale writes dates its own way (zh `2026年12月28日（星期一）09:30–11:30`, en `Monday 28 December
// 2026, 09:30–11:30`, ko `2026년 12월 28일 (월) 09:30~11:30`, ja `2026年12月28日（月）9:30～11:30`),
// in the event's zone, naming that zone once, at the end, and only when it is not the reader's.

/** How each locale writes a date, a time, the gap of a range and the zone's name. */
interface LocaleStyle {
  luxon: string;
  intl: string;
  date: string;
  time: string;
  /** Between a date and its time. */
  at: string;
  /** Between two times of one day, and between two full timestamps. */
  to: string;
  toAcrossDays: string;
  zone: (name: string) => string;
  beijing: string;
}

const STYLES: Record<Locale, LocaleStyle> = {
  zh: { luxon: 'zh-CN', intl: 'zh-CN', date: 'yyyy年M月d日（cccc）', time: 'HH:mm', at: '', to: '–', toAcrossDays: ' 至 ', zone: (n) => `（${n}）`, beijing: '北京时间' },
  en: { luxon: 'en-GB', intl: 'en-GB', date: 'cccc d MMMM yyyy', time: 'HH:mm', at: ', ', to: '–', toAcrossDays: ' – ', zone: (n) => ` (${n})`, beijing: 'Beijing time' },
  ko: { luxon: 'ko-KR', intl: 'ko-KR', date: 'yyyy년 M월 d일 (ccc)', time: 'HH:mm', at: ' ', to: '~', toAcrossDays: ' ~ ', zone: (n) => ` (${n})`, beijing: '베이징 시간' },
  ja: { luxon: 'ja-JP', intl: 'ja-JP', date: 'yyyy年M月d日（ccc）', time: 'H:mm', at: '', to: '～', toAcrossDays: '～', zone: (n) => `（${n}）`, beijing: '北京時間' },
};

/** Zones that keep China's time (`Intl` resolves Asia/Chongqing and PRC to Asia/Shanghai). */
const BEIJING = 'Asia/Shanghai';

/**
 * Formatting through luxon and Intl costs tens of microseconds per call (zone offsets, formatToParts), and
 * the same few event times are formatted on every RSVP page and in every email: remember recent results.
 */
const formatted = new LRUCache<string, string, () => string>({ max: 5000, memoMethod: (_key, _stale, { context: format }) => format() });

function remember(key: string, format: () => string): string {
  return formatted.memo(key, { context: format });
}

function canonicalZone(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return zone;
  }
}

/** The zone a reader is taken to be in: the office's (`DEFAULT_TIMEZONE`). */
export function readerZone(): string {
  return getConfig().defaultTimezone;
}

/** The zone's name in a language ("北京时间", "Eastern Time"), or '' when it is the reader's own zone. */
export function zoneLabel(zone: string, locale: Locale, at: Date, reader = readerZone()): string {
  const canonical = canonicalZone(zone);
  if (canonical === canonicalZone(reader)) return '';
  if (canonical === BEIJING) return STYLES[locale].beijing;
  const parts = new Intl.DateTimeFormat(STYLES[locale].intl, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? zone;
}

function local(date: Date, zone: string, locale: Locale): DateTime {
  return DateTime.fromJSDate(date, { zone }).setLocale(STYLES[locale].luxon);
}

function withZone(text: string, zone: string, locale: Locale, at: Date): string {
  const label = zoneLabel(zone, locale, at);
  return label ? `${text}${STYLES[locale].zone(label)}` : text;
}

/** A day, with its weekday: `2026年12月28日（星期一）`, `Monday 28 December 2026`. */
export function formatDate(date: Date | undefined | null, zone: string, locale: Locale): string {
  if (!date) return '';
  return remember(`d|${date.getTime()}|${zone}|${locale}`, () => local(date, zone, locale).toFormat(STYLES[locale].date));
}

/** A time of day in the zone (`09:30`; `9:30` in ja), without the zone's name. */
export function formatTime(date: Date | undefined | null, zone: string, locale: Locale): string {
  if (!date) return '';
  return local(date, zone, locale).toFormat(STYLES[locale].time);
}

/** An instant for people: the day and the time, and the zone's name when it is not the reader's. */
export function formatDateTime(date: Date | undefined | null, zone: string, locale: Locale): string {
  if (!date) return '';
  return remember(`dt|${date.getTime()}|${zone}|${locale}|${readerZone()}`, () => {
    const style = STYLES[locale];
    return withZone(`${formatDate(date, zone, locale)}${style.at}${formatTime(date, zone, locale)}`, zone, locale, date);
  });
}

/** A deadline: the last day and time answers are taken, written like any instant. */
export function formatDeadline(date: Date | undefined | null, zone: string, locale: Locale): string {
  return formatDateTime(date, zone, locale);
}

/** A range: within a day `2026年12月28日（星期一）09:30–11:30`, over days both timestamps; the zone named once. */
export function formatRange(start: Date, end: Date, zone: string, locale: Locale): string {
  return remember(`r|${start.getTime()}|${end.getTime()}|${zone}|${locale}|${readerZone()}`, () => {
    const style = STYLES[locale];
    const sameDay = local(start, zone, locale).hasSame(local(end, zone, locale), 'day');
    const from = `${formatDate(start, zone, locale)}${style.at}${formatTime(start, zone, locale)}`;
    const to = sameDay ? `${style.to}${formatTime(end, zone, locale)}` : `${style.toAcrossDays}${formatDate(end, zone, locale)}${style.at}${formatTime(end, zone, locale)}`;
    return withZone(`${from}${to}`, zone, locale, start);
  });
}

/** An instant for a spreadsheet: the zone's wall-clock time with its offset (`2026-12-28 09:30 +08:00`), never bare UTC. */
export function formatSpreadsheetDateTime(date: Date | undefined | null, zone: string): string {
  return date ? DateTime.fromJSDate(date, { zone }).toFormat('yyyy-LL-dd HH:mm ZZ') : '';
}

/** A wall-clock time typed in a zone (`2019-04-12T09:30`, as from datetime-local) as an instant; undefined if invalid. */
export function parseLocalDateTime(value: string, zone: string): Date | undefined {
  const parsed = DateTime.fromISO(value, { zone });
  return parsed.isValid ? parsed.toJSDate() : undefined;
}

/** An instant as the `YYYY-MM-DDTHH:mm` value of a datetime-local input in a zone. */
export function toLocalInputValue(date: Date | undefined | null, zone: string): string {
  return date ? DateTime.fromJSDate(date, { zone }).toFormat("yyyy-LL-dd'T'HH:mm") : '';
}

/** Whether a string names an IANA time zone. */
export function isTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}
