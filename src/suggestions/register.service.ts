import { toSpreadsheetCsv } from '../web/csv.js';
import { formatSpreadsheetDateTime } from '../web/dates.js';
import { DateTime } from 'luxon';
import type { Locale, Translate } from '../web/i18n.js';
import { findEventsByIds, titleOf } from './neighbours.js';
import type { SuggestionStatus } from './suggestion.model.js';
import type { RegisterFilter } from './suggestions.schemas.js';
import { listSuggestions } from './suggestion.store.js';
import { toRecords, type SuggestionRecord } from './summaries.service.js';
import { isOverdueBy, overdueCutoff, pickName, toIsoDay, whoOf } from './view.js';

/** A line of the register: a suggestion with its event's title, year and zone, and whether it is overdue. */
export interface RegisterRow extends SuggestionRecord {
  eventTitle: string;
  eventYear: number;
  zone: string;
  overdue: boolean;
}

/** The register's lines and the choices its filters offer (taken from every suggestion, not only the shown ones). */
export interface Register {
  rows: RegisterRow[];
  total: number;
  years: number[];
  institutions: { id: string; name: string }[];
}

function matches(row: RegisterRow, filter: RegisterFilter): boolean {
  return (
    (!filter.year || row.eventYear === filter.year) &&
    (!filter.institutionId || row.institutionId === filter.institutionId) &&
    (!filter.category || row.category.key === filter.category) &&
    (!filter.departmentId || row.departmentId === filter.departmentId) &&
    (!filter.status || row.status === filter.status) &&
    (!filter.overdue || row.overdue)
  );
}

/**
 * Every suggestion of every event, newest event first, filtered. The whole collection is read once and
 * filtered here: the filters' choices need every row.
 */
export async function listRegister(filter: RegisterFilter, locale: Locale, now = new Date()): Promise<Register> {
  const records = await toRecords(await listSuggestions());
  const events = await findEventsByIds(records.map((r) => r.eventId));
  // What each event and zone gives its rows is worked out once, not once per suggestion.
  const cutoffs = new Map<string, number>();
  const cutoffIn = (zone: string) => cutoffs.get(zone) ?? cutoffs.set(zone, overdueCutoff(zone, now)).get(zone)!;
  const eventFacts = new Map([...events].map(([id, event]) => [id, { eventTitle: titleOf(event, locale), eventYear: DateTime.fromJSDate(event.startsAt, { zone: event.timezone }).year, zone: event.timezone }]));
  const all: RegisterRow[] = records.flatMap((record) => {
    const facts = eventFacts.get(record.eventId);
    return facts ? [{ ...record, ...facts, overdue: isOverdueBy(record, cutoffIn(facts.zone)) }] : [];
  });
  all.sort((a, b) => b.eventYear - a.eventYear || a.eventId.localeCompare(b.eventId) || a.createdAt.getTime() - b.createdAt.getTime());
  const institutions = new Map(all.filter((r) => r.institutionId).map((r) => [r.institutionId!, pickName(r.institutionName, locale)]));
  return {
    rows: all.filter((row) => matches(row, filter)),
    total: all.length,
    years: [...new Set(all.map((r) => r.eventYear))].sort((a, b) => b - a),
    institutions: [...institutions].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name, locale)),
  };
}


/** Headings of the CSV export, as message keys. */
const CSV_HEADINGS = [
  'suggestions.field.event', 'suggestions.field.year', 'suggestions.field.who', 'suggestions.field.category', 'suggestions.field.text',
  'suggestions.field.source', 'suggestions.field.department', 'suggestions.field.owner', 'suggestions.field.dueDate', 'suggestions.field.status',
  'suggestions.field.overdue', 'suggestions.field.outcome', 'suggestions.field.createdAt', 'suggestions.field.answeredAt',
];

/** The register as CSV: UTF-8 with a BOM (so Excel reads Chinese), CRLF line ends, one line per suggestion. */
export function registerCsv(rows: readonly RegisterRow[], t: Translate, locale: Locale): string {
  const lines = rows.map((row) => [
    row.eventTitle, String(row.eventYear), whoOf(row, locale), pickName(row.category.name, locale), row.text,
    t(`suggestions.source.${row.source}`), pickName(row.departmentName, locale), row.ownerName, toIsoDay(row.dueDate, row.zone),
    t(`suggestions.status.${row.status as SuggestionStatus}`), row.overdue ? t('common.yes') : '', row.status === 'declined' ? row.declineReason : row.answer,
    formatSpreadsheetDateTime(row.createdAt, row.zone), formatSpreadsheetDateTime(row.answeredAt, row.zone),
  ]);
  return toSpreadsheetCsv([CSV_HEADINGS.map((key) => t(key)), ...lines]);
}
