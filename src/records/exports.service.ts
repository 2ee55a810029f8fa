import { renderMarkdown } from '../web/markdown.js';
import { NotFoundError } from '../web/errors.js';
import { buildMinutesDocument, type DocumentLocale, type MinutesDocument, type MinutesDocumentItem } from './minutes-document.js';
import { getEvent, getPublishedMinutes, type EventRecord, type PublishedMinutes } from './neighbours.js';

/** Published minutes with the words of one language, ready for any export. */
export interface LoadedMinutes {
  event: EventRecord;
  minutes: PublishedMinutes;
  doc: MinutesDocument;
}

/** A `?version=` value: a positive whole number, or undefined for the latest; anything else names no version. */
export function parseVersion(value: unknown): number | undefined | null {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,5}$/.test(value)) return null;
  return Number(value);
}

/** The published minutes of an event (latest, or a version) worded in a language; 404 with a clear message when there are none. */
export async function loadMinutesDocument(eventId: string, version: number | undefined | null, locale: DocumentLocale): Promise<LoadedMinutes> {
  if (version === null) throw new NotFoundError('records.export.noSuchVersion');
  const event = await getEvent(eventId);
  const minutes = await getPublishedMinutes(eventId, version);
  if (!minutes) throw new NotFoundError(version === undefined ? 'records.export.notPublished' : 'records.export.noSuchVersion');
  return { event, minutes, doc: buildMinutesDocument(event, minutes, locale) };
}

/** A document item with its notes rendered as safe HTML (renderMarkdown: no raw HTML, no script links). */
export type MinutesPageItem = MinutesDocumentItem & { notesHtml: string };

/** The document with each item's notes rendered for the printable page and the PDF. */
export function withNotesHtml(doc: MinutesDocument): MinutesDocument & { items: MinutesPageItem[] } {
  return { ...doc, items: doc.items.map((item) => ({ ...item, notesHtml: renderMarkdown(item.notes) })) };
}

/** The download's file name: the title, the version and the language. */
export function minutesFileName(doc: MinutesDocument, version: number, extension: 'docx' | 'pdf'): string {
  const safe = doc.title.replace(/[\\/:*?"<>|\r\n]+/g, ' ').trim();
  return `${safe} v${version} ${doc.locale}.${extension}`;
}
