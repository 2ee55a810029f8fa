import type { FieldErrors } from '../web/errors.js';
import { isTimeZone } from '../web/dates.js';
import type { Locale } from '../web/i18n.js';
import type { EventStatus } from './event.model.js';

/** The lifecycle: which statuses an event may move to from each status. */
export const EVENT_TRANSITIONS: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['held', 'cancelled'],
  held: ['closed'],
  closed: [],
  cancelled: [],
};

/** Facts whose change makes calendars update the event, so they raise its SEQUENCE. */
export const CALENDAR_FACTS = ['startsAt', 'endsAt', 'timezone', 'venue', 'status'] as const;

/** The statuses an event in `status` may move to now. */
export function allowedTransitions(status: EventStatus): readonly EventStatus[] {
  return EVENT_TRANSITIONS[status];
}

/** Whether an event may still be edited (closed and cancelled events are history). */
export function isEditable(event: { status: EventStatus }): boolean {
  return event.status !== 'closed' && event.status !== 'cancelled';
}

/** The runtime's canonical spelling of an IANA zone name (`asia/shanghai` → `Asia/Shanghai`), or undefined. */
export function canonicalTimeZone(value: string): string | undefined {
  // Luxon also takes 'local', 'system' and 'UTC+8'; Intl takes only real IANA names, so ask both.
  try {
    const zone = new Intl.DateTimeFormat('en', { timeZone: value.trim() }).resolvedOptions().timeZone;
    return isTimeZone(zone) ? zone : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a string is an absolute http(s) URL (map links must not be javascript: or data:). */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The cross-field rules on an event's times; field name → message key. */
export function eventTimeErrors(facts: { startsAt: Date; endsAt: Date; rsvpDeadline?: Date | null }): FieldErrors {
  const errors: FieldErrors = {};
  if (facts.endsAt.getTime() <= facts.startsAt.getTime()) errors.endsAt = 'events.endBeforeStart';
  if (facts.rsvpDeadline && facts.rsvpDeadline.getTime() >= facts.startsAt.getTime()) errors.rsvpDeadline = 'events.deadlineAfterStart';
  return errors;
}

/** A bilingual name in a language: Chinese for zh, else English falling back to Chinese. */
function pickName(zh: string, en: string | null | undefined, locale: Locale): string {
  return locale === 'zh' ? zh : en || zh;
}

/** An event's title in a language (zh title for zh, else English falling back to zh). */
export function eventTitle(event: { titleZh: string; titleEn?: string | null }, locale: Locale): string {
  return pickName(event.titleZh, event.titleEn, locale);
}

/** A series' name in a language (zh for zh, else English falling back to zh). */
export function seriesName(series: { nameZh: string; nameEn?: string | null }, locale: Locale): string {
  return pickName(series.nameZh, series.nameEn, locale);
}

/** An event's description in a language, falling back to the other one. */
export function eventDescription(event: { descriptionZh?: string | null; descriptionEn?: string | null }, locale: Locale): string {
  const zh = event.descriptionZh ?? '';
  const en = event.descriptionEn ?? '';
  return locale === 'zh' ? zh || en : en || zh;
}

/**
 * Whether institutions may still reply: the event is scheduled (or a draft, for previews) and
 * the RSVP deadline (or, without one, the start) has not passed.
 */
export function isRsvpOpen(
  event: { status: EventStatus; startsAt: Date; rsvpDeadline?: Date | null },
  now: Date = new Date(),
): boolean {
  if (event.status !== 'scheduled' && event.status !== 'draft') return false;
  const closesAt = event.rsvpDeadline ?? event.startsAt;
  return now.getTime() < closesAt.getTime();
}
