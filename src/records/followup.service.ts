import { randomUUID } from 'node:crypto';
import { getConfig } from '../config.js';
import { logger } from '../logger.js';
import { enqueueMessages, type OutgoingMessage } from '../mail/index.js';
import { ConflictError } from '../web/errors.js';
import { isLocale, type Locale } from '../web/i18n.js';
import { composeFollowUp, type FollowUpContext } from './followup-email.js';
import { deleteFollowUp, insertFollowUp, listFollowUpsOfEvent } from './followup.store.js';
import {
  eventInvitations, getEvent, getPublishedMinutes, institutionNames, inviteeLink, listCheckIns, listSuggestionSummaries,
  type Bilingual, type InvitationDoc,
} from './neighbours.js';

/** An institution the follow-up can go to, through its invitation (the link to the minutes is its token's). */
export interface FollowUpRecipient {
  invitation: InvitationDoc;
  institutionName: Bilingual;
  addressee: { name: string; email: string };
  locale: Locale;
  attended: boolean;
}

/** A follow-up already sent. */
export interface FollowUpSent {
  sequence: number;
  batchId: string;
  sentAt: Date;
  sentBy: string;
  recipients: number;
  includeAbsent: boolean;
  minutesVersion: number;
}

/** Who a follow-up would go to, and what was sent before. */
export interface FollowUpPlan {
  /** The latest published minutes' version; null while none is published (nothing can be sent). */
  minutesVersion: number | null;
  attending: FollowUpRecipient[];
  absent: FollowUpRecipient[];
  /** Institutions present without an invitation (walk-ins): no link, so no message. */
  uninvited: Bilingual[];
  previous: FollowUpSent[];
}

/** The follow-ups sent for an event, oldest first. */
export async function listFollowUps(eventId: string): Promise<FollowUpSent[]> {
  const docs = await listFollowUpsOfEvent(eventId);
  return docs.map((d) => ({
    sequence: d.sequence,
    batchId: d.batchId,
    sentAt: d.sentAt,
    sentBy: d.sentBy?.name || d.sentBy?.email || '',
    recipients: d.recipients.length,
    includeAbsent: d.includeAbsent,
    minutesVersion: d.minutesVersion,
  }));
}

function recipientOf(invitation: InvitationDoc, names: Map<string, Bilingual>, attended: boolean): FollowUpRecipient {
  const fallback = invitation.recipient?.organisation || invitation.recipient?.name || '';
  return {
    invitation,
    institutionName: names.get(String(invitation.institutionId)) ?? { zh: fallback, en: fallback },
    addressee: { name: invitation.recipient?.name ?? '', email: invitation.recipient?.email ?? '' },
    locale: isLocale(invitation.locale) ? invitation.locale : 'zh',
    attended,
  };
}

/** Split the invited institutions into those present (any check-in for them) and those absent. */
export async function planFollowUp(eventId: string): Promise<FollowUpPlan> {
  const [minutes, invitations, checkIns, previous] = await Promise.all([getPublishedMinutes(eventId), eventInvitations(eventId), listCheckIns(eventId), listFollowUps(eventId)]);
  const institutional = invitations.filter((inv) => inv.kind === 'institution' && inv.institutionId);
  const presentInvitations = new Set(checkIns.flatMap((c) => (c.invitationId ? [c.invitationId] : [])));
  const presentInstitutions = new Set(checkIns.flatMap((c) => (c.institutionId ? [c.institutionId] : [])));
  const attended = (inv: InvitationDoc) => presentInvitations.has(String(inv._id)) || presentInstitutions.has(String(inv.institutionId));
  const names = await institutionNames(institutional.map((inv) => String(inv.institutionId)));
  const invited = new Set(institutional.map((inv) => String(inv.institutionId)));
  const uninvited = new Map<string, Bilingual>();
  for (const c of checkIns) if (c.institutionName && !(c.institutionId && invited.has(c.institutionId))) uninvited.set(c.institutionId ?? c.institutionName.zh, c.institutionName);
  const byName = (a: FollowUpRecipient, b: FollowUpRecipient) => a.institutionName.zh.localeCompare(b.institutionName.zh, 'zh');
  return {
    minutesVersion: minutes?.version ?? null,
    attending: institutional.filter(attended).map((inv) => recipientOf(inv, names, true)).sort(byName),
    absent: institutional.filter((inv) => !attended(inv)).map((inv) => recipientOf(inv, names, false)).sort(byName),
    uninvited: [...uninvited.values()],
    previous,
  };
}

/** What every message of a follow-up shares: the event, the minutes' version, the suggestions received. */
export async function followUpContext(eventId: string, minutesVersion: number): Promise<FollowUpContext> {
  const [event, suggestions] = await Promise.all([getEvent(eventId), listSuggestionSummaries({ eventIds: [eventId] })]);
  return { event, minutesVersion, suggestions };
}

/** Record the n-th sending: of two organisers sending at once only one can, and the other is told nothing more was sent. */
async function recordSending(input: { eventId: string; sequence: number; batchId: string; minutesVersion: number; includeAbsent: boolean; actor: FollowUpActor; recipients: FollowUpRecipient[] }): Promise<void> {
  const { actor, recipients, ...rest } = input;
  const recorded = await insertFollowUp({
    ...rest, sentBy: actor, sentAt: new Date(),
    recipients: recipients.map((r) => ({ invitationId: r.invitation._id, institutionId: r.invitation.institutionId, email: r.addressee.email, locale: r.locale, attended: r.attended })),
  });
  if (!recorded) throw new ConflictError('records.followup.concurrent');
}

/** The organiser's choices: absent institutions too, and yes, send again. */
export interface FollowUpOptions {
  includeAbsent: boolean;
  confirmRepeat: boolean;
}

/** Who sends, for the record and the log. */
export interface FollowUpActor {
  id: string;
  email: string;
  name: string;
}

/**
 * Queue the follow-up in the outbox, one message per institution in its language, and record the sending.
 * Refuses while no minutes are published, and a second sending unless confirmed.
 */
export async function sendFollowUp(eventId: string, options: FollowUpOptions, actor: FollowUpActor): Promise<{ batchId: string; queued: number }> {
  const plan = await planFollowUp(eventId);
  if (plan.minutesVersion === null) throw new ConflictError('records.followup.noMinutes');
  if (plan.previous.length && !options.confirmRepeat) throw new ConflictError('records.followup.alreadySent');
  const recipients = [...plan.attending, ...(options.includeAbsent ? plan.absent : [])];
  if (!recipients.length) throw new ConflictError('records.followup.nobody');
  const batchId = randomUUID();
  const sequence = plan.previous.length + 1;
  await recordSending({ eventId, sequence, batchId, minutesVersion: plan.minutesVersion, includeAbsent: options.includeAbsent, actor, recipients });
  try {
    const context = await followUpContext(eventId, plan.minutesVersion);
    const messages: OutgoingMessage[] = [];
    for (const r of recipients) messages.push(await composeFollowUp(context, r, await inviteeLink(r.invitation), batchId));
    await enqueueMessages(messages, getConfig().mail.from);
  } catch (error) {
    // Nothing was queued: forget the sending so it can be tried again without a warning.
    await deleteFollowUp(eventId, sequence);
    throw error;
  }
  logger.info({ by: actor.id, eventId, batchId }, 'Follow-up %d queued by %s: %d messages (absent included: %s)', sequence, actor.email, recipients.length, options.includeAbsent);
  return { batchId, queued: recipients.length };
}
