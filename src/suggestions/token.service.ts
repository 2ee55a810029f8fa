import type { RsvpContext } from './neighbours.js';
import type { SuggestionActor } from './suggestions.service.js';
import { listSuggestions } from './suggestion.store.js';
import { toRecords, type SuggestionRecord } from './summaries.service.js';

/** Suggestions one invitation may send through its link (a guard against a leaked link being used to flood the list). */
export const MAX_PER_INVITATION = 50;

/**
 * The suggestions a token may see: its own institution's for this event (those captured on the day
 * included), or, for a guest, those sent with this invitation. Never another invitee's.
 */
export async function listOwnSuggestions(context: RsvpContext): Promise<SuggestionRecord[]> {
  const { invitation } = context;
  const eventId = String(context.event._id);
  const filter = invitation.institutionId ? { eventId, institutionId: String(invitation.institutionId) } : { eventId, invitationId: String(invitation._id) };
  return toRecords(await listSuggestions(filter));
}

/** The link's holder as the history records them: a short reference of the token, never the token itself. */
export function tokenActor(context: RsvpContext): SuggestionActor {
  const recipient = context.invitation.recipient;
  const name = context.institution?.nameZh || recipient?.organisation || recipient?.name || '';
  return { kind: 'token', id: `link:${context.tokenHash.slice(0, 8)}`, name, email: '' };
}
