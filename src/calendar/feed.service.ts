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

/**
 * The PUBLISH calendar of every scheduled event, or undefined for an unknown or revoked token, or one whose
 * user has been deactivated or may no longer see the feed.
 */
export async function buildFeed(token: string, from: string, publicUrl: string): Promise<string | undefined> {
  const record = await findFeedToken(hash(token));
  if (!record || record.revokedAt) return undefined;
  if (!(await findCredentialHolder(String(record.userId), record.createdAt, FEED_ACCESS))) return undefined;
  const events = await listEvents({ status: 'scheduled' });
  return buildCalendar({
    method: 'PUBLISH',
    from,
    name: 'Convene',
    events: events.map((event) => ({
      uid: event.calendar?.uid ?? `${event._id}@convene`,
      sequence: event.calendar?.sequence ?? 0,
      summary: eventTitle(event, 'zh'),
      description: [eventTitle(event, 'en'), eventDescription(event, 'zh')].filter(Boolean).join('\n\n'),
      location: [event.venue?.name, event.venue?.room, event.venue?.address].filter(Boolean).join(', '),
      url: `${publicUrl}/events/${event._id}`,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      timezone: event.timezone,
    })),
  });
}
