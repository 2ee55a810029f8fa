import { DateTime } from 'luxon';
import { eventTitle, type EventRecord } from '../events/index.js';
import { formatDateTime, formatRange } from '../web/dates.js';
import type { Locale } from '../web/i18n.js';
import { describeChange, formatSlot, pickTitle, speakerLine, type AgendaChange } from './agenda-changes.js';
import type { StoredDocumentRef } from './agenda.store.js';
import type { AgendaVersionDoc } from './agenda-version.model.js';
import type { AgendaItemView } from './agenda.service.js';
import { changesOf } from './publish.service.js';

// What the staff agenda pages show, as plain data in the reader's language.

/** Why the times of an agenda need a look: it runs past the event's end, or items overlap. */
export interface AgendaWarnings {
  /** Minutes past the event's end (0: none). */
  overrunMinutes: number;
  /** Item id → message keys. */
  items: Map<string, string[]>;
}

/** Check the times: the last end against the event's end, each start against the one before and the event's start. */
export function agendaWarnings(event: Pick<EventRecord, 'startsAt' | 'endsAt'>, items: readonly AgendaItemView[]): AgendaWarnings {
  const latestEnd = Math.max(event.endsAt.getTime(), ...items.map((item) => item.endsAt.getTime()));
  const warnings = new Map<string, string[]>();
  items.forEach((item, index) => {
    const found: string[] = [];
    const before = items[index - 1];
    if (before && item.startsAt.getTime() < before.endsAt.getTime()) found.push('agenda.warning.overlap');
    if (item.startsAt.getTime() < event.startsAt.getTime()) found.push('agenda.warning.beforeStart');
    if (found.length) warnings.set(item.id, found);
  });
  return { overrunMinutes: Math.round((latestEnd - event.endsAt.getTime()) / 60_000), items: warnings };
}

const sizeLabel = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** A document as the pages list it. */
export function documentRow(doc: { id: string; filename: string; size: number }) {
  return { id: doc.id, filename: doc.filename, size: sizeLabel(doc.size) };
}

/** The items as table rows, in a language, with times in the event's zone. */
export function agendaRows(event: EventRecord, items: readonly AgendaItemView[], locale: Locale, warnings?: AgendaWarnings) {
  return items.map((item, index) => ({
    id: item.id,
    order: item.order,
    time: formatSlot(item.startsAt, item.endsAt, event.timezone, event.startsAt),
    startsAtIso: item.startsAt.toISOString(),
    durationMinutes: item.durationMinutes,
    timeOverridden: item.timeOverridden,
    type: item.type,
    title: pickTitle(item.title, locale),
    otherTitle: locale === 'zh' ? item.title.en : item.title.en ? item.title.zh : '',
    speakers: item.speakers.map(speakerLine),
    description: item.description,
    documents: item.documents.map(documentRow),
    warnings: warnings?.items.get(item.id) ?? [],
    first: index === 0,
    last: index === items.length - 1,
  }));
}

/** The event as the agenda pages head it. */
export function eventHeading(event: EventRecord, locale: Locale) {
  return {
    id: String(event._id),
    title: eventTitle(event, locale),
    when: formatRange(event.startsAt, event.endsAt, event.timezone, locale),
    endsAt: DateTime.fromJSDate(event.endsAt, { zone: event.timezone }).toFormat('HH:mm'),
    timezone: event.timezone,
    status: event.status,
  };
}

/** The changes in words. */
export function changeLines(changes: readonly AgendaChange[], event: EventRecord, locale: Locale): string[] {
  return changes.map((change) => describeChange(change, locale, event.timezone));
}

/** The version history, latest first. */
export function versionRows(versions: readonly AgendaVersionDoc[], event: EventRecord, locale: Locale) {
  return versions.map((v) => ({
    version: v.version,
    publishedAt: formatDateTime(v.publishedAt, event.timezone, locale),
    publishedBy: v.publishedBy?.email ?? '',
    changes: changeLines(changesOf(v), event, locale),
    notifiedAt: v.notifiedAt ? formatDateTime(v.notifiedAt, event.timezone, locale) : '',
    notifiedCount: v.notifiedCount ?? 0,
  }));
}

/** The agenda's own documents as listed. */
export function agendaDocumentRows(documents: readonly StoredDocumentRef[]) {
  return documents.map((doc) => documentRow({ id: String(doc._id), filename: doc.filename, size: doc.size }));
}
