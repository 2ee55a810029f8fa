import { MinutesComment, MinutesReviewInvite } from './comment.model.js';
import type { MinutesActor } from './state.service.js';

// The only file that reads or writes institutions' comments on the minutes and the invitations to comment.

/** A comment as stored, with its id. */
export interface StoredComment {
  id: string;
  eventId: string;
  itemId: string;
  version: number;
  invitationId: string;
  institutionId: string | null;
  institutionName: { zh: string; en: string } | null;
  authorName: string;
  text: string;
  createdAt: Date;
}

/** One invitation of the attending institutions to comment. */
export interface ReviewInviteRecord {
  eventId: string;
  version: number;
  at: Date;
  by: MinutesActor;
  count: number;
  batchId: string;
}

/** Record a comment. */
export async function insertMinutesComment(comment: Omit<StoredComment, 'id'>): Promise<void> {
  await MinutesComment.create(comment);
}

/** Comments on an event's minutes, oldest first; optionally of one item or one invitation. */
export async function listCommentsOfEvent(eventId: string, filter: { itemId?: string; invitationId?: string } = {}): Promise<StoredComment[]> {
  const rows = await MinutesComment.find({ eventId, ...filter }).sort({ createdAt: 1, _id: 1 }).lean<(Omit<StoredComment, 'id'> & { _id: unknown })[]>();
  return rows.map(({ _id, ...row }) => ({ ...row, id: String(_id) }));
}

/** Record that the institutions were invited to comment. */
export async function insertReviewInvite(invite: ReviewInviteRecord): Promise<void> {
  await MinutesReviewInvite.create(invite);
}

/** When institutions were invited to comment on an event's minutes, newest first. */
export async function listReviewInvitesOfEvent(eventId: string): Promise<ReviewInviteRecord[]> {
  return MinutesReviewInvite.find({ eventId }).sort({ at: -1, _id: 1 }).lean<ReviewInviteRecord[]>();
}
