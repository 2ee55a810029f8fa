import { DateTime } from 'luxon';
import { translate, type Locale } from '../web/i18n.js';
import type { AgendaItemType } from './agenda.model.js';
import type { Speaker, StoredDocumentRef } from './agenda.store.js';
import type { AgendaChangeKind } from './agenda-version.model.js';
import type { AgendaItemView } from './agenda.service.js';

// Frozen versions of an agenda, what changed between two of them, and those changes in words.

/** A document as a published version lists it. */
export interface FrozenDocument {
  documentId: string;
  filename: string;
  contentType: string;
  size: number;
}

/** An item as published: its times worked out and kept. */
export interface FrozenItem {
  itemId: string;
  order: number;
  type: AgendaItemType;
  titleZh: string;
  titleEn: string;
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
  timeOverridden: boolean;
  speakers: Speaker[];
  description: string;
  documents: FrozenDocument[];
}

/** The content of a published version. */
export interface FrozenAgenda {
  items: FrozenItem[];
  documents: FrozenDocument[];
}

/** One side of a change; only what the kind needs is set. */
export interface ChangeSide {
  order?: number;
  startsAt?: Date;
  endsAt?: Date;
  titleZh?: string;
  titleEn?: string;
  speakers?: string[];
  filename?: string;
}

/** One change between two versions, about an item (or, with itemId '', a document of the agenda as a whole). */
export interface AgendaChange {
  kind: AgendaChangeKind;
  itemId: string;
  titleZh: string;
  titleEn: string;
  before: ChangeSide | null;
  after: ChangeSide | null;
}

const frozenDocument = (doc: { id: string; filename: string; contentType: string; size: number }): FrozenDocument => ({
  documentId: doc.id, filename: doc.filename, contentType: doc.contentType, size: doc.size,
});

/** Freeze the working agenda (items with their times, and the agenda's own documents). */
export function freezeAgenda(items: readonly AgendaItemView[], documents: readonly StoredDocumentRef[]): FrozenAgenda {
  return {
    items: items.map((item) => ({
      itemId: item.id, order: item.order, type: item.type, titleZh: item.title.zh, titleEn: item.title.en,
      startsAt: item.startsAt, endsAt: item.endsAt, durationMinutes: item.durationMinutes, timeOverridden: item.timeOverridden,
      speakers: item.speakers, description: item.description, documents: item.documents.map(frozenDocument),
    })),
    documents: documents.map((doc) => frozenDocument({ id: String(doc._id), filename: doc.filename, contentType: doc.contentType, size: doc.size })),
  };
}

/** A frozen item as other components see items. */
export function thawItem(item: FrozenItem): AgendaItemView {
  return {
    id: item.itemId, order: item.order, type: item.type, title: { zh: item.titleZh, en: item.titleEn ?? '' },
    startsAt: item.startsAt, endsAt: item.endsAt, durationMinutes: item.durationMinutes, timeOverridden: Boolean(item.timeOverridden),
    speakers: (item.speakers ?? []).map((s) => ({ name: s.name, title: s.title ?? '', organisation: s.organisation ?? '' })),
    description: item.description ?? '',
    documents: (item.documents ?? []).map((doc) => ({ id: doc.documentId, filename: doc.filename, contentType: doc.contentType, size: doc.size })),
  };
}

/** A speaker on one line: name (title, organisation). */
export function speakerLine(speaker: Speaker): string {
  const about = [speaker.title, speaker.organisation].filter(Boolean).join(', ');
  return about ? `${speaker.name} (${about})` : speaker.name;
}

/** The ids kept in place between two orders (a longest common subsequence; on a tie the item that went up is the one moved). */
function keptInPlace(before: readonly string[], after: readonly string[]): Set<string> {
  const lengths = before.map(() => new Array<number>(after.length + 1).fill(0));
  lengths.push(new Array<number>(after.length + 1).fill(0));
  for (let i = before.length - 1; i >= 0; i -= 1) {
    for (let j = after.length - 1; j >= 0; j -= 1) {
      lengths[i]![j] = before[i] === after[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < before.length && j < after.length; ) {
    if (before[i] === after[j]) {
      kept.add(before[i]!);
      i += 1;
      j += 1;
    } else if (lengths[i + 1]![j]! > lengths[i]![j + 1]!) i += 1;
    else j += 1;
  }
  return kept;
}

const change = (kind: AgendaChangeKind, item: { itemId: string; titleZh: string; titleEn: string }, before: ChangeSide | null, after: ChangeSide | null): AgendaChange => ({
  kind, itemId: item.itemId, titleZh: item.titleZh, titleEn: item.titleEn ?? '', before, after,
});
const timeOf = (item: FrozenItem): ChangeSide => ({ order: item.order, startsAt: item.startsAt, endsAt: item.endsAt });
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function documentChanges(owner: { itemId: string; titleZh: string; titleEn: string }, before: readonly FrozenDocument[], after: readonly FrozenDocument[]): AgendaChange[] {
  const beforeIds = new Set(before.map((d) => d.documentId));
  const afterIds = new Set(after.map((d) => d.documentId));
  return [
    ...after.filter((d) => !beforeIds.has(d.documentId)).map((d) => change('documentAdded', owner, null, { filename: d.filename })),
    ...before.filter((d) => !afterIds.has(d.documentId)).map((d) => change('documentRemoved', owner, { filename: d.filename }, null)),
  ];
}

/** What changed in one item kept from one version to the next. */
function itemChanges(b: FrozenItem, a: FrozenItem, moved: boolean): AgendaChange[] {
  const changes: AgendaChange[] = [];
  if (moved) changes.push(change('moved', a, { order: b.order }, { order: a.order }));
  if (b.titleZh !== a.titleZh || (b.titleEn ?? '') !== (a.titleEn ?? '')) changes.push(change('retitled', a, { titleZh: b.titleZh, titleEn: b.titleEn }, { titleZh: a.titleZh, titleEn: a.titleEn }));
  if (b.startsAt.getTime() !== a.startsAt.getTime() || b.endsAt.getTime() !== a.endsAt.getTime()) changes.push(change('retimed', a, timeOf(b), timeOf(a)));
  const speakers = (item: FrozenItem) => (item.speakers ?? []).map(speakerLine);
  if (!same(speakers(b), speakers(a))) changes.push(change('speakers', a, { speakers: speakers(b) }, { speakers: speakers(a) }));
  if (b.type !== a.type || (b.description ?? '') !== (a.description ?? '')) changes.push(change('details', a, null, null));
  return [...changes, ...documentChanges(a, b.documents ?? [], a.documents ?? [])];
}

/** Every change from one version to the next: removed items, then the new order's items, then the agenda's documents. */
export function diffAgendas(before: FrozenAgenda, after: FrozenAgenda): AgendaChange[] {
  const afterIds = new Set(after.items.map((item) => item.itemId));
  const beforeById = new Map(before.items.map((item) => [item.itemId, item]));
  const common = (items: FrozenItem[]) => items.map((item) => item.itemId).filter((id) => afterIds.has(id) && beforeById.has(id));
  const kept = keptInPlace(common(before.items), common(after.items));
  const removed = before.items.filter((item) => !afterIds.has(item.itemId)).map((item) => change('removed', item, timeOf(item), null));
  const changed = after.items.flatMap((item) => {
    const previous = beforeById.get(item.itemId);
    return previous ? itemChanges(previous, item, !kept.has(item.itemId)) : [change('added', item, null, timeOf(item))];
  });
  return [...removed, ...changed, ...documentChanges({ itemId: '', titleZh: '', titleEn: '' }, before.documents, after.documents)];
}

/** A title in a reader's language: Chinese for zh, else English when there is one, else Chinese. */
export function pickTitle(title: { zh: string; en?: string | null }, locale: Locale): string {
  return locale === 'zh' ? title.zh : title.en || title.zh;
}

/** An item's time slot in the event's zone, 24-hour ("09:30–10:00"), with its date when not on `firstDay`. */
export function formatSlot(startsAt: Date, endsAt: Date, zone: string, firstDay?: Date): string {
  const start = DateTime.fromJSDate(startsAt, { zone });
  const day = firstDay && !start.hasSame(DateTime.fromJSDate(firstDay, { zone }), 'day') ? `${start.toFormat('yyyy-LL-dd')} ` : '';
  return `${day}${start.toFormat('HH:mm')}–${DateTime.fromJSDate(endsAt, { zone }).toFormat('HH:mm')}`;
}

/** One change in words, in a language; times in the event's zone. */
export function describeChange(c: AgendaChange, locale: Locale, zone: string): string {
  const t = (key: string, params: Record<string, string | number> = {}) => translate(locale, `agenda.change.${key}`, params);
  const title = pickTitle({ zh: c.titleZh, en: c.titleEn }, locale);
  const slot = (side: ChangeSide | null) => (side?.startsAt && side.endsAt ? formatSlot(side.startsAt, side.endsAt, zone) : '');
  const people = (side: ChangeSide | null) => (side?.speakers?.length ? side.speakers.join('; ') : t('nobody'));
  switch (c.kind) {
    case 'added': return t('added', { title, time: slot(c.after) });
    case 'removed': return t('removed', { title });
    case 'moved': return t('moved', { title, from: c.before?.order ?? '', to: c.after?.order ?? '' });
    case 'retimed': return t('retimed', { title, before: slot(c.before), after: slot(c.after) });
    case 'retitled':
      return t('retitled', { before: pickTitle({ zh: c.before?.titleZh ?? '', en: c.before?.titleEn }, locale), after: pickTitle({ zh: c.after?.titleZh ?? '', en: c.after?.titleEn }, locale) });
    case 'speakers': return t('speakers', { title, before: people(c.before), after: people(c.after) });
    case 'details': return t('details', { title });
    case 'documentAdded': return c.itemId ? t('documentAddedTo', { title, filename: c.after?.filename ?? '' }) : t('documentAdded', { filename: c.after?.filename ?? '' });
    case 'documentRemoved': return c.itemId ? t('documentRemovedFrom', { title, filename: c.before?.filename ?? '' }) : t('documentRemoved', { filename: c.before?.filename ?? '' });
  }
}
