import { isDuplicateKeyError } from '../db/index.js';
import { RsvpToken } from './rsvp-token.model.js';

// The only file that reads or writes RSVP link tokens.

/** A token record: the hash of a link and the invitation it opens. */
export interface RsvpTokenRecord {
  _id: string;
  invitationId: unknown;
  eventId: unknown;
  institutionId?: unknown;
  revokedAt?: Date;
}

/** Record a token hash for an invitation; recording the same one twice (two senders at once) is harmless. */
export async function insertRsvpToken(hash: string, invitation: { _id: unknown; eventId: unknown; institutionId?: unknown }): Promise<void> {
  try {
    await RsvpToken.create({ _id: hash, invitationId: invitation._id, eventId: invitation.eventId, institutionId: invitation.institutionId ?? undefined });
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
  }
}

/** The token record with this hash, revoked or not; always read from the database. */
export function findRsvpToken(hash: string): Promise<RsvpTokenRecord | null> {
  return RsvpToken.findById(hash).lean<RsvpTokenRecord>();
}

/** Revoke the token with this hash: its link stops working. */
export async function revokeRsvpToken(hash: string, at = new Date()): Promise<void> {
  await RsvpToken.updateOne({ _id: hash }, { $set: { revokedAt: at } });
}
