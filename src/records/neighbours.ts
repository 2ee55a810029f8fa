import { eventTitle, getEvent, listEvents, listEventsByIds, listSeries, seriesName, type EventRecord, type SeriesRecord } from '../events/index.js';
import { getPublishedAgenda, listAgendaItems } from '../agenda/index.js';
import { listCheckIns, listCheckInsOfSeries, type CheckInRecord } from '../checkin/index.js';
import { getInstitutionsByIds } from '../institutions/index.js';
import { eventInvitations, rsvpUrlFor, type InvitationDoc } from '../invitations/index.js';
import { attendedEvent, getPublishedMinutes, onMinutesPublished, type PublishedMinutes } from '../minutes/index.js';
import { listSuggestionSummaries, type SuggestionSummary } from '../suggestions/index.js';
import type { Locale } from '../web/i18n.js';

// Everything this component needs from the others, in one place, through their index.ts.

export type { EventRecord, SeriesRecord, InvitationDoc, CheckInRecord, PublishedMinutes, SuggestionSummary };
export { attendedEvent, getEvent, listEvents, listEventsByIds, listSeries, eventTitle, seriesName, listCheckIns, listCheckInsOfSeries, getPublishedMinutes, onMinutesPublished, listSuggestionSummaries, eventInvitations };

/** A bilingual name as the other components hand it over. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** A name in a language: zh for zh, English (falling back to zh) for the others. */
export function pick(name: Bilingual | null | undefined, locale: Locale): string {
  if (!name) return '';
  return locale === 'zh' ? name.zh || name.en : name.en || name.zh;
}


/** The speakers of the event's agenda (the published one, else the working one), in agenda order, each once. */
export async function agendaSpeakers(eventId: string): Promise<{ name: string; title: string; organisation: string }[]> {
  const items = (await getPublishedAgenda(eventId))?.items ?? (await listAgendaItems(eventId));
  const seen = new Set<string>();
  return items.flatMap((item) => item.speakers).filter((s) => s.name && !seen.has(s.name) && seen.add(s.name));
}

/** Directory names of these institutions, by id (unknown ids are absent). */
export async function institutionNames(ids: readonly string[]): Promise<Map<string, Bilingual>> {
  const found = ids.length ? await getInstitutionsByIds(ids) : [];
  return new Map(found.map((i) => [String(i._id), { zh: i.nameZh, en: i.nameEn ?? '' }]));
}

/** The invitee's live RSVP link (`${PUBLIC_URL}/rsvp/<token>`), derived again as the invitations component does. */
export function inviteeLink(invitation: InvitationDoc): Promise<string> {
  return rsvpUrlFor(invitation);
}
