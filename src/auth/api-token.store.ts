import type { Types } from 'mongoose';
import { ApiToken } from './api-token.model.js';

// The only file that reads or writes API tokens.

/** A stored API token (its hash as `_id`, never the token). */
export interface ApiTokenRecord {
  _id: string;
  userId: Types.ObjectId;
  label: string;
  prefix: string;
  lastUsedAt?: Date | null;
  revokedAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Store a new token under its hash. */
export async function insertApiToken(fields: { _id: string; userId: string; label: string; prefix: string }): Promise<void> {
  await ApiToken.create(fields);
}

/** The token with this hash, or null. */
export async function findApiToken(hash: string): Promise<ApiTokenRecord | null> {
  return ApiToken.findById(hash).lean<ApiTokenRecord>();
}

/** A user's tokens, newest first. */
export async function listApiTokensOfUser(userId: string): Promise<ApiTokenRecord[]> {
  return ApiToken.find({ userId }).sort({ createdAt: -1 }).lean<ApiTokenRecord[]>();
}

/** Revoke a token (only if it is this user's, when one is given); false when there is no such token. */
export async function setApiTokenRevoked(hash: string, at: Date, userId?: string): Promise<boolean> {
  const filter = userId ? { _id: hash, userId } : { _id: hash };
  const { matchedCount } = await ApiToken.updateOne(filter, { $set: { revokedAt: at } });
  return matchedCount > 0;
}

/** Revoke every token of a user not revoked yet (a revoked one keeps its first date). */
export async function revokeApiTokensOfUser(userId: string, at: Date): Promise<void> {
  await ApiToken.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: at } });
}

/** Note that a token was just used. */
export async function recordApiTokenUse(hash: string, at: Date): Promise<void> {
  await ApiToken.updateOne({ _id: hash }, { $set: { lastUsedAt: at } });
}
