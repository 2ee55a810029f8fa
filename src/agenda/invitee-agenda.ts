import type { EventRecord } from '../events/index.js';
import type { InviteeAgenda } from '../invitations/index.js';
import { NotFoundError } from '../web/errors.js';
import type { Locale } from '../web/i18n.js';
import { formatSlot, pickTitle, speakerLine, type FrozenDocument } from './agenda-changes.js';
import { findAgendaDocument, type AgendaDocumentDoc } from './agenda-document.store.js';
import { findPublishedCopy, type PublishedCopy } from './agenda.store.js';

// What invited institutions see of an agenda: only the published version, the copy kept on the agenda.

const asLinks = (docs: readonly FrozenDocument[] | undefined) => (docs ?? []).map((doc) => ({ id: doc.documentId, filename: doc.filename }));

/** A published version in an invitee's language (titles: zh for zh, else English when given), times in the event's zone. */
export function toInviteeAgenda(published: Omit<PublishedCopy, 'publishedAt'>, event: Pick<EventRecord, 'timezone' | 'startsAt'>, locale: Locale): InviteeAgenda {
  return {
    version: published.version,
    items: published.items.map((item) => ({
      time: formatSlot(item.startsAt, item.endsAt, event.timezone, event.startsAt),
      title: pickTitle({ zh: item.titleZh, en: item.titleEn }, locale),
      speakers: (item.speakers ?? []).map(speakerLine).join('; '),
      documents: asLinks(item.documents),
    })),
    documents: asLinks(published.documents),
  };
}

/** The latest published agenda for an invitee (the provider the invitations component asks), or null. */
export async function inviteeAgenda(event: Pick<EventRecord, '_id' | 'timezone' | 'startsAt'>, locale: Locale): Promise<InviteeAgenda | null> {
  const published = await findPublishedCopy(String(event._id));
  return published ? toInviteeAgenda(published, event, locale) : null;
}

/** A document of the latest published version, for an invitee; 404 for anything else (a working copy's, another event's). */
export async function findPublishedDocument(eventId: string, documentId: string): Promise<AgendaDocumentDoc> {
  const published = await findPublishedCopy(eventId);
  const listed = [...(published?.documents ?? []), ...(published?.items ?? []).flatMap((item) => item.documents ?? [])].some((doc) => doc.documentId === documentId);
  const doc = listed ? await findAgendaDocument(documentId) : null;
  if (!doc || String(doc.eventId) !== eventId) throw new NotFoundError();
  return doc;
}
