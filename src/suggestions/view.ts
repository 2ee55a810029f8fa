import { DateTime } from 'luxon';
import { formatDate } from '../web/dates.js';
import type { Locale } from '../web/i18n.js';
import type { SuggestionStatus } from './suggestion.model.js';
import type { SuggestionRecord } from './summaries.service.js';

// Small helpers shared by the pages, the register, the CSV and the report.

/** A `{zh, en}` name in a language: Chinese in Chinese, English otherwise (falling back to Chinese). */
export function pickName(names: { zh: string; en: string } | null | undefined, locale: Locale): string {
  if (!names) return '';
  return locale === 'zh' ? names.zh : names.en || names.zh;
}

/** A day (stored as its start in the event's zone) written for people, as every date is (`formatDate`). */
export function formatDay(date: Date | null | undefined, zone: string, locale: Locale): string {
  return formatDate(date, zone, locale);
}

/** A day as the `YYYY-MM-DD` of a date input (and of the API). */
export function toIsoDay(date: Date | null | undefined, zone: string): string {
  return date ? DateTime.fromJSDate(date, { zone }).toFormat('yyyy-LL-dd') : '';
}

/** Whether a suggestion is past its due day (in the event's zone) without an answer or a decision to decline. */
export function isOverdue(record: { dueDate: Date | null; status: SuggestionStatus }, zone: string, now = new Date()): boolean {
  return isOverdueBy(record, overdueCutoff(zone, now));
}

/**
 * The instant before which a due date is past: the start of today in the zone. A suggestion due on a day is
 * overdue from the next day on. Lists compute it once per zone instead of once per row.
 */
export function overdueCutoff(zone: string, now = new Date()): number {
  return DateTime.fromJSDate(now, { zone }).startOf('day').toMillis();
}

/** Whether a suggestion still open was due before the cutoff (see overdueCutoff). */
export function isOverdueBy(record: { dueDate: Date | null; status: SuggestionStatus }, cutoff: number): boolean {
  if (!record.dueDate || record.status === 'answered' || record.status === 'declined') return false;
  return record.dueDate.getTime() < cutoff;
}

/** Who made a suggestion: the institution, the person, or both. */
export function whoOf(record: Pick<SuggestionRecord, 'institutionName' | 'personName'>, locale: Locale): string {
  const institution = pickName(record.institutionName, locale);
  if (institution && record.personName) return `${institution} (${record.personName})`;
  return institution || record.personName;
}

/** The CSS modifier of a status badge. */
export function statusBadge(status: SuggestionStatus): string {
  return { open: '', accepted: 'badge--warn', in_progress: 'badge--warn', answered: 'badge--ok', declined: 'badge--bad' }[status];
}
