import mongoose from 'mongoose';
import type { RsvpContext } from './neighbours.js';
import type { SuggestionActor } from './suggestions.service.js';
import { findSuggestionDocs, toRecords, type SuggestionRecord } from './summaries.service.js';

/** Suggestions one invitation may send through its link (a guard against a leaked link being used to flood the list). */
export const MAX_PER_INVITATION = 50;

/**
 * The suggestions a token may see: its own institution's for this event (those captured on the day
 * included), or, for a guest, those sent with this invitation. Never another invitee's.
 */
export async function listOwnSuggestions(context: RsvpContext): Promise<SuggestionRecord[]> {
  const { invitation } = context;
  const eventId = new mongoose.Types.ObjectId(String(context.event._id));
  const query = invitation.institutionId ? { eventId, institutionId: invitation.institutionId } : { eventId, invitationId: invitation._id };
  return toRecords(await findSuggestionDocs(query));
}

/** The link's holder as the history records them: a short reference of the token, never the token itself. */
export function tokenActor(context: RsvpContext): SuggestionActor {
  const recipient = context.invitation.recipient;
  const name = context.institution?.nameZh || recipient?.organisation || recipient?.name || '';
  return { kind: 'token', id: `link:${context.tokenHash.slice(0, 8)}`, name, email: '' };
}
