import { randomUUID } from 'node:crypto';
import { getConfig } from '../config.js';
import { eventTitle, getEvent, type EventRecord } from '../events/index.js';
import { findInvitationsByIds, rsvpUrlFor, type InvitationDoc, type RsvpContext } from '../invitations/index.js';
import { logger } from '../logger.js';
import { enqueueMessages, renderEmail, type OutgoingMessage } from '../mail/index.js';
import { formatRange } from '../web/dates.js';
import { ConflictError, NotFoundError } from '../web/errors.js';
import { isLocale, translate, type Locale } from '../web/i18n.js';
import { attendingInvitationIds } from './attendance.service.js';
import { insertMinutesComment, insertReviewInvite, listCommentsOfEvent, listReviewInvitesOfEvent } from './comment.store.js';
import { assertAgendaItem } from './revisions.service.js';
import { readMinutesState, type MinutesActor } from './state.service.js';

/** A comment of an institution on one item, as the secretary and the institution read it. */
export interface MinutesCommentView {
  id: string;
  itemId: string;
  version: number;
  invitationId: string;
  institutionName: { zh: string; en: string } | null;
  authorName: string;
  text: string;
  createdAt: Date;
}

const REVIEW_TEMPLATE = 'minutes/emails/review-invitation';

/** The invitation email in the invitation's language, with the link to the minutes under its token. */
async function composeReviewEmail(event: EventRecord, invitation: InvitationDoc, batchId: string): Promise<OutgoingMessage> {
  const locale: Locale = isLocale(invitation.locale) ? invitation.locale : 'zh';
  const title = eventTitle(event, locale);
  const link = `${await rsvpUrlFor(invitation)}/minutes`;
  const subject = translate(locale, 'minutes.email.subject', { title });
  const when = formatRange(event.startsAt, event.endsAt, event.timezone, locale);
  const recipient = { name: invitation.recipient?.name ?? '', email: invitation.recipient?.email ?? '' };
  const rendered = await renderEmail(REVIEW_TEMPLATE, locale, subject, { title, when, link, recipientName: recipient.name });
  return {
    kind: 'minutes-review', template: REVIEW_TEMPLATE, locale, ...rendered,
    to: [recipient],
    cc: (invitation.cc ?? []).map((email) => ({ email })),
    eventId: String(event._id), invitationId: String(invitation._id), batchId,
  };
}

/**
 * Invite the institutions that attended (someone checked in) to read the minutes under review and comment,
 * through their own RSVP link. Returns how many were invited and the outbox batch.
 */
export async function inviteInstitutionsToReview(eventId: string, actor: MinutesActor): Promise<{ count: number; batchId: string }> {
  const event = await getEvent(eventId);
  const status = await readMinutesState(eventId);
  if (status.state !== 'in_review') throw new ConflictError('minutes.reviewNotOpen');
  const batchId = randomUUID();
  const invitations = (await findInvitationsByIds(await attendingInvitationIds(eventId)))
    .filter((invitation) => invitation.kind === 'institution' && String(invitation.eventId) === eventId);
  if (!invitations.length) return { count: 0, batchId };
  const messages = [];
  for (const invitation of invitations) messages.push(await composeReviewEmail(event, invitation, batchId));
  await enqueueMessages(messages, getConfig().mail.from);
  await insertReviewInvite({ eventId, version: status.version, at: new Date(), by: actor, count: messages.length, batchId });
  logger.info({ by: actor.id, eventId, batchId }, 'Minutes review invitations queued by %s: %d', actor.email, messages.length);
  return { count: messages.length, batchId };
}

/** When institutions were invited to comment, newest first. */
export async function listReviewInvites(eventId: string) {
  return listReviewInvitesOfEvent(eventId);
}

/** What an institution types in to comment on an item. */
export interface CommentInput {
  authorName: string;
  text: string;
}

/**
 * Whether this invitation may read and comment on the minutes under review: an institution that attended
 * (someone checked in under its invitation), as the review emails go to. Others see only published minutes.
 * It reads the event's check-ins, so callers ask only while the minutes are in review.
 */
export async function mayReviewMinutes(context: RsvpContext): Promise<boolean> {
  return attendedEvent(context);
}

/** Whether the institution behind this RSVP link attended (someone checked in under its invitation). */
export async function attendedEvent(context: RsvpContext): Promise<boolean> {
  if (context.invitation.kind !== 'institution') return false;
  return (await attendingInvitationIds(String(context.event._id))).includes(String(context.invitation._id));
}

/** Record an attending institution's comment on an item, through its RSVP link; only while the minutes are in review. */
export async function addMinutesComment(context: RsvpContext, itemId: string, input: CommentInput): Promise<void> {
  const eventId = String(context.event._id);
  const status = await readMinutesState(eventId);
  if (status.state !== 'in_review') throw new ConflictError('minutes.public.reviewClosed');
  if (!(await mayReviewMinutes(context))) throw new NotFoundError();
  await assertAgendaItem(eventId, itemId);
  const institution = context.institution;
  // Should the institution have left the directory, the name the invitation was addressed to stands in.
  const invitee = context.invitation.recipient?.organisation || context.invitation.recipient?.name || '';
  await insertMinutesComment({
    eventId, itemId, version: status.version, invitationId: String(context.invitation._id),
    institutionId: institution ? String(institution._id) : null,
    institutionName: institution ? { zh: institution.nameZh, en: institution.nameEn || institution.nameZh } : { zh: invitee, en: invitee },
    authorName: input.authorName, text: input.text, createdAt: new Date(),
  });
  logger.info({ eventId, itemId, invitationId: String(context.invitation._id) }, 'Minutes comment by invitation %s on item %s', String(context.invitation._id), itemId);
}

/** Comments on an event's minutes, oldest first; optionally of one item or one invitation. */
export async function listMinutesComments(eventId: string, filter: { itemId?: string; invitationId?: string } = {}): Promise<MinutesCommentView[]> {
  const rows = await listCommentsOfEvent(eventId, filter);
  return rows.map((row) => ({ id: row.id, itemId: row.itemId, version: row.version, invitationId: row.invitationId, institutionName: row.institutionName ?? null, authorName: row.authorName, text: row.text, createdAt: row.createdAt }));
}
