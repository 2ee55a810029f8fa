import { getEvent, type Actor, type EventRecord } from '../events/index.js';
import { logger } from '../logger.js';
import { ConflictError, NotFoundError } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import { describeChange, diffAgendas, freezeAgenda, thawItem, type AgendaChange, type FrozenAgenda, type FrozenDocument, type FrozenItem } from './agenda-changes.js';
import { findAgendaVersion, insertAgendaVersion, listAgendaVersionsOfEvent, type AgendaVersionDoc } from './agenda-version.store.js';
import { readAgenda, setPublishedCopy, type AgendaState } from './agenda.store.js';
import { scheduleItems, type AgendaItemView } from './agenda.service.js';

/** A published version as other components see it: frozen, never recomputed. */
export interface PublishedAgenda {
  version: number;
  publishedAt: Date;
  items: AgendaItemView[];
  /** What changed since the version before, in words (Chinese unless another language is asked for). */
  changes: string[];
  /** The same changes as data. */
  changeList: AgendaChange[];
  /** Documents of the agenda as a whole. */
  documents: { id: string; filename: string; contentType: string; size: number }[];
}

/** A stored version's content. */
export function frozenOf(version: Pick<AgendaVersionDoc, 'items' | 'documents'>): FrozenAgenda {
  return { items: version.items as unknown as FrozenItem[], documents: version.documents as unknown as FrozenDocument[] };
}

/** A stored version's changes. */
export function changesOf(version: Pick<AgendaVersionDoc, 'changes'>): AgendaChange[] {
  return (version.changes ?? []) as unknown as AgendaChange[];
}

/** The working copy frozen as it would be published now. */
async function currentAgenda(eventId: string): Promise<{ event: EventRecord; state: AgendaState; frozen: FrozenAgenda }> {
  const [event, state] = await Promise.all([getEvent(eventId), readAgenda(eventId)]);
  return { event, state, frozen: freezeAgenda(scheduleItems(event.startsAt, state.items), state.documents) };
}

/** Version N of an event's agenda, or NotFoundError. */
export async function getAgendaVersion(eventId: string, version: number): Promise<AgendaVersionDoc> {
  const doc = await findAgendaVersion(eventId, version);
  if (!doc) throw new NotFoundError();
  return doc;
}

/** Every published version of an event's agenda, latest first. */
export async function listAgendaVersions(eventId: string): Promise<AgendaVersionDoc[]> {
  return listAgendaVersionsOfEvent(eventId);
}

/** What publishing now would change, compared with the latest version (nothing before the first). */
export async function pendingAgendaChanges(eventId: string): Promise<AgendaChange[]> {
  const { state, frozen } = await currentAgenda(eventId);
  if (state.publishedVersion === 0) return [];
  return diffAgendas(frozenOf(await getAgendaVersion(eventId, state.publishedVersion)), frozen);
}

/** Everything the agenda page shows: the working copy with times, the versions, and what publishing would change. */
export async function agendaOverview(event: EventRecord) {
  const eventId = String(event._id);
  const [state, versions] = await Promise.all([readAgenda(eventId), listAgendaVersions(eventId)]);
  const items = scheduleItems(event.startsAt, state.items);
  const latest = versions[0];
  const pending = latest ? diffAgendas(frozenOf(latest), freezeAgenda(items, state.documents)) : [];
  return { state, items, versions, pending };
}

/** Point the agenda at a version and copy it there, for the RSVP page's single read (never backwards). */
async function copyToAgenda(eventId: string, version: Pick<AgendaVersionDoc, 'version' | 'publishedAt' | 'items' | 'documents'>): Promise<void> {
  await setPublishedCopy(eventId, { version: version.version, publishedAt: version.publishedAt, ...frozenOf(version) });
}

/** The outcome of publishing: the version now published, and whether this call made it. */
export interface PublishOutcome {
  version: number;
  created: boolean;
  changes: AgendaChange[];
}

/**
 * Publish the working agenda as version N+1, frozen, with what changed since N. Nothing changed: nothing
 * new is made. The version's `_id` (`<eventId>:<N+1>`) is its claim: of two organisers publishing at once,
 * one gets a conflict. The version is written first and the agenda's copy last, so a crash in between is
 * repaired by the next attempt.
 */
export async function publishAgenda(eventId: string, by: Actor): Promise<PublishOutcome> {
  const { event, state, frozen } = await currentAgenda(eventId);
  if (frozen.items.length === 0) throw new ConflictError('agenda.emptyAgenda');
  const previous = state.publishedVersion ? await getAgendaVersion(eventId, state.publishedVersion) : null;
  const changes = previous ? diffAgendas(frozenOf(previous), frozen) : [];
  if (previous && changes.length === 0) return { version: previous.version, created: false, changes };
  const version = state.publishedVersion + 1;
  const publishedAt = new Date();
  const record = {
    eventId, version, publishedAt, publishedBy: { id: by.id, email: by.email },
    eventStartsAt: event.startsAt, eventEndsAt: event.endsAt, items: frozen.items, documents: frozen.documents, changes,
  };
  if (!(await insertAgendaVersion(record))) {
    await copyToAgenda(eventId, await getAgendaVersion(eventId, version));
    throw new ConflictError('agenda.publishedMeanwhile');
  }
  await setPublishedCopy(eventId, { version, publishedAt, ...frozen });
  logger.info({ by: by.id, eventId }, 'Agenda version %d published by %s: %d items, %d changes', version, by.email, frozen.items.length, changes.length);
  return { version, created: true, changes };
}

/** A version as other components see it; the changes in words in `locale` (times in the event's zone). */
export function toPublishedAgenda(doc: AgendaVersionDoc, timezone: string, locale: Locale = 'zh'): PublishedAgenda {
  const changeList = changesOf(doc);
  return {
    version: doc.version,
    publishedAt: doc.publishedAt,
    items: frozenOf(doc).items.map(thawItem),
    changes: changeList.map((c) => describeChange(c, locale, timezone)),
    changeList,
    documents: frozenOf(doc).documents.map((d) => ({ id: d.documentId, filename: d.filename, contentType: d.contentType, size: d.size })),
  };
}

/** The latest published version unless `version` is given; null when there is none. */
export async function getPublishedAgenda(eventId: string, version?: number, locale: Locale = 'zh'): Promise<PublishedAgenda | null> {
  const event = await getEvent(eventId);
  const wanted = version ?? (await readAgenda(eventId)).publishedVersion;
  if (!wanted) return null;
  const doc = await findAgendaVersion(eventId, wanted);
  return doc ? toPublishedAgenda(doc, event.timezone, locale) : null;
}
