import mongoose from 'mongoose';
import { getEvent } from '../events/index.js';
import { Agenda, type AgendaItemDoc, type AgendaItemType } from './agenda.model.js';

/** A speaker of an agenda item. */
export interface Speaker {
  name: string;
  title: string;
  organisation: string;
}

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

/** What the organiser enters for one item; `id` keeps an existing item's identity. */
export interface AgendaItemInput {
  id?: string;
  type: AgendaItemType;
  titleZh: string;
  titleEn: string;
  durationMinutes: number;
  startsAtOverride: Date | null;
  speakers: Speaker[];
  description: string;
}

/** Work out each item's times: the first starts with the event, each next one when the one before ends, unless overridden. */
export function scheduleItems(eventStartsAt: Date, items: readonly AgendaItemDoc[]): AgendaItemView[] {
  let cursor = eventStartsAt.getTime();
  return items.map((item, index) => {
    const start = item.startsAtOverride ? item.startsAtOverride.getTime() : cursor;
    const end = start + item.durationMinutes * 60_000;
    cursor = end;
    return {
      id: String(item._id),
      order: index + 1,
      type: item.type as AgendaItemType,
      title: { zh: item.titleZh, en: item.titleEn },
      startsAt: new Date(start),
      endsAt: new Date(end),
      durationMinutes: item.durationMinutes,
      timeOverridden: Boolean(item.startsAtOverride),
      speakers: item.speakers.map((speaker) => ({ name: speaker.name, title: speaker.title, organisation: speaker.organisation })),
      description: item.description,
      documents: item.documents.map((doc) => ({ id: String(doc._id), filename: doc.filename, contentType: doc.contentType, size: doc.size })),
    };
  });
}

/** The event's working agenda, in order, with times (empty when none has been written). */
export async function listAgendaItems(eventId: string): Promise<AgendaItemView[]> {
  const [event, agenda] = await Promise.all([getEvent(eventId), Agenda.findById(eventId).lean()]);
  return scheduleItems(event.startsAt, (agenda?.items ?? []) as AgendaItemDoc[]);
}

/** Replace the working agenda with these items (kept documents stay with their item). */
export async function saveAgendaItems(eventId: string, inputs: readonly AgendaItemInput[]): Promise<AgendaItemView[]> {
  await getEvent(eventId);
  const existing = await Agenda.findById(eventId).lean();
  const documentsOf = new Map((existing?.items ?? []).map((item) => [String(item._id), item.documents]));
  const items = inputs.map(({ id, ...input }) => ({
    _id: id ? new mongoose.Types.ObjectId(id) : new mongoose.Types.ObjectId(),
    ...input,
    documents: (id && documentsOf.get(id)) || [],
  }));
  await Agenda.updateOne({ _id: eventId }, { $set: { items }, $inc: { revision: 1 } }, { upsert: true });
  return listAgendaItems(eventId);
}
