import { DateTime } from 'luxon';
import type { Bilingual, CheckInRecord, SuggestionSummary } from './neighbours.js';

// The reports' arithmetic, kept free of the database so it can be checked on hand-made data.

const DAY_MS = 24 * 3600 * 1000;

/** One edition of a series, as a column of the attendance table. */
export interface Edition {
  eventId: string;
  /** The year in the event's own time zone ("2019"), or year and month ("2019-04") when a year has two editions. */
  label: string;
  year: number;
  startsAt: Date;
}

/** An event as the reports need it. */
export interface ReportEvent {
  id: string;
  startsAt: Date;
  timezone: string;
}

/** One institution's attendance: people present at each edition (same order as the editions). */
export interface AttendanceRow {
  institutionId: string;
  name: Bilingual;
  people: number[];
  /** How many editions it attended. */
  attended: number;
}

/** Editions × institutions, from check-ins. */
export interface AttendanceTable {
  editions: Edition[];
  rows: AttendanceRow[];
}

/** The editions of a series in time order, each labelled by its year. */
export function editionsOf(events: readonly ReportEvent[]): Edition[] {
  const sorted = [...events].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const dates = sorted.map((e) => DateTime.fromJSDate(e.startsAt, { zone: e.timezone }));
  return sorted.map((event, i) => {
    const date = dates[i]!;
    const shared = dates.filter((d) => d.year === date.year).length > 1;
    return { eventId: event.id, label: shared ? date.toFormat('yyyy-LL') : String(date.year), year: date.year, startsAt: event.startsAt };
  });
}

/** For each institution that ever attended, how many of its people were present at each edition. */
export function attendanceByYear(events: readonly ReportEvent[], checkIns: readonly CheckInRecord[]): AttendanceTable {
  const editions = editionsOf(events);
  const column = new Map(editions.map((e, i) => [e.eventId, i]));
  const rows = new Map<string, AttendanceRow>();
  const named = new Map<string, number>();
  for (const record of checkIns) {
    const index = column.get(record.eventId);
    if (!record.institutionId || index === undefined) continue;
    let row = rows.get(record.institutionId);
    if (!row) {
      row = { institutionId: record.institutionId, name: record.institutionName ?? { zh: '', en: '' }, people: editions.map(() => 0), attended: 0 };
      rows.set(record.institutionId, row);
    }
    row.people[index]! += 1;
    // The name as of the latest edition it attended (institutions get renamed).
    if (record.institutionName && index >= (named.get(record.institutionId) ?? -1)) {
      row.name = record.institutionName;
      named.set(record.institutionId, index);
    }
  }
  for (const row of rows.values()) row.attended = row.people.filter((n) => n > 0).length;
  const sorted = [...rows.values()].sort((a, b) => b.attended - a.attended || a.name.zh.localeCompare(b.name.zh, 'zh'));
  return { editions, rows: sorted };
}

/** The middle value (the mean of the two middle ones for an even count), or null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One department's record on suggestions: how many it got, answered, declined, and how fast it answered. */
export interface DepartmentAnswers {
  /** null: suggestions not yet assigned to a department. */
  departmentId: string | null;
  name: Bilingual | null;
  total: number;
  answered: number;
  declined: number;
  /** Open, accepted or in progress. */
  pending: number;
  /** answered / total, 0–1; null when it has none. */
  answerRate: number | null;
  /** Median days from the suggestion to its answer, over answered ones; null when none is answered. */
  medianDays: number | null;
}

function tally(departmentId: string | null, name: Bilingual | null, items: readonly SuggestionSummary[]): DepartmentAnswers {
  const answered = items.filter((s) => s.status === 'answered');
  const declined = items.filter((s) => s.status === 'declined').length;
  const days = answered.filter((s) => s.answeredAt).map((s) => (s.answeredAt!.getTime() - s.createdAt.getTime()) / DAY_MS);
  return {
    departmentId,
    name,
    total: items.length,
    answered: answered.length,
    declined,
    pending: items.length - answered.length - declined,
    answerRate: items.length ? answered.length / items.length : null,
    medianDays: median(days),
  };
}

/**
 * Per department: the share of its suggestions answered (a declined suggestion is not an answer) and the
 * median days to answer. Departments by name; unassigned suggestions last.
 */
export function answersByDepartment(suggestions: readonly SuggestionSummary[]): DepartmentAnswers[] {
  const groups = new Map<string, { name: Bilingual | null; items: SuggestionSummary[] }>();
  for (const s of suggestions) {
    const key = s.departmentId ?? '';
    const group = groups.get(key) ?? { name: s.departmentName, items: [] };
    group.items.push(s);
    group.name ??= s.departmentName;
    groups.set(key, group);
  }
  const rows = [...groups.entries()].map(([key, g]) => tally(key || null, key ? g.name : null, g.items));
  return rows.sort((a, b) => Number(a.departmentId === null) - Number(b.departmentId === null) || (a.name?.zh ?? '').localeCompare(b.name?.zh ?? '', 'zh'));
}

/** The same figures over every suggestion, for the table's total line. */
export function answersOverall(suggestions: readonly SuggestionSummary[]): DepartmentAnswers {
  return tally(null, null, suggestions);
}

/** Days rounded to one decimal for display ("3.5"), or an empty string. */
export function formatDays(days: number | null): string {
  return days === null ? '' : (Math.round(days * 10) / 10).toFixed(1);
}

/** A rate as a whole percentage ("67%"), or an empty string. */
export function formatRate(rate: number | null): string {
  return rate === null ? '' : `${Math.round(rate * 100)}%`;
}
