import mongoose from 'mongoose';
import { getEvent, type Actor } from '../events/index.js';
import { logger } from '../logger.js';
import { ConflictError, NotFoundError, ValidationError } from '../web/errors.js';
import { holdsSent } from '../web/submission.js';
import type { AgendaItemDoc, AgendaItemType } from './agenda.model.js';
import { changeAgenda, readAgenda, type Speaker, type StoredItem } from './agenda.store.js';
import { pruneDocuments } from './documents.service.js';

export type { Speaker } from './agenda.store.js';

/** An agenda item as other components see it, with its times worked out. */
export interface AgendaItemView {
  id: string;
  /** 1-based position. */
  order: number;
  type: AgendaItemType;
  title: { zh: string; en: string };
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  /** Whether the start time was set by hand rather than following from the items before. */
  timeOverridden: boolean;
  speakers: Speaker[];
  description: string;
  documents: { id: string; filename: string; contentType: string; size: number }[];
}

/** What the organiser enters for one item (the stored fields but its id and documents); `id` keeps an existing item's identity. */
export type AgendaItemInput = Omit<StoredItem, '_id' | 'documents'> & { id?: string };

/** Work out each item's times: the first starts with the event, each next one when the one before ends, unless overridden. */
export function scheduleItems(eventStartsAt: Date, items: readonly (StoredItem | AgendaItemDoc)[]): AgendaItemView[] {
  let cursor = eventStartsAt.getTime();
  return items.map((item, index) => {
    const start = item.startsAtOverride ? item.startsAtOverride.getTime() : cursor;
    const end = start + item.durationMinutes * 60_000;
    cursor = end;
    return {
      id: String(item._id),
      order: index + 1,
      type: item.type as AgendaItemType,
      title: { zh: item.titleZh, en: item.titleEn ?? '' },
      startsAt: new Date(start),
      endsAt: new Date(end),
      durationMinutes: item.durationMinutes,
      timeOverridden: Boolean(item.startsAtOverride),
      speakers: (item.speakers ?? []).map((speaker) => ({ name: speaker.name, title: speaker.title ?? '', organisation: speaker.organisation ?? '' })),
      description: item.description ?? '',
      documents: (item.documents ?? []).map((doc) => ({ id: String(doc._id), filename: doc.filename, contentType: doc.contentType, size: doc.size })),
    };
  });
}

/** The event's working agenda, in order, with times (empty when none has been written). */
export async function listAgendaItems(eventId: string): Promise<AgendaItemView[]> {
  const [event, agenda] = await Promise.all([getEvent(eventId), readAgenda(eventId)]);
  return scheduleItems(event.startsAt, agenda.items);
}

/** A stored item from input, keeping the documents an existing item already has. */
function toStoredItem({ id, ...input }: AgendaItemInput, existing?: StoredItem): StoredItem {
  return { ...input, _id: existing?._id ?? (id ? new mongoose.Types.ObjectId(id) : new mongoose.Types.ObjectId()), documents: existing?.documents ?? [] };
}

/** The documents of items that a new list of items leaves out. */
function droppedDocuments(before: readonly StoredItem[], after: readonly StoredItem[]): string[] {
  const kept = new Set(after.map((item) => String(item._id)));
  return before.filter((item) => !kept.has(String(item._id))).flatMap((item) => item.documents.map((doc) => String(doc._id)));
}

/** Replace the working agenda with these items (kept documents stay with their item). */
export async function saveAgendaItems(eventId: string, inputs: readonly AgendaItemInput[]): Promise<AgendaItemView[]> {
  await getEvent(eventId);
  const dropped = await changeAgenda(eventId, (state) => {
    const byId = new Map(state.items.map((item) => [String(item._id), item]));
    const items = inputs.map((input) => toStoredItem(input, input.id ? byId.get(input.id) : undefined));
    return { items, result: droppedDocuments(state.items, items) };
  });
  await pruneDocuments(eventId, dropped);
  return listAgendaItems(eventId);
}

/** Like saveAgendaItems, but every `id` must name an item of this agenda, once (the API): 422 `items.N.id` otherwise. */
export async function replaceAgendaItems(eventId: string, inputs: readonly AgendaItemInput[], by: Actor, expectedRevision?: number): Promise<void> {
  await getEvent(eventId);
  const dropped = await changeAgenda(eventId, (state) => {
    if (expectedRevision !== undefined && expectedRevision !== state.revision) throw new ConflictError('agenda.staleRevision');
    const byId = new Map(state.items.map((item) => [String(item._id), item]));
    const seen = new Set<string>();
    const errors: Record<string, string> = {};
    inputs.forEach((input, index) => {
      if (!input.id) return;
      if (!byId.has(input.id)) errors[`items.${index}.id`] = 'agenda.unknownItem';
      else if (seen.has(input.id)) errors[`items.${index}.id`] = 'agenda.duplicateItem';
      seen.add(input.id);
    });
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const items = inputs.map((input) => toStoredItem(input, input.id ? byId.get(input.id) : undefined));
    return { items, result: droppedDocuments(state.items, items) };
  });
  await pruneDocuments(eventId, dropped);
  logger.info({ by: by.id, eventId }, 'Agenda replaced by %s: %d items', by.email, inputs.length);
}

/**
 * Add an item at the end of the working agenda; returns its id. With the form's submission id
 * (src/web/submission.ts) the item takes it, so the same form sent again adds nothing; a form changed
 * before it is sent again adds a new item.
 */
export async function addAgendaItem(eventId: string, input: AgendaItemInput, by: Actor, submissionId?: string): Promise<string> {
  const added = await changeAgenda(eventId, (state) => {
    const sent = submissionId ? state.items.find((item) => String(item._id) === submissionId) : undefined;
    if (sent && holdsSent(sent, { ...input, id: undefined })) return { result: { id: String(sent._id), resent: true } };
    const item = toStoredItem({ ...input, id: sent ? undefined : submissionId });
    return { items: [...state.items, item], result: { id: String(item._id), resent: false } };
  });
  if (!added.resent) logger.info({ by: by.id, eventId }, 'Agenda item added by %s: %s', by.email, input.titleZh);
  return added.id;
}

function indexOf(items: readonly StoredItem[], itemId: string): number {
  const index = items.findIndex((item) => String(item._id) === itemId);
  if (index < 0) throw new NotFoundError();
  return index;
}

/** Change one item's fields (its documents and position stay). */
export async function updateAgendaItem(eventId: string, itemId: string, input: AgendaItemInput, by: Actor): Promise<void> {
  await changeAgenda(eventId, (state) => {
    const items = [...state.items];
    const index = indexOf(items, itemId);
    items[index] = toStoredItem({ ...input, id: itemId }, items[index]);
    return { items, result: undefined };
  });
  logger.info({ by: by.id, eventId }, 'Agenda item changed by %s: %s', by.email, input.titleZh);
}

/** Remove one item (and its documents, unless a published version still shows them). */
export async function removeAgendaItem(eventId: string, itemId: string, by: Actor): Promise<void> {
  const removed = await changeAgenda(eventId, (state) => {
    const index = indexOf(state.items, itemId);
    return { items: state.items.filter((_, i) => i !== index), result: state.items[index]! };
  });
  await pruneDocuments(eventId, removed.documents.map((doc) => String(doc._id)));
  logger.info({ by: by.id, eventId }, 'Agenda item removed by %s: %s', by.email, removed.titleZh);
}

/** Move one item a place up or down (the keyboard-accessible reordering); items keep their ids. */
export async function moveAgendaItem(eventId: string, itemId: string, direction: 'up' | 'down', by: Actor): Promise<void> {
  await changeAgenda(eventId, (state) => {
    const items = [...state.items];
    const from = indexOf(items, itemId);
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= items.length) return { result: undefined };
    [items[from], items[to]] = [items[to]!, items[from]!];
    return { items, result: undefined };
  });
  logger.info({ by: by.id, eventId }, 'Agenda item moved %s by %s: %s', direction, by.email, itemId);
}

/** Put the items in this order (drag and drop); the ids must be exactly the agenda's items. */
export async function reorderAgendaItems(eventId: string, itemIds: readonly string[], by: Actor): Promise<void> {
  await changeAgenda(eventId, (state) => {
    const byId = new Map(state.items.map((item) => [String(item._id), item]));
    const complete = itemIds.length === byId.size && new Set(itemIds).size === itemIds.length && itemIds.every((id) => byId.has(id));
    if (!complete) throw new ValidationError({ order: 'agenda.orderStale' });
    return { items: itemIds.map((id) => byId.get(id)!), result: undefined };
  });
  logger.info({ by: by.id, eventId }, 'Agenda reordered by %s', by.email);
}

/** Copy an agenda's items into another event's working agenda (new ids, times following the new start, no documents). */
export async function copyAgenda(fromEventId: string, toEventId: string): Promise<number> {
  const source = await readAgenda(fromEventId);
  if (source.items.length === 0) return 0;
  const items = source.items.map((item) => ({ ...item, _id: new mongoose.Types.ObjectId(), startsAtOverride: null, documents: [] }));
  await changeAgenda(toEventId, () => ({ items, documents: [], result: undefined }));
  return items.length;
}
