import { createHash, createHmac, randomBytes } from 'node:crypto';
import { getConfig } from '../config.js';
import { NotFoundError } from '../web/errors.js';
import { findInvitationLink, setLink, setLinkHashAtVersion, type LinkedInvitation } from './invitation.store.js';
import { findRsvpToken, insertRsvpToken, revokeRsvpToken } from './rsvp-token.store.js';

/** A 32-byte HMAC in base64url: exactly 43 characters of [A-Za-z0-9_-]. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Separates this use of the session secret from any other (sessions, CSRF…). */
const KEY_LABEL = 'convene:rsvp-token';

let cachedKey: { secret: string; key: Buffer } | undefined;

/** The key RSVP tokens are derived with: an HMAC of the session secret and a fixed label. */
function tokenKey(): Buffer {
  const secret = getConfig().session.secret;
  if (cachedKey?.secret !== secret) cachedKey = { secret, key: createHmac('sha256', secret).update(KEY_LABEL).digest() };
  return cachedKey.key;
}

/** SHA-256 (hex) of a token, the only form in which it is stored. */
export function hashRsvpToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The RSVP link for a token. */
export function rsvpUrl(token: string): string {
  return `${getConfig().http.publicUrl}/rsvp/${token}`;
}

/**
 * The token of an invitation's link, version `version`: HMAC-SHA256 over `<invitationId>:<version>`
 * (256 bits). Derived rather than random so every email can carry the live link again; the database
 * keeps only its hash, and without the secret a hash, id and version give no link.
 */
export function deriveRsvpToken(invitationId: string, version: number): { token: string; hash: string } {
  const token = createHmac('sha256', tokenKey()).update(`${invitationId}:${version}`).digest('base64url');
  return { token, hash: hashRsvpToken(token) };
}

/** A random token and its hash, for seeding data directly (benchmarks); invitations use derived ones. */
export function newRsvpToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashRsvpToken(token) };
}

/**
 * The live RSVP link of an invitation, derived again. When its hash is not the stored one (an invitation
 * copied to a new edition, a link from before links were derived, or a rotated secret), it becomes the
 * live one and the previous link stops working. Makes no write in the usual case. The invitation passed
 * in is not changed: calling again on it repeats the same writes.
 */
export async function rsvpUrlFor(invitation: Readonly<LinkedInvitation>): Promise<string> {
  const version = invitation.tokenVersion ?? 0;
  const { token, hash } = deriveRsvpToken(String(invitation._id), version);
  if (invitation.tokenHash !== hash) {
    await insertRsvpToken(hash, invitation);
    // Only if no reissue came in between (that one's link wins).
    await setLinkHashAtVersion(invitation._id, version, hash);
    if (invitation.tokenHash) await revokeRsvpToken(invitation.tokenHash);
  }
  return rsvpUrl(token);
}

/**
 * Replace an invitation's link (version + 1) and return the new token; the old link answers 404 from now
 * on. Two reissues racing from the same version derive the same token, so they agree on the result.
 */
export async function issueRsvpToken(invitationId: string): Promise<string> {
  const invitation = await findInvitationLink(invitationId);
  if (!invitation) throw new NotFoundError();
  const version = (invitation.tokenVersion ?? 0) + 1;
  const { token, hash } = deriveRsvpToken(String(invitation._id), version);
  await insertRsvpToken(hash, invitation);
  await setLink(invitation._id, hash, version);
  if (invitation.tokenHash && invitation.tokenHash !== hash) await revokeRsvpToken(invitation.tokenHash);
  return token;
}

/**
 * The live token record for a token from a link, or undefined (malformed, unknown or revoked). Read from
 * the database each time: another process (a second instance, the CLI) may have revoked it a moment ago.
 */
export async function findLiveToken(token: string) {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const record = await findRsvpToken(hashRsvpToken(token));
  return record && !record.revokedAt ? record : undefined;
}
