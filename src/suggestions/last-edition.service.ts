import type { Locale, Translate } from '../web/i18n.js';
import { categoryName, listCategories } from './categories.service.js';
import { attachToAgenda, findPreviousEdition, loadEvent, titleOf, type EventView } from './neighbours.js';
import { buildReportDocx } from './report-docx.js';
import { listSuggestions } from './suggestion.store.js';
import { toRecords, type SuggestionRecord } from './summaries.service.js';
import { formatDay, pickName, whoOf } from './view.js';

/** One suggestion of the previous edition, written out with what became of it. */
export interface ReportRow {
  id: string;
  who: string;
  text: string;
  department: string;
  owner: string;
  status: SuggestionRecord['status'];
  /** The answer, the reason for declining, or empty while it is still being worked on. */
  outcome: string;
  answeredAt: string;
}

/** "Last edition's suggestions": the previous edition's suggestions by category, with their outcome. */
export interface LastEditionReport {
  previous: { id: string; title: string; edition: number | null; date: string };
  title: string;
  groups: { key: string; name: string; rows: ReportRow[] }[];
  totals: { total: number; answered: number; declined: number; pending: number };
}

function rowOf(record: SuggestionRecord, zone: string, locale: Locale): ReportRow {
  return {
    id: record.id,
    who: whoOf(record, locale),
    text: record.text,
    department: pickName(record.departmentName, locale),
    owner: record.ownerName,
    status: record.status,
    outcome: record.status === 'answered' ? record.answer : record.status === 'declined' ? record.declineReason : '',
    answeredAt: formatDay(record.answeredAt, zone, locale),
  };
}

/** The previous edition's suggestions, or undefined when the event has no previous edition. */
async function previousSuggestions(eventId: string): Promise<{ previous: EventView; records: SuggestionRecord[] } | undefined> {
  const previous = await findPreviousEdition(eventId);
  if (!previous) return undefined;
  return { previous, records: await toRecords(await listSuggestions({ eventId: String(previous._id) })) };
}

/** How many suggestions the previous edition has (0 when there is none), for the notice on the suggestions page. */
export async function countLastEditionSuggestions(eventId: string): Promise<number> {
  return (await previousSuggestions(eventId))?.records.length ?? 0;
}

/** The report of the previous edition's suggestions in a language, or undefined when there is no previous edition. */
export async function buildLastEditionReport(eventId: string, locale: Locale, t: Translate): Promise<LastEditionReport | undefined> {
  const found = await previousSuggestions(eventId);
  if (!found) return undefined;
  const { previous, records } = found;
  const categories = await listCategories({ includeRetired: true });
  const order = new Map(categories.map((c, i) => [c.key, i]));
  const keys = [...new Set(records.map((r) => r.category.key))].sort((a, b) => (order.get(a) ?? 99) - (order.get(b) ?? 99));
  const groups = keys.map((key) => {
    const category = categories.find((c) => c.key === key);
    const rows = records.filter((r) => r.category.key === key);
    return { key, name: category ? categoryName(category, locale) : pickName(rows[0]!.category.name, locale), rows: rows.map((r) => rowOf(r, previous.timezone, locale)) };
  });
  const count = (statuses: string[]) => records.filter((r) => statuses.includes(r.status)).length;
  const title = titleOf(previous, locale);
  return {
    previous: { id: String(previous._id), title, edition: previous.edition ?? null, date: formatDay(previous.startsAt, previous.timezone, locale) },
    title: t('suggestions.report.title', { title }),
    groups,
    totals: { total: records.length, answered: count(['answered']), declined: count(['declined']), pending: count(['open', 'accepted', 'in_progress']) },
  };
}

/** The report as a DOCX file (its name in the report's language). */
export async function lastEditionDocx(eventId: string, locale: Locale, t: Translate): Promise<{ filename: string; data: Buffer } | undefined> {
  const report = await buildLastEditionReport(eventId, locale, t);
  if (!report) return undefined;
  return { filename: `${t('suggestions.report.filename')}.docx`, data: await buildReportDocx(report, t) };
}

/** Generate the report and attach it to this event's agenda; undefined when there is no previous edition. */
export async function attachLastEditionReport(eventId: string, locale: Locale, t: Translate, actor: { id: string; email: string }): Promise<{ id: string } | undefined> {
  await loadEvent(eventId);
  const file = await lastEditionDocx(eventId, locale, t);
  if (!file) return undefined;
  return attachToAgenda(eventId, { filename: file.filename, contentType: DOCX_TYPE, data: file.data }, actor);
}

/** The media type of a DOCX file. */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
