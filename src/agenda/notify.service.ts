import { randomUUID } from 'node:crypto';
import { getConfig } from '../config.js';
import { claimOnce } from '../db/index.js';
import { eventTitle, getEvent, type Actor, type EventRecord } from '../events/index.js';
import { eventInvitations, invitationCalendar, rsvpUrlFor, type InvitationDoc } from '../invitations/index.js';
import { logger } from '../logger.js';
import { enqueueMessages, renderEmail, type OutgoingMessage } from '../mail/index.js';
import { formatRange } from '../web/dates.js';
import { ConflictError } from '../web/errors.js';
import { isLocale, translate, type Locale } from '../web/i18n.js';
import { describeChange } from './agenda-changes.js';
import { markVersionNotified, releaseVersionNotified, setVersionNotifiedCount, type AgendaVersionDoc } from './agenda-version.store.js';
import { readAgenda } from './agenda.store.js';
import { toInviteeAgenda } from './invitee-agenda.js';
import { changesOf, frozenOf, getAgendaVersion } from './publish.service.js';

/** The template of the update email. */
const TEMPLATE = 'agenda/emails/agenda-update';
/** Messages rendered and queued at a time. */
const CHUNK = 50;

/** Whether the event's time differs from when the version before was published (then the email carries a calendar update). */
function eventTimeChanged(current: AgendaVersionDoc, previous: AgendaVersionDoc | null): boolean {
  if (!previous) return false;
  return previous.eventStartsAt.getTime() !== current.eventStartsAt.getTime() || previous.eventEndsAt.getTime() !== current.eventEndsAt.getTime();
}

/** What every invitee of one language reads (rendered once per language). */
function localeModel(event: EventRecord, version: AgendaVersionDoc, locale: Locale) {
  const title = eventTitle(event, locale);
  const venue = event.venue;
  return {
    subject: translate(locale, version.version === 1 ? 'agenda.email.subjectFirst' : 'agenda.email.subject', { title: title.replace(/\s+/g, ' ') }),
    title,
    when: formatRange(event.startsAt, event.endsAt, event.timezone, locale),
    venue: [[venue?.name, venue?.room].filter(Boolean).join(', '), venue?.address ?? ''].filter(Boolean),
    version: version.version,
    changes: changesOf(version).map((change) => describeChange(change, locale, event.timezone)),
    agenda: toInviteeAgenda({ version: version.version, ...frozenOf(version) }, event, locale),
  };
}

async function composeUpdate(event: EventRecord, version: AgendaVersionDoc, invitation: InvitationDoc, calendar: boolean, batchId: string): Promise<OutgoingMessage> {
  const locale: Locale = isLocale(invitation.locale) ? invitation.locale : 'zh';
  const addressee = { name: invitation.recipient?.name ?? '', email: invitation.recipient?.email ?? '' };
  const model = localeModel(event, version, locale);
  const rendered = await renderEmail(TEMPLATE, locale, model.subject, { ...model, recipientName: addressee.name, rsvpUrl: await rsvpUrlFor(invitation), calendar });
  return {
    kind: 'agenda-update', template: TEMPLATE, locale, to: [addressee], cc: (invitation.cc ?? []).map((email) => ({ email })), ...rendered,
    calendar: calendar ? { method: 'REQUEST', content: invitationCalendar({ method: 'REQUEST', event, invitation, addressee, locale }) } : undefined,
    eventId: String(event._id), invitationId: String(invitation._id), batchId,
  };
}

/** The outcome of sending an update: how many were queued, and whether they carry a calendar update. */
export interface AgendaUpdateOutcome {
  version: number;
  queued: number;
  batchId: string | null;
  calendar: boolean;
}

/**
 * Email the latest published version to every invitee who has not declined, each in their language, listing
 * the changes; with a calendar update (the event's UID and current SEQUENCE) only when the event's time
 * changed since the version before. Once per version: the version's stamp is the claim.
 */
export async function sendAgendaUpdate(eventId: string, by: Actor): Promise<AgendaUpdateOutcome> {
  const event = await getEvent(eventId);
  if (event.status !== 'scheduled') throw new ConflictError('agenda.notify.notScheduled');
  const { publishedVersion } = await readAgenda(eventId);
  if (!publishedVersion) throw new ConflictError('agenda.notify.notPublished');
  const current = await getAgendaVersion(eventId, publishedVersion);
  const previous = publishedVersion > 1 ? await getAgendaVersion(eventId, publishedVersion - 1) : null;
  const calendar = eventTimeChanged(current, previous);
  const recipients = (await eventInvitations(eventId)).filter((inv) => inv.status !== 'declined' && inv.recipient?.email);
  if (recipients.length === 0) return { version: publishedVersion, queued: 0, batchId: null, calendar };
  // Claimed by inserting a unique key (docs/database.md rule 1), never by a conditional update; a failed send moves to the next key.
  if (current.notifiedAt || !(await claimOnce(`agenda-notify:${current._id}:${current.notifyAttempts ?? 0}`, by.email))) throw new ConflictError('agenda.alreadyNotified');
  await markVersionNotified(current._id, by.email);
  const batchId = randomUUID();
  try {
    for (let start = 0; start < recipients.length; start += CHUNK) {
      const messages = await Promise.all(recipients.slice(start, start + CHUNK).map((inv) => composeUpdate(event, current, inv, calendar, batchId)));
      await enqueueMessages(messages, getConfig().mail.from);
    }
  } catch (error) {
    // Nothing (or only part) was queued: let the organiser try again.
    await releaseVersionNotified(current._id);
    throw error;
  }
  await setVersionNotifiedCount(current._id, recipients.length);
  logger.info({ by: by.id, eventId, batchId }, 'Agenda version %d sent by %s to %d invitees', publishedVersion, by.email, recipients.length);
  return { version: publishedVersion, queued: recipients.length, batchId, calendar };
}
