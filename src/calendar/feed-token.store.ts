import { FeedToken } from './feed-token.model.js';

// The only file that reads or writes calendar feed tokens.

/** A feed token as stored: the hash of the secret, whose it is, and when it was revoked. */
export interface FeedTokenRecord {
  _id: string;
  userId: unknown;
  revokedAt?: Date | null;
  lastUsedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The token with this hash, or null. */
export async function findFeedToken(hash: string): Promise<FeedTokenRecord | null> {
  return FeedToken.findById(hash).lean<FeedTokenRecord>();
}

/** Whether a user has a token that is not revoked. */
export async function hasLiveFeedToken(userId: string): Promise<boolean> {
  return (await FeedToken.find({ userId }).lean<FeedTokenRecord[]>()).some((t) => !t.revokedAt);
}

/** Revoke every live token of a user. */
export async function revokeFeedTokensOf(userId: string): Promise<void> {
  const existing = await FeedToken.find({ userId }).lean<FeedTokenRecord[]>();
  for (const old of existing.filter((t) => !t.revokedAt)) await FeedToken.updateOne({ _id: old._id }, { $set: { revokedAt: new Date() } });
}

/** Store a new token (by its hash) for a user. */
export async function insertFeedToken(hash: string, userId: string): Promise<void> {
  await FeedToken.create({ _id: hash, userId });
}
