import { toSpreadsheetCsv } from '../web/csv.js';
import type { Translate } from '../web/i18n.js';
import { listCheckInsOfSeries, listEvents, listSeries, listSuggestionSummaries, type SeriesRecord } from './neighbours.js';
import { answersByDepartment, answersOverall, attendanceByYear, formatDays, formatRate, type AttendanceTable, type DepartmentAnswers } from './reports.js';

/** A series' reports: attendance by edition and answers by department. */
export interface SeriesReport {
  series: SeriesRecord;
  table: AttendanceTable;
  answers: DepartmentAnswers[];
  overall: DepartmentAnswers;
}

/** Every series, and the one chosen (the given id, else the first); undefined when there is none or the id is unknown. */
export async function chooseSeries(seriesId: unknown): Promise<{ all: SeriesRecord[]; chosen: SeriesRecord | undefined }> {
  const all = await listSeries();
  const chosen = typeof seriesId === 'string' && seriesId ? all.find((s) => String(s._id) === seriesId) : all[0];
  return { all, chosen };
}

/** Gather a series' editions (cancelled ones aside), their check-ins and their suggestions, and compute the reports. */
export async function buildSeriesReport(series: SeriesRecord): Promise<SeriesReport> {
  const events = (await listEvents({ seriesId: String(series._id) })).filter((e) => e.status !== 'cancelled');
  const ids = events.map((e) => String(e._id));
  const [checkIns, suggestions] = await Promise.all([listCheckInsOfSeries(ids), ids.length ? listSuggestionSummaries({ eventIds: ids }) : []]);
  const table = attendanceByYear(
    events.map((e) => ({ id: String(e._id), startsAt: e.startsAt, timezone: e.timezone })),
    [...checkIns],
  );
  return { series, table, answers: answersByDepartment(suggestions), overall: answersOverall(suggestions) };
}

/** The attendance table as CSV: one line per institution, a column per edition (people present). */
export function attendanceCsv(table: AttendanceTable, t: Translate): string {
  const header = [t('records.reports.institutionZh'), t('records.reports.institutionEn'), ...table.editions.map((e) => e.label), t('records.reports.editionsAttended')];
  return toSpreadsheetCsv([header, ...table.rows.map((r) => [r.name.zh, r.name.en, ...r.people, r.attended])]);
}

/** The answers table as CSV: one line per department, then the total. */
export function answersCsv(rows: DepartmentAnswers[], overall: DepartmentAnswers, t: Translate): string {
  const header = ['departmentZh', 'departmentEn', 'suggestions', 'answered', 'declined', 'pending', 'answerRate', 'medianDays'].map((k) => t(`records.reports.${k}`));
  const line = (r: DepartmentAnswers, zh: string, en: string) => [zh, en, r.total, r.answered, r.declined, r.pending, formatRate(r.answerRate), formatDays(r.medianDays)];
  return toSpreadsheetCsv([
    header,
    ...rows.map((r) => (r.name ? line(r, r.name.zh, r.name.en) : line(r, t('records.reports.unassigned'), ''))),
    line(overall, t('records.reports.total'), ''),
  ]);
}
