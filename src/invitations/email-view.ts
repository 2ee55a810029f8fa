import { formatDateTime, formatRange } from '../web/dates.js';
import type { Locale } from '../web/i18n.js';
import { inviteeAgendaOf, type InviteeAgenda } from './agenda-provider.js';
import { storedDelegates } from './answer.js';
import type { InvitationDoc, RsvpStatus } from './invitation.model.js';
import { descriptionOf, titleOf, type EventView } from './neighbours.js';

// What the email templates (src/invitations/emails) show, as plain data in the recipient's language.

/** The event's facts as an email shows them. */
export interface EmailFacts {
  title: string;
  when: string;
  timezone: string;
  /** Empty when the message is not asking for a reply. */
  deadline: string;
  venueLines: string[];
  mapUrl: string;
  contact: { name: string; email: string; phone: string };
  description: string;
}

/** One line of an update: what changed, from what, to what. */
export interface FactChange {
  /** Message key of the fact's label. */
  label: string;
  before: string;
  after: string;
}

/** A title on one line (subjects and calendar summaries must not break). */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const isHttpUrl = (value: string) => /^https?:\/\/\S+$/i.test(value);

/** The venue as lines: name and room, then the address. */
export function venueLines(venue: { name?: string | null; room?: string | null; address?: string | null } | null | undefined): string[] {
  const first = [venue?.name, venue?.room].filter(Boolean).join(', ');
  return [first, venue?.address ?? ''].filter(Boolean);
}

/** The venue on one line, as a calendar's LOCATION. */
export function locationOf(event: Pick<EventView, 'venue'>): string {
  return venueLines(event.venue).join(', ');
}

/** The event's facts in a language, times in the event's zone; `withDeadline` for messages that ask for a reply. */
export function factsFor(event: EventView, locale: Locale, withDeadline: boolean): EmailFacts {
  const contact = event.organiserContact;
  return {
    title: titleOf(event, locale),
    when: formatRange(event.startsAt, event.endsAt, event.timezone, locale),
    timezone: event.timezone,
    deadline: withDeadline && event.rsvpDeadline ? formatDateTime(event.rsvpDeadline, event.timezone, locale) : '',
    venueLines: venueLines(event.venue),
    mapUrl: isHttpUrl(event.venue?.mapUrl ?? '') ? event.venue!.mapUrl! : '',
    contact: { name: contact?.name ?? '', email: contact?.email ?? '', phone: contact?.phone ?? '' },
    description: descriptionOf(event, locale),
  };
}

/** A delegate as an email lists them; `code` and `cid` only where a check-in code is shown. */
export interface EmailDelegate {
  name: string;
  title: string;
  substituteFor: string;
  code: string;
  cid: string;
}

/** The answer as an email shows it; check-in codes only for an accepted answer (as on the RSVP page). */
export function answerFor(invitation: Pick<InvitationDoc, 'status' | 'delegates' | 'needs' | 'comment'>) {
  const accepted = invitation.status === 'accepted';
  const delegates: EmailDelegate[] = storedDelegates(invitation).map((d) => ({
    name: d.name,
    title: d.title,
    substituteFor: d.substituteFor,
    code: accepted ? d.checkInCode : '',
    cid: accepted ? `checkin-${d.checkInCode}@convene` : '',
  }));
  return {
    status: invitation.status as RsvpStatus,
    delegates,
    needs: { dietary: invitation.needs?.dietary ?? '', accessibility: invitation.needs?.accessibility ?? '' },
    comment: invitation.comment ?? '',
  };
}

/** The event's time and place as invitees were last told, to list what an update changes. */
export interface AnnouncedFacts {
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  venue: { name?: string | null; room?: string | null; address?: string | null };
}

/**
 * What changed between what invitees were told and the event now, in a language. Without a record of
 * what they were told, the changed facts are listed with their new value only.
 */
export function changesFor(event: EventView, announced: AnnouncedFacts | undefined, changed: readonly string[], locale: Locale): FactChange[] {
  const when = (e: AnnouncedFacts) => formatRange(e.startsAt, e.endsAt, e.timezone, locale);
  const where = (e: Pick<AnnouncedFacts, 'venue'>) => venueLines(e.venue).join(', ');
  const timeMoved = announced
    ? when(announced) !== when(event)
    : changed.some((name) => name === 'startsAt' || name === 'endsAt' || name === 'timezone');
  const venueMoved = announced ? where(announced) !== where(event) : changed.includes('venue');
  const changes: FactChange[] = [];
  if (timeMoved) changes.push({ label: 'rsvp.when', before: announced ? when(announced) : '', after: when(event) });
  if (venueMoved) changes.push({ label: 'rsvp.where', before: announced ? where(announced) : '', after: where(event) });
  return changes;
}

/** The agenda an invitation lists: the published version, from the agenda component's provider (empty when none). */
export async function agendaFor(event: EventView, locale: Locale): Promise<InviteeAgenda['items']> {
  return (await inviteeAgendaOf(event, locale))?.items ?? [];
}
