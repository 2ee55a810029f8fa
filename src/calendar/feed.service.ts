import { createHash, randomBytes } from 'node:crypto';
import { findCredentialHolder } from '../auth/index.js';
import { eventDescription, eventTitle, listEvents } from '../events/index.js';
import { buildCalendar } from './calendar.service.js';
import { findFeedToken, hasLiveFeedToken, insertFeedToken, revokeFeedTokensOf } from './feed-token.store.js';

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issue a new subscription token for a user, revoking their previous ones; returned once. */
export async function issueFeedToken(userId: string): Promise<string> {
  await revokeFeedTokensOf(userId);
  const token = randomBytes(24).toString('base64url');
  await insertFeedToken(hash(token), userId);
  return token;
}

/** Revoke every subscription link of a user. */
export async function revokeFeedTokens(userId: string): Promise<void> {
  await revokeFeedTokensOf(userId);
}

/** Whether a user has a live subscription link (the link itself cannot be shown again). */
export async function hasFeedToken(userId: string): Promise<boolean> {
  return hasLiveFeedToken(userId);
}

/** Who may hold a feed link: the same as the page that issues it. */
export const FEED_ACCESS = 'staff';

/** How long a cancelled event stays in the feed (as STATUS:CANCELLED) after it would have ended. */
export const CANCELLED_KEPT_DAYS = 30;

/**
 * The feed's UID of an event. Not the invitations' UID: a staff member who subscribes to the feed and was also
 * invited would otherwise hold one UID from two sources, and calendars merge or fight over it.
 */
export function feedUid(eventUid: string): string {
  return `feed-${eventUid}`;
}

/**
 * The PUBLISH calendar of every scheduled event, and of events cancelled in the last CANCELLED_KEPT_DAYS
 * (STATUS:CANCELLED, so subscribed calendars strike them out instead of silently losing them), or undefined
 * for an unknown or revoked token, or one whose user has been deactivated or may no longer see the feed.
 */
export async function buildFeed(token: string, from: string, publicUrl: string, now = new Date()): Promise<string | undefined> {
  const record = await findFeedToken(hash(token));
  if (!record || record.revokedAt) return undefined;
  if (!(await findCredentialHolder(String(record.userId), record.createdAt, FEED_ACCESS))) return undefined;
  const keptFrom = new Date(now.getTime() - CANCELLED_KEPT_DAYS * 86_400_000);
  const [scheduled, cancelled] = await Promise.all([
    listEvents({ status: 'scheduled' }),
    // "Upcoming" as of keptFrom: cancelled events that end after it.
    listEvents({ status: 'cancelled', when: 'upcoming', now: keptFrom }),
  ]);
  const events = [...scheduled, ...cancelled].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return buildCalendar({
    method: 'PUBLISH',
    from,
    name: 'Convene',
    events: events.map((event) => ({
      uid: feedUid(event.calendar?.uid ?? `${event._id}@convene`),
      sequence: event.calendar?.sequence ?? 0,
      summary: eventTitle(event, 'zh'),
      description: [eventTitle(event, 'en'), eventDescription(event, 'zh')].filter(Boolean).join('\n\n'),
      location: [event.venue?.name, event.venue?.room, event.venue?.address].filter(Boolean).join(', '),
      url: `${publicUrl}/events/${event._id}`,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timezone: event.timezone,
      cancelled: event.status === 'cancelled',
    })),
  });
}
