import { listAgendaItems, type AgendaItemView } from '../agenda/index.js';
import { listDepartments } from '../institutions/index.js';
import { logger } from '../logger.js';
import { attendanceOf } from './attendance.service.js';
import { findPublishedMinutes, listPublishedMinutesUpTo } from './minutes.store.js';
import type { LocalisedName, PublishedItem, PublishedMinutes } from './published.types.js';
import { revisionsAt, type ItemRevision } from './revisions.service.js';
import { readMinutesState, type Approval } from './state.service.js';

/** Called after a version of the minutes is published. */
export type MinutesPublishedListener = (eventId: string, version: number) => Promise<void>;

const listeners: MinutesPublishedListener[] = [];

/** Register a listener for publications (the records component may use it). */
export function onMinutesPublished(listener: MinutesPublishedListener): void {
  listeners.push(listener);
}

/** Run the listeners one after the other; the minutes are published whatever they do, so failures are only logged. */
export async function firePublished(eventId: string, version: number): Promise<void> {
  for (const listener of listeners) {
    await listener(eventId, version).catch((error: unknown) => logger.error({ err: error, eventId, version }, 'A minutes-published listener failed'));
  }
}

/** A speaker as minutes print them: organisation, title, name. */
export function speakerLine(speaker: { name: string; title: string; organisation: string }): string {
  return [speaker.organisation, speaker.title, speaker.name].filter(Boolean).join(' ');
}

/** Department id → bilingual name (archived ones too: old action items keep their owner). */
export async function departmentNames(): Promise<Map<string, LocalisedName>> {
  const departments = await listDepartments({ includeArchived: true });
  return new Map(departments.map((d) => [String(d._id), { zh: d.nameZh, en: d.nameEn || d.nameZh }]));
}

/** One agenda item with its revision, as published. */
export function publishedItem(item: AgendaItemView, rev: ItemRevision, names: Map<string, LocalisedName>): PublishedItem {
  return {
    agendaItemId: item.id, order: item.order, title: item.title, startsAt: item.startsAt, speakers: item.speakers.map(speakerLine),
    notes: rev.notes, keyPoints: rev.keyPoints, decisions: rev.decisions,
    actions: rev.actions.map((a) => ({ text: a.text, departmentId: a.departmentId, departmentName: a.departmentId ? (names.get(a.departmentId) ?? null) : null, dueDate: a.dueDate })),
  };
}

/** The frozen minutes of a version: the approved revision of each agenda item that was approved, and who was present. */
export async function buildSnapshot(eventId: string, version: number, approval: Approval): Promise<PublishedMinutes> {
  const [agenda, revisions, attendance, names] = await Promise.all([listAgendaItems(eventId), revisionsAt(eventId, approval.revisions), attendanceOf(eventId), departmentNames()]);
  const items = agenda.filter((item) => item.id in approval.revisions).map((item) => publishedItem(item, revisions.get(item.id)!, names));
  return { eventId, version, publishedAt: new Date(), approvedBy: approval.by.name || approval.by.email, attendance, items };
}

/** A published version (the latest unless `version` is given), exactly as published; null if none. */
export async function getPublishedMinutes(eventId: string, version?: number): Promise<PublishedMinutes | null> {
  const wanted = version ?? (await readMinutesState(eventId)).publishedVersion;
  if (!Number.isInteger(wanted) || wanted < 1) return null;
  return findPublishedMinutes(eventId, wanted);
}

/** A published version in the list of versions. */
export interface PublishedVersionSummary {
  version: number;
  publishedAt: Date;
  approvedBy: string;
}

/** Every published version, newest first. */
export async function listPublishedVersions(eventId: string, publishedVersion?: number): Promise<PublishedVersionSummary[]> {
  const latest = publishedVersion ?? (await readMinutesState(eventId)).publishedVersion;
  const published = await listPublishedMinutesUpTo(eventId, latest);
  return published.map((minutes) => ({ version: minutes.version, publishedAt: minutes.publishedAt, approvedBy: minutes.approvedBy }));
}
