import { createHash, randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { getConfig } from '../config.js';
import { NotFoundError } from '../web/errors.js';
import { Invitation } from './invitation.model.js';
import { RsvpToken } from './rsvp-token.model.js';

/** 32 random bytes in base64url: exactly 43 characters of [A-Za-z0-9_-]. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 (hex) of a token, the only form in which it is stored. */
export function hashRsvpToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The RSVP link for a token. */
export function rsvpUrl(token: string): string {
  return `${getConfig().http.publicUrl}/rsvp/${token}`;
}

/** A fresh token and its hash; the token goes in the link, the hash in the database. */
export function newRsvpToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRsvpToken(token) };
}

/**
 * Issue a new RSVP token for an invitation and return it (shown once, never stored). The previous token
 * is revoked; and since only the hash recorded on the invitation is ever accepted, an older link is dead
 * even if two reissues race. Every write is by `_id`, so this stays cheap on FerretDB (where anything
 * else scans the collection) when the mail component issues links for a whole event.
 */
export async function issueRsvpToken(invitationId: string): Promise<string> {
  const invitation = mongoose.isValidObjectId(invitationId) ? await Invitation.findById(invitationId, { eventId: 1, institutionId: 1, tokenHash: 1 }).lean() : null;
  if (!invitation) throw new NotFoundError();
  const { token, hash } = newRsvpToken();
  await RsvpToken.create({ _id: hash, invitationId: invitation._id, eventId: invitation.eventId, institutionId: invitation.institutionId });
  await Invitation.updateOne({ _id: invitation._id }, { $set: { tokenHash: hash } });
  if (invitation.tokenHash) await RsvpToken.updateOne({ _id: invitation.tokenHash }, { $set: { revokedAt: new Date() } });
  return token;
}

/** The live token record for a token from a link, or undefined (malformed, unknown or revoked). */
export async function findLiveToken(token: string) {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const record = await RsvpToken.findById(hashRsvpToken(token)).lean();
  return record && !record.revokedAt ? record : undefined;
}
